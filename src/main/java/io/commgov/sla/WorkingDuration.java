package io.commgov.sla;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SLA duration as ISO-8601 ({@code PT30M}, {@code PT2H}, {@code P1D}, {@code P1DT4H}, {@code P1W}): days are
 * working days on a working-time calendar (9 working hours each, five to a week) and 24 hours round the clock.
 * At most {@value #MAX_DAYS} days (ten years; a week counts 7 days, 24 hours a day), so that no due date, whoever asks
 * and whatever a model says, costs more than a few thousand steps of the calendar.
 */
public record WorkingDuration(long weeks, long days, Duration time) {

    /** The longest duration CommGov computes: ten years, {@code P3653D} ({@code P521W}, {@code PT87672H}). */
    public static final long MAX_DAYS = 3653;
    /** The longest text of a duration read. */
    public static final int MAX_LENGTH = 32;

    private static final Pattern ISO = Pattern.compile(
            "P(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?");

    /** A duration past the documented maximum, or a text too long to be one: the caller's error, said with the bound. */
    public static final class OutOfBounds extends IllegalArgumentException {
        OutOfBounds(String message) {
            super(message);
        }
    }

    public WorkingDuration {
        if (weeks < 0 || days < 0 || time == null || time.isNegative()) {
            throw new IllegalArgumentException("a duration cannot be negative");
        }
        Duration max = Duration.ofDays(MAX_DAYS);
        if (weeks > MAX_DAYS || days > MAX_DAYS || time.compareTo(max) > 0 || Duration.ofDays(weeks * 7 + days).plus(time).compareTo(max) > 0) {
            throw new OutOfBounds("duration must be at most P" + MAX_DAYS + "D (ten years; a week counts 7 days, a day 24 hours)");
        }
    }

    public static WorkingDuration parse(String text) {
        if (text != null && text.strip().length() > MAX_LENGTH) {
            throw new OutOfBounds("duration must be at most " + MAX_LENGTH + " characters such as P5D or PT2H (got "
                    + text.strip().length() + ")");
        }
        Matcher m = text == null ? null : ISO.matcher(text.strip().toUpperCase());
        if (m == null || !m.matches() || text.strip().equals("P") || text.strip().toUpperCase().endsWith("T")) {
            throw new IllegalArgumentException("duration must be an ISO-8601 duration of weeks, days, hours, minutes"
                    + " or seconds such as PT30M, PT2H, P1D or P1DT4H (got '" + text + "')");
        }
        try {
            long weeks = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
            long days = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
            Duration time = Duration.ZERO;
            if (m.group(3) != null) {
                time = time.plusHours(Long.parseLong(m.group(3)));
            }
            if (m.group(4) != null) {
                time = time.plusMinutes(Long.parseLong(m.group(4)));
            }
            if (m.group(5) != null) {
                time = time.plusMillis(Math.round(Double.parseDouble(m.group(5)) * 1000));
            }
            return new WorkingDuration(weeks, days, time);
        } catch (NumberFormatException | ArithmeticException e) {
            // a number past what a long or a Duration holds is far past the maximum
            throw new OutOfBounds("duration must be at most P" + MAX_DAYS + "D (ten years; a week counts 7 days, a day 24 hours)");
        }
    }

    /** The part of this duration given by the fraction, e.g. 0.8 for a warning at 80 %. */
    public Duration scaledOnWorkdays(double fraction, Duration workingDay) {
        return toWorkingTime(workingDay).multipliedBy(Math.round(fraction * 1_000_000)).dividedBy(1_000_000);
    }

    /** On a working-time calendar: each day is one working day, each week five. */
    public Duration toWorkingTime(Duration workingDay) {
        return workingDay.multipliedBy(weeks * 5 + days).plus(time);
    }

    /** Round the clock: each day is 24 hours, each week seven days. */
    public Duration toElapsedTime() {
        return Duration.ofDays(weeks * 7 + days).plus(time);
    }
}
