package io.commgov.faults;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** {@code ${faultSla.calendar()}} (public, for the expression language): fault SLAs run on {@code 24x7} unless an administrator names another calendar. */
@Component("faultSla")
public class FaultSla {

    private final String calendar;

    FaultSla(@Value("${commgov.faults.sla-calendar:24x7}") String calendar) {
        this.calendar = calendar;
    }

    public String calendar() {
        return calendar;
    }
}
