package io.commgov.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Pattern;

/** A calendar quarter such as {@code 2026-Q3}, in the business time zone. */
record Quarter(int year, int number) implements Comparable<Quarter> {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Pattern FORMAT = Pattern.compile("^\\d{4}-Q[1-4]$");

    static Quarter parse(String text) {
        if (text == null || !FORMAT.matcher(text).matches()) {
            throw new IllegalArgumentException("A quarter reads like 2026-Q3 (got '" + text + "')");
        }
        return new Quarter(Integer.parseInt(text.substring(0, 4)), text.charAt(6) - '0');
    }

    static Quarter of(LocalDate date) {
        return new Quarter(date.getYear(), (date.getMonthValue() - 1) / 3 + 1);
    }

    Quarter previous() {
        return number == 1 ? new Quarter(year - 1, 4) : new Quarter(year, number - 1);
    }

    LocalDate firstDay() {
        return LocalDate.of(year, (number - 1) * 3 + 1, 1);
    }

    Instant start() {
        return firstDay().atStartOfDay(ZONE).toInstant();
    }

    Instant end() {
        return firstDay().plusMonths(3).atStartOfDay(ZONE).toInstant();
    }

    @Override
    public int compareTo(Quarter other) {
        return Integer.compare(year * 10 + number, other.year * 10 + other.number);
    }

    @Override
    public String toString() {
        return year + "-Q" + number;
    }
}
