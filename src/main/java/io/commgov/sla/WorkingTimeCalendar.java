package io.commgov.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A calendar as data: either round the clock, or weekly working hours minus holidays plus make-up working days.
 * On working hours the clock runs inside them only; a due date is found by skipping whole days.
 */
public final class WorkingTimeCalendar {

    public enum Mode { ALWAYS, WORKING_HOURS }

    /**
     * How far a due date may lie after its start, in years. A duration is at most ten years ({@link WorkingDuration#MAX_DAYS});
     * on a calendar with short hours or few working days it can stretch, but never past this: each step of the
     * calculation is one day, so no due date costs more than some 11,000 steps.
     */
    public static final int HORIZON_YEARS = 30;

    public enum DayKind { HOLIDAY, WORKDAY }

    private final String name;
    private final Mode mode;
    private final ZoneId zone;
    private final LocalTime opening;
    private final LocalTime closing;
    private final Set<DayOfWeek> workingDays;
    private final Map<LocalDate, DayKind> exceptions;
    private final Set<Integer> knownYears;
    private final Duration workingDay;

    public WorkingTimeCalendar(String name, Mode mode, ZoneId zone, LocalTime opening, LocalTime closing,
                               Set<DayOfWeek> workingDays, Map<LocalDate, DayKind> exceptions, Set<Integer> knownYears) {
        if (mode == Mode.WORKING_HOURS && !opening.isBefore(closing)) {
            throw new IllegalArgumentException("opening " + opening + " must be before closing " + closing);
        }
        if (mode == Mode.WORKING_HOURS && workingDays.isEmpty()) {
            throw new IllegalArgumentException("a working-hours calendar needs at least one working day of the week");
        }
        this.name = name;
        this.mode = mode;
        this.zone = zone;
        this.opening = opening;
        this.closing = closing;
        this.workingDays = workingDays.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(workingDays);
        this.exceptions = Map.copyOf(exceptions);
        this.knownYears = Set.copyOf(knownYears);
        this.workingDay = Duration.between(opening, closing);
    }

    public static WorkingTimeCalendar roundTheClock(String name, ZoneId zone) {
        return new WorkingTimeCalendar(name, Mode.ALWAYS, zone, LocalTime.MIDNIGHT, LocalTime.MAX, EnumSet.allOf(DayOfWeek.class),
                Map.of(), Set.of());
    }

    /** The instant {@code duration} of working time after {@code from}, in the offset of {@code from}. */
    public OffsetDateTime due(OffsetDateTime from, WorkingDuration duration) {
        Instant due = mode == Mode.ALWAYS
                ? from.toInstant().plus(duration.toElapsedTime())
                : addWorkingTime(from.toInstant(), duration.toWorkingTime(workingDay));
        return due.atOffset(from.getOffset()).withOffsetSameInstant(from.getOffset());
    }

    public Instant due(Instant from, WorkingDuration duration) {
        return mode == Mode.ALWAYS ? from.plus(duration.toElapsedTime()) : addWorkingTime(from, duration.toWorkingTime(workingDay));
    }

    /** The instant at {@code fraction} of the duration (working time on working hours), e.g. the 80 % warning. */
    public Instant partOf(Instant from, WorkingDuration duration, double fraction) {
        if (mode == Mode.ALWAYS) {
            Duration whole = duration.toElapsedTime();
            return from.plus(whole.multipliedBy(Math.round(fraction * 1_000_000)).dividedBy(1_000_000));
        }
        return addWorkingTime(from, duration.scaledOnWorkdays(fraction, workingDay));
    }

    /** Working time between two instants (zero if {@code to} is not after {@code from}). */
    public Duration workingTimeBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (mode == Mode.ALWAYS) {
            return Duration.between(from, to);
        }
        if (Duration.between(from, to).toDays() > HORIZON_YEARS * 366L) {
            throw new WorkingDuration.OutOfBounds("working time is counted over at most " + HORIZON_YEARS + " years (from " + from
                    + " to " + to + ")");
        }
        Duration total = Duration.ZERO;
        ZonedDateTime end = to.atZone(zone);
        LocalDate day = from.atZone(zone).toLocalDate();
        while (!day.isAfter(end.toLocalDate())) {
            if (isWorkingDay(day)) {
                ZonedDateTime open = day.atTime(opening).atZone(zone);
                ZonedDateTime close = day.atTime(closing).atZone(zone);
                ZonedDateTime a = later(open, from.atZone(zone));
                ZonedDateTime b = earlier(close, end);
                if (b.isAfter(a)) {
                    total = total.plus(Duration.between(a, b));
                }
            }
            day = day.plusDays(1);
        }
        return total;
    }

    private Instant addWorkingTime(Instant from, Duration amount) {
        ZonedDateTime t = from.atZone(zone);
        Duration remaining = amount;
        if (remaining.isZero() || remaining.isNegative()) {
            return from;
        }
        LocalDate horizon = t.toLocalDate().plusYears(HORIZON_YEARS);
        while (true) {
            LocalDate day = t.toLocalDate();
            if (day.isAfter(horizon)) {
                throw beyondHorizon(from, amount);
            }
            if (!isWorkingDay(day) || !t.toLocalTime().isBefore(closing)) {
                t = nextWorkingDay(day).atTime(opening).atZone(zone);
                continue;
            }
            if (t.toLocalTime().isBefore(opening)) {
                t = day.atTime(opening).atZone(zone);
            }
            Duration available = Duration.between(t.toLocalTime(), closing);
            if (remaining.compareTo(available) <= 0) {
                return t.plus(remaining).toInstant();
            }
            remaining = remaining.minus(available);
            // whole working days at once, then the rest within one day
            LocalDate next = nextWorkingDay(day);
            while (remaining.compareTo(workingDay) > 0) {
                remaining = remaining.minus(workingDay);
                next = nextWorkingDay(next);
                if (next.isAfter(horizon)) {
                    throw beyondHorizon(from, amount);
                }
            }
            t = next.atTime(opening).atZone(zone);
        }
    }

    private WorkingDuration.OutOfBounds beyondHorizon(Instant from, Duration amount) {
        return new WorkingDuration.OutOfBounds("calendar " + name + " cannot fit " + amount + " of working time within "
                + HORIZON_YEARS + " years after " + from + ": use a shorter duration");
    }

    private LocalDate nextWorkingDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        for (int guard = 0; !isWorkingDay(next); guard++) {
            if (guard > 366) {
                throw new IllegalStateException("calendar " + name + " has no working day within a year after " + day);
            }
            next = next.plusDays(1);
        }
        return next;
    }

    public boolean isWorkingDay(LocalDate day) {
        if (mode == Mode.ALWAYS) {
            return true;
        }
        DayKind exception = exceptions.get(day);
        if (exception != null) {
            return exception == DayKind.WORKDAY;
        }
        return workingDays.contains(day.getDayOfWeek());
    }

    /** Whether the official schedule of this year has been loaded (otherwise only the weekly hours apply). */
    public boolean knowsYear(int year) {
        return mode == Mode.ALWAYS || knownYears.contains(year);
    }

    public Set<Integer> knownYears() {
        return new TreeSet<>(knownYears);
    }

    public String name() {
        return name;
    }

    public Mode mode() {
        return mode;
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalTime opening() {
        return opening;
    }

    public LocalTime closing() {
        return closing;
    }

    public Set<DayOfWeek> workingDays() {
        return EnumSet.copyOf(workingDays.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : workingDays);
    }

    public Map<LocalDate, DayKind> exceptions() {
        return exceptions;
    }

    private static ZonedDateTime later(ZonedDateTime a, ZonedDateTime b) {
        return a.isAfter(b) ? a : b;
    }

    private static ZonedDateTime earlier(ZonedDateTime a, ZonedDateTime b) {
        return a.isBefore(b) ? a : b;
    }
}
