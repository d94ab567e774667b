package io.commgov.accounts;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;

import io.commgov.sla.Calendars;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Dates of the account timers (R-ACC-3), used in the models as {@code ${accountTimers.expiryAt(endDate)}}: an
 * account is valid through its end date and disabled when that day is over; the applicant is reminded at the
 * start of the working day that lies {@code commgov.accounts.reminder-working-days} working days (on the calendar
 * {@code commgov.accounts.reminder-calendar}) before it.
 */
@Component("accountTimers")
public class AccountTimers {

    static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalTime WORKDAY_START = LocalTime.of(9, 0);

    private final Calendars calendars;
    private final String calendar;
    private final int reminderWorkingDays;

    AccountTimers(Calendars calendars, @Value("${commgov.accounts.reminder-calendar:workdays}") String calendar,
                  @Value("${commgov.accounts.reminder-working-days:3}") int reminderWorkingDays) {
        this.calendars = calendars;
        this.calendar = calendar;
        this.reminderWorkingDays = reminderWorkingDays;
    }

    public Date expiryAt(Object endDate) {
        return at(dateOf(endDate).plusDays(1), LocalTime.MIDNIGHT);
    }

    public Date reminderAt(Object endDate) {
        LocalDate day = dateOf(endDate);
        for (int counted = 0; counted < reminderWorkingDays; ) {
            day = day.minusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return at(day, WORKDAY_START);
    }

    /** The start of a day, for changes that take effect on a date. */
    public Date startOf(Object date) {
        return at(dateOf(date), LocalTime.MIDNIGHT);
    }

    // public holidays and make-up workdays come from the calendar (R-SLA)
    boolean isWorkingDay(LocalDate day) {
        return calendars.isWorkingDay(calendar, day);
    }

    static LocalDate dateOf(Object value) {
        if (value instanceof Date d) {
            return d.toInstant().atZone(BUSINESS_ZONE).toLocalDate();
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        String s = String.valueOf(value).strip();
        return s.length() <= 10 ? LocalDate.parse(s) : java.time.OffsetDateTime.parse(s).atZoneSameInstant(BUSINESS_ZONE).toLocalDate();
    }

    private static Date at(LocalDate day, LocalTime time) {
        return Date.from(day.atTime(time).atZone(BUSINESS_ZONE).toInstant());
    }
}
