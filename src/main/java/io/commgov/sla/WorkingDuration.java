package io.commgov.sla;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SLA duration as ISO-8601 ({@code PT30M}, {@code PT2H}, {@code P1D}, {@code P1DT4H}, {@code P1W}): days are
 * working days on a working-time calendar (9 working hours each, five to a week) and 24 hours round the clock.
 */
public record WorkingDuration(long weeks, long days, Duration time) {

    private static final Pattern ISO = Pattern.compile(
            "P(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?");

    public static WorkingDuration parse(String text) {
        Matcher m = text == null ? null : ISO.matcher(text.strip().toUpperCase());
        if (m == null || !m.matches() || text.strip().equals("P") || text.strip().toUpperCase().endsWith("T")) {
            throw new IllegalArgumentException("duration must be an ISO-8601 duration of weeks, days, hours, minutes"
                    + " or seconds such as PT30M, PT2H, P1D or P1DT4H (got '" + text + "')");
        }
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
