package io.commgov.sla;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.commgov.audit.AuditTrail;
import io.commgov.audit.Outcome;
import io.commgov.identity.CurrentUser;
import io.commgov.identity.Role;
import io.commgov.validation.Bounds;
import io.commgov.validation.ContractViolationException;
import io.commgov.validation.Violation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Calendars over REST: due dates for everyone signed in; listing and editing for platform administrators only. */
@RestController
@RequestMapping("/api/calendars")
class CalendarController {

    record DueAnswer(String due) {
    }

    record CalendarView(String name, String mode, String timeZone, String opening, String closing, List<String> workingDays,
                        List<Integer> knownYears, Map<String, DayView> days) {
    }

    record DayView(String kind, String note) {
    }

    record CalendarChange(String mode, String timeZone, String opening, String closing, List<String> workingDays) {
    }

    record DayChange(String kind, String note) {
    }

    record ChangeAnswer(String calendar, int slasRescheduled) {
    }

    private final Calendars calendars;
    private final CalendarStore store;
    private final SlaRescheduler rescheduler;
    private final CurrentUser currentUser;
    private final AuditTrail audit;

    CalendarController(Calendars calendars, CalendarStore store, SlaRescheduler rescheduler, CurrentUser currentUser,
                       AuditTrail audit) {
        this.calendars = calendars;
        this.store = store;
        this.rescheduler = rescheduler;
        this.currentUser = currentUser;
        this.audit = audit;
    }

    @GetMapping("/{name}/due")
    DueAnswer due(@PathVariable String name, @RequestParam String from, @RequestParam String duration) {
        var bounds = new ArrayList<Violation>();
        Bounds.maxLength(bounds, "calendar", name, Bounds.ID);
        Bounds.maxLength(bounds, "from", from, Bounds.NAME);
        Bounds.maxLength(bounds, "duration", duration, WorkingDuration.MAX_LENGTH);
        Bounds.check(bounds);
        OffsetDateTime start;
        try {
            start = OffsetDateTime.parse(from);
        } catch (DateTimeParseException e) {
            throw invalid("from", "date-time-with-offset",
                    "from must be an ISO-8601 date-time with offset such as 2026-04-03T10:00:00+08:00 (got '" + from + "')");
        }
        if (start.getYear() < 1900 || start.getYear() > 9999) {
            throw invalid("from", "range", "from must lie between the years 1900 and 9999 (got '" + from + "')");
        }
        try {
            return new DueAnswer(calendars.due(name, start, duration).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw invalid("duration", "range", "from + duration falls outside the supported dates (got '" + duration + "')");
        }
    }

    @GetMapping
    List<CalendarView> list() {
        requireAdministrator();
        return store.names().stream().map(this::view).toList();
    }

    @GetMapping("/{name}")
    CalendarView get(@PathVariable String name) {
        requireAdministrator();
        calendars.calendar(name);
        return view(name);
    }

    @PutMapping("/{name}")
    @Transactional
    ChangeAnswer put(@PathVariable String name, @RequestBody CalendarChange change) {
        String by = requireAdministrator();
        var bounds = new ArrayList<Violation>();
        for (var field : Map.of("mode", String.valueOf(change.mode()), "timeZone", String.valueOf(change.timeZone()),
                "opening", String.valueOf(change.opening()), "closing", String.valueOf(change.closing())).entrySet()) {
            Bounds.maxLength(bounds, field.getKey(), field.getValue(), Bounds.NAME);
        }
        Bounds.maxSize(bounds, "workingDays", change.workingDays(), 7);
        if (change.workingDays() != null && change.workingDays().stream().anyMatch(d -> d != null && d.length() > 9)) {
            bounds.add(new Violation("workingDays", "max-length", "each entry of workingDays must be a day such as MON or MONDAY"));
        }
        Bounds.check(bounds);
        var errors = new ArrayList<Violation>();
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) {
            errors.add(new Violation("name", "pattern", "name must be letters, digits, '-' or '_' (at most 64)"));
        }
        WorkingTimeCalendar.Mode mode = parse(errors, "mode", change.mode() == null ? "WORKING_HOURS" : change.mode(),
                s -> WorkingTimeCalendar.Mode.valueOf(s), "mode must be ALWAYS or WORKING_HOURS");
        ZoneId zone = parse(errors, "timeZone", change.timeZone() == null ? "Asia/Shanghai" : change.timeZone(), ZoneId::of,
                "timeZone must be a region id such as Asia/Shanghai");
        LocalTime opening = parse(errors, "opening", change.opening() == null ? "09:00" : change.opening(), LocalTime::parse,
                "opening must be a time such as 09:00");
        LocalTime closing = parse(errors, "closing", change.closing() == null ? "18:00" : change.closing(), LocalTime::parse,
                "closing must be a time such as 18:00");
        Set<DayOfWeek> days = parse(errors, "workingDays", change.workingDays() == null ? "MON,TUE,WED,THU,FRI"
                : String.join(",", change.workingDays()), CalendarStore::parseDays, "workingDays must list MON … SUN");
        if (opening != null && closing != null && !opening.isBefore(closing)) {
            errors.add(new Violation("closing", "after-opening", "closing " + closing + " must be after opening " + opening));
        }
        if (days != null && days.isEmpty() && mode == WorkingTimeCalendar.Mode.WORKING_HOURS) {
            errors.add(new Violation("workingDays", "required", "a working-hours calendar needs at least one working day"));
        }
        if (!errors.isEmpty()) {
            throw new ContractViolationException(errors);
        }
        store.saveHeader(name, mode, zone, opening, closing, days, by, Sla.now());
        return audited("calendar.changed", name, mode + " " + zone.getId() + " " + opening + "-" + closing + " " + days);
    }

    @PutMapping("/{name}/days/{date}")
    @Transactional
    ChangeAnswer putDay(@PathVariable String name, @PathVariable String date, @RequestBody DayChange change) {
        String by = requireAdministrator();
        calendars.calendar(name);
        var bounds = new ArrayList<Violation>();
        Bounds.maxLength(bounds, "date", date, 10);
        Bounds.maxLength(bounds, "kind", change.kind(), Bounds.NAME);
        Bounds.check(bounds);
        var errors = new ArrayList<Violation>();
        LocalDate day = parse(errors, "date", date, LocalDate::parse, "date must be an ISO-8601 date such as 2027-01-01");
        if (day != null) {
            Bounds.year(errors, "date", day.getYear());
        }
        WorkingTimeCalendar.DayKind kind = parse(errors, "kind", change.kind(), WorkingTimeCalendar.DayKind::valueOf,
                "kind must be HOLIDAY or WORKDAY");
        if (change.note() != null && change.note().length() > 200) {
            errors.add(new Violation("note", "max-length", "note must be at most 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ContractViolationException(errors);
        }
        store.saveDay(name, day, kind, change.note(), by, Sla.now());
        store.markYearKnown(name, day.getYear(), by, Sla.now());
        return audited("calendar.day-set", name, day + " " + kind + (change.note() == null ? "" : " (" + change.note() + ")"));
    }

    @DeleteMapping("/{name}/days/{date}")
    @Transactional
    ResponseEntity<ChangeAnswer> deleteDay(@PathVariable String name, @PathVariable String date) {
        String by = requireAdministrator();
        calendars.calendar(name);
        Bounds.requireMaxLength("date", date, 10);
        LocalDate day = parse(new ArrayList<>(), "date", date, LocalDate::parse, "");
        if (day == null) {
            throw invalid("date", "date-format", "date must be an ISO-8601 date such as 2027-01-01 (got '" + date + "')");
        }
        if (!store.deleteDay(name, day, by, Sla.now())) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        return ResponseEntity.ok(audited("calendar.day-removed", name, day.toString()));
    }

    // R-LOG: every calendar edit, with how many running SLAs it moved, in the edit's transaction
    private ChangeAnswer audited(String event, String name, String what) {
        int moved = rescheduler.rescheduleRunningSlas(name);
        audit.record(event, "calendar", name, Outcome.SUCCESS, what + "; " + moved + " running SLA(s) rescheduled");
        return new ChangeAnswer(name, moved);
    }

    private CalendarView view(String name) {
        WorkingTimeCalendar c = calendars.calendar(name);
        Map<LocalDate, String> notes = store.notes(name);
        Map<String, DayView> days = new TreeMap<>();
        c.exceptions().forEach((d, k) -> days.put(d.toString(), new DayView(k.name(), notes.get(d))));
        return new CalendarView(c.name(), c.mode().name(), c.zone().getId(), c.opening().toString(), c.closing().toString(),
                c.workingDays().stream().sorted().map(d -> d.name().substring(0, 3)).toList(), List.copyOf(c.knownYears()), days);
    }

    private String requireAdministrator() {
        if (!currentUser.isIn(Role.CAMUNDA_ADMIN)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "calendars are managed by platform administrators (camunda-admin)");
        }
        return currentUser.id().orElseThrow();
    }

    private static <T> T parse(List<Violation> errors, String field, String text, java.util.function.Function<String, T> parser,
                               String explanation) {
        try {
            return parser.apply(text == null ? null : text.strip());
        } catch (RuntimeException e) {
            errors.add(new Violation(field, text == null ? "required" : "format", explanation + " (got '" + text + "')"));
            return null;
        }
    }

    private static ContractViolationException invalid(String field, String rule, String message) {
        return new ContractViolationException(List.of(new Violation(field, rule, message)));
    }
}
