package io.commgov.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Thousands of random instants over 2025–2026 against an independent reference: it reads the holidays straight from
 * the migration's text and walks day by day, one working interval at a time, with no whole-day skipping.
 */
class WorkingTimeReferenceTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalTime OPEN = LocalTime.of(9, 0);
    private static final LocalTime CLOSE = LocalTime.of(18, 0);
    private static final String[] DURATIONS = {"PT30M", "PT2H", "P1D", "P2D", "P1DT4H", "PT1M", "P5D", "PT8H59M"};

    @Test
    void agreesWithTheDayByDayReferenceOnRandomInstants() throws IOException {
        Map<LocalDate, Boolean> exceptions = exceptionsFromMigration();
        WorkingTimeCalendar workdays = OfficialCalendars.workdays();
        long seed = Long.getLong("commgov.test.seed", 20261125L);
        Random random = new Random(seed);
        Instant start = LocalDateTime.of(2025, 1, 1, 0, 0).atZone(SHANGHAI).toInstant();
        long span = Duration.between(start, LocalDateTime.of(2026, 12, 20, 0, 0).atZone(SHANGHAI).toInstant()).getSeconds();
        for (int i = 0; i < 5000; i++) {
            Instant from = start.plusSeconds((long) (random.nextDouble() * span) / 60 * 60);
            String text = random.nextInt(4) == 0 ? "PT" + (1 + random.nextInt(2000)) + "M" : DURATIONS[random.nextInt(DURATIONS.length)];
            WorkingDuration duration = WorkingDuration.parse(text);
            Instant expected = reference(from, duration.toWorkingTime(Duration.ofHours(9)), exceptions);
            assertThat(workdays.due(from, duration)).as("seed %d, #%d: %s + %s", seed, i, from.atZone(SHANGHAI), text)
                    .isEqualTo(expected);
        }
    }

    private static Instant reference(Instant from, Duration amount, Map<LocalDate, Boolean> exceptions) {
        ZonedDateTime t = from.atZone(SHANGHAI);
        Duration left = amount;
        LocalDate day = t.toLocalDate();
        while (true) {
            boolean working = exceptions.getOrDefault(day, day.getDayOfWeek().getValue() <= 5);
            if (working) {
                ZonedDateTime open = day.atTime(OPEN).atZone(SHANGHAI);
                ZonedDateTime close = day.atTime(CLOSE).atZone(SHANGHAI);
                ZonedDateTime begin = t.isAfter(open) ? t : open;
                if (begin.isBefore(close)) {
                    Duration available = Duration.between(begin, close);
                    if (left.compareTo(available) <= 0) {
                        return begin.plus(left).toInstant();
                    }
                    left = left.minus(available);
                }
            }
            day = day.plusDays(1);
            t = day.atStartOfDay(SHANGHAI);
        }
    }

    /** true = make-up working day, false = holiday, read from the SQL text itself. */
    private static Map<LocalDate, Boolean> exceptionsFromMigration() throws IOException {
        try (InputStream in = WorkingTimeReferenceTest.class.getResourceAsStream("/db/migration/V010__create_calendars.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            var row = Pattern.compile("\\('workdays', '(\\d{4}-\\d{2}-\\d{2})', '(HOLIDAY|WORKDAY)'").matcher(sql);
            Map<LocalDate, Boolean> exceptions = new HashMap<>();
            while (row.find()) {
                exceptions.put(LocalDate.parse(row.group(1)), row.group(2).equals("WORKDAY"));
            }
            assertThat(exceptions).hasSizeGreaterThan(60);
            return exceptions;
        }
    }
}
