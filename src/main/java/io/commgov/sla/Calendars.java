package io.commgov.sla;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.commgov.validation.ContractViolationException;
import io.commgov.validation.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Due dates on named calendars; the entry point for every other module. */
@Service
public class Calendars {

    private static final Logger log = LoggerFactory.getLogger(Calendars.class);

    private final CalendarStore store;
    private final Set<String> reportedMissingYears = ConcurrentHashMap.newKeySet();

    Calendars(CalendarStore store) {
        this.store = store;
    }

    public WorkingTimeCalendar calendar(String name) {
        return store.find(name).orElseThrow(() -> new ContractViolationException(List.of(new Violation("calendar",
                "unknown-calendar", "calendar '" + name + "' does not exist (known: " + String.join(", ", store.names()) + ")"))));
    }

    public OffsetDateTime due(String calendarName, OffsetDateTime from, String duration) {
        WorkingTimeCalendar calendar = calendar(calendarName);
        OffsetDateTime due = bounded(() -> calendar.due(from, parse(duration)));
        reportUnknownYears(calendar, from.toInstant(), due.toInstant());
        return due;
    }

    public Instant due(String calendarName, Instant from, String duration) {
        WorkingTimeCalendar calendar = calendar(calendarName);
        Instant due = bounded(() -> calendar.due(from, parse(duration)));
        reportUnknownYears(calendar, from, due);
        return due;
    }

    static WorkingDuration parse(String duration) {
        try {
            return WorkingDuration.parse(duration);
        } catch (WorkingDuration.OutOfBounds e) {
            throw tooLong(e);
        } catch (IllegalArgumentException e) {
            throw new ContractViolationException(List.of(new Violation("duration", "iso-8601-duration", e.getMessage())));
        }
    }

    /** A calculation on a calendar that went past the bounds (duration, horizon) is the caller's error naming the duration. */
    static <T> T bounded(java.util.function.Supplier<T> calculation) {
        try {
            return calculation.get();
        } catch (WorkingDuration.OutOfBounds e) {
            throw tooLong(e);
        }
    }

    private static ContractViolationException tooLong(WorkingDuration.OutOfBounds e) {
        return new ContractViolationException(List.of(new Violation("duration", "max-duration", e.getMessage())));
    }

    /** A due date in a year without its official schedule is computed on the weekly hours alone; say so once. */
    void reportUnknownYears(WorkingTimeCalendar calendar, Instant from, Instant due) {
        int first = from.atZone(calendar.zone()).getYear();
        int last = due.atZone(calendar.zone()).getYear();
        for (int year = first; year <= last; year++) {
            if (!calendar.knowsYear(year) && reportedMissingYears.add(calendar.name() + "/" + year)) {
                log.warn("Calendar '{}' has no official schedule for {}: due dates in {} count weekly working hours only;"
                        + " load next year's holidays and make-up days (PUT /api/calendars/{}/days/…)", calendar.name(), year, year,
                        calendar.name());
            }
        }
    }

    /** Calendars whose schedule for {@code year} has not been loaded. */
    public List<String> missingSchedule(int year) {
        return store.names().stream().filter(n -> store.find(n).map(c -> !c.knowsYear(year)).orElse(false)).toList();
    }

    public boolean isWorkingDay(String calendarName, LocalDate day) {
        return calendar(calendarName).isWorkingDay(day);
    }
}
