package io.commgov.sla;

import java.time.ZoneId;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** {@code Task_FindCalendarsWithoutNextYear}: which calendars lack next year's official schedule. */
@Component
class FindCalendarsWithoutNextYearDelegate implements JavaDelegate {

    private final Calendars calendars;

    FindCalendarsWithoutNextYearDelegate(Calendars calendars) {
        this.calendars = calendars;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int nextYear = ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.of("Asia/Shanghai")).getYear() + 1;
        List<String> missing = calendars.missingSchedule(nextYear);
        execution.setVariable("scheduleYear", String.valueOf(nextYear));
        execution.setVariable("calendarsMissingSchedule", missing);
        execution.setVariable("calendarsMissingScheduleText", String.join(", ", missing));
    }
}
