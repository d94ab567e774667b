package io.commgov.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Working-time arithmetic exactly as SPEC R-SLA defines it, on the calendars the migrations ship. */
class WorkingTimeCalendarTest {

    private final WorkingTimeCalendar workdays = OfficialCalendars.workdays();

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({
            // the three worked examples of SPEC R-SLA
            "2026-11-20T17:00+08:00, P1D, 2026-11-23T17:00+08:00",
            "2026-11-21T10:00+08:00, P1D, 2026-11-23T18:00+08:00",
            "2026-04-03T10:00+08:00, P1D, 2026-04-07T10:00+08:00",
            // before opening, at opening, at closing, after closing
            "2026-11-24T07:30+08:00, PT2H, 2026-11-24T11:00+08:00",
            "2026-11-24T09:00+08:00, P1D, 2026-11-24T18:00+08:00",
            "2026-11-24T18:00+08:00, PT30M, 2026-11-25T09:30+08:00",
            "2026-11-24T21:15+08:00, PT2H, 2026-11-25T11:00+08:00",
            "2026-11-24T17:45+08:00, PT30M, 2026-11-25T09:15+08:00",
            "2026-11-24T17:30+08:00, PT30M, 2026-11-24T18:00+08:00",
            // durations
            "2026-11-24T10:00+08:00, P2D, 2026-11-26T10:00+08:00",
            "2026-11-24T10:00+08:00, P1DT4H, 2026-11-25T14:00+08:00",
            "2026-11-24T10:00+08:00, PT9H, 2026-11-25T10:00+08:00",
            "2026-11-24T10:00+08:00, P1W, 2026-12-01T10:00+08:00",
            // 2026 holiday blocks and make-up days
            "2025-12-31T17:00+08:00, PT2H, 2026-01-04T10:00+08:00",
            "2026-01-02T10:00+08:00, PT1H, 2026-01-04T10:00+08:00",
            "2026-01-04T09:00+08:00, P1D, 2026-01-04T18:00+08:00",
            "2026-02-13T17:00+08:00, PT2H, 2026-02-14T10:00+08:00",
            "2026-02-14T17:00+08:00, PT2H, 2026-02-24T10:00+08:00",
            "2026-02-20T12:00+08:00, PT30M, 2026-02-24T09:30+08:00",
            "2026-02-27T17:00+08:00, PT2H, 2026-02-28T10:00+08:00",
            "2026-02-28T17:00+08:00, PT2H, 2026-03-02T10:00+08:00",
            "2026-04-03T17:00+08:00, PT2H, 2026-04-07T10:00+08:00",
            "2026-04-30T17:00+08:00, PT2H, 2026-05-06T10:00+08:00",
            "2026-05-08T17:00+08:00, PT2H, 2026-05-09T10:00+08:00",
            "2026-05-09T17:00+08:00, PT2H, 2026-05-11T10:00+08:00",
            "2026-06-18T17:00+08:00, PT2H, 2026-06-22T10:00+08:00",
            "2026-09-18T17:00+08:00, PT2H, 2026-09-20T10:00+08:00",
            "2026-09-24T17:00+08:00, PT2H, 2026-09-28T10:00+08:00",
            "2026-09-30T17:00+08:00, PT2H, 2026-10-08T10:00+08:00",
            "2026-10-09T17:00+08:00, PT2H, 2026-10-10T10:00+08:00",
            "2026-10-10T17:00+08:00, PT2H, 2026-10-12T10:00+08:00",
            // a request on a holiday or a make-up day
            "2026-10-03T11:00+08:00, P1D, 2026-10-08T18:00+08:00",
            "2026-10-10T11:00+08:00, P1D, 2026-10-12T11:00+08:00",
            // 2025 Spring Festival with both make-up days
            "2025-01-24T17:00+08:00, PT2H, 2025-01-26T10:00+08:00",
            "2025-01-27T17:00+08:00, PT2H, 2025-02-05T10:00+08:00",
            "2025-02-07T17:00+08:00, PT2H, 2025-02-08T10:00+08:00",
            // input in UTC: the answer keeps the input's offset
            "2026-11-20T09:00Z, P1D, 2026-11-23T09:00Z",
            "2026-04-03T02:00Z, P1D, 2026-04-07T02:00Z",
            "2026-11-24T00:30Z, PT30M, 2026-11-24T01:30Z",
    })
    void dueOnWorkdays(String from, String duration, String expected) {
        OffsetDateTime due = workdays.due(OffsetDateTime.parse(from), WorkingDuration.parse(duration));
        assertThat(due).isEqualTo(OffsetDateTime.parse(expected));
        assertThat(due.getOffset()).isEqualTo(OffsetDateTime.parse(from).getOffset());
    }

    @ParameterizedTest(name = "24x7: {0} + {1} = {2}")
    @CsvSource({
            "2026-11-21T23:50+08:00, PT30M, 2026-11-22T00:20+08:00",
            "2026-10-01T10:00+08:00, PT2H, 2026-10-01T12:00+08:00",
            "2026-11-20T17:00+08:00, P1D, 2026-11-21T17:00+08:00",
            "2026-11-20T17:00Z, P1DT4H, 2026-11-21T21:00Z",
    })
    void dueRoundTheClock(String from, String duration, String expected) {
        assertThat(OfficialCalendars.roundTheClock().due(OffsetDateTime.parse(from), WorkingDuration.parse(duration)))
                .isEqualTo(OffsetDateTime.parse(expected));
    }

    @Test
    void makeUpWeekendsWorkAndHolidayWeekdaysDoNot() {
        assertThat(workdays.isWorkingDay(LocalDate.of(2026, 2, 14))).isTrue();
        assertThat(workdays.isWorkingDay(LocalDate.of(2026, 2, 16))).isFalse();
        assertThat(workdays.isWorkingDay(LocalDate.of(2026, 11, 21))).isFalse();
        assertThat(workdays.isWorkingDay(LocalDate.of(2026, 11, 23))).isTrue();
        assertThat(workdays.knowsYear(2026)).isTrue();
        assertThat(workdays.knowsYear(2027)).isFalse();
    }

    @Test
    void aYearWithoutScheduleCountsTheWeeklyHours() {
        // 2027-01-01 is a Friday; without the 2027 schedule it is an ordinary working day
        assertThat(workdays.due(OffsetDateTime.parse("2026-12-31T17:00+08:00"), WorkingDuration.parse("PT2H")))
                .isEqualTo(OffsetDateTime.parse("2027-01-01T10:00+08:00"));
    }

    @Test
    void warningAtEightyPercentOfTheWorkingTime() {
        var from = OffsetDateTime.parse("2026-11-20T17:00+08:00").toInstant();
        assertThat(workdays.partOf(from, WorkingDuration.parse("P1D"), 0.8))
                .isEqualTo(OffsetDateTime.parse("2026-11-23T15:12+08:00").toInstant());
        assertThat(OfficialCalendars.roundTheClock().partOf(from, WorkingDuration.parse("PT30M"), 0.8))
                .isEqualTo(from.plus(Duration.ofMinutes(24)));
    }

    @Test
    void workingTimeBetweenTwoInstants() {
        assertThat(workdays.workingTimeBetween(OffsetDateTime.parse("2026-11-20T17:00+08:00").toInstant(),
                OffsetDateTime.parse("2026-11-23T17:00+08:00").toInstant())).isEqualTo(Duration.ofHours(9));
    }

    @Test
    void durationsAreIsoAndBadOnesAreNamed() {
        assertThat(WorkingDuration.parse("P1DT4H").toWorkingTime(Duration.ofHours(9))).isEqualTo(Duration.ofHours(13));
        assertThat(WorkingDuration.parse("PT30M").toElapsedTime()).isEqualTo(Duration.ofMinutes(30));
        for (String bad : new String[] {"", "P", "PT", "1D", "P1M", "P1Y", "PT-1H", "one day"}) {
            assertThatThrownBy(() -> WorkingDuration.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ISO-8601");
        }
    }

    @Test
    void durationsAreAtMostTenYearsWhoeverAsks() {
        assertThat(WorkingDuration.parse("P3653D").toElapsedTime()).isEqualTo(Duration.ofDays(3653));
        assertThat(WorkingDuration.parse("P521W").toElapsedTime()).isEqualTo(Duration.ofDays(3647));
        assertThat(WorkingDuration.parse("PT87672H").toElapsedTime()).isEqualTo(Duration.ofDays(3653));
        for (String tooLong : new String[] {"P3654D", "P522W", "PT87673H", "P3653DT1S", "P9999999999D", "PT9999999999M",
                "P99999999999999999999D", "PT99999999999999999999H", "P1" + "0".repeat(40) + "D", "P521W7D"}) {
            assertThatThrownBy(() -> WorkingDuration.parse(tooLong)).as(tooLong).isInstanceOf(WorkingDuration.OutOfBounds.class)
                    .hasMessageContaining(tooLong.length() > WorkingDuration.MAX_LENGTH ? "at most 32 characters" : "at most P3653D");
        }
        assertThatThrownBy(() -> new WorkingDuration(0, 9_999_999_999L, Duration.ZERO)).isInstanceOf(WorkingDuration.OutOfBounds.class);
        assertThatThrownBy(() -> new WorkingDuration(-1, 0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLongestDurationStillHasADueDateOnBothKindsOfCalendar() {
        var from = OffsetDateTime.parse("2026-11-24T10:00+08:00");
        assertThat(workdays.due(from, WorkingDuration.parse("P3653D")).getYear()).isBetween(2040, 2042);
        var roundTheClock = WorkingTimeCalendar.roundTheClock("24x7", java.time.ZoneId.of("Asia/Shanghai"));
        assertThat(roundTheClock.due(from, WorkingDuration.parse("P3653D"))).isEqualTo(from.plusDays(3653));
    }

    /** A calendar of one minute a week stretches ten years of working time past any horizon: refused, not computed for ages. */
    @Test
    void aCalendarThatCannotFitTheDurationWithinItsHorizonSaysSo() {
        var oneMinuteOnMondays = new WorkingTimeCalendar("thin", WorkingTimeCalendar.Mode.WORKING_HOURS, java.time.ZoneId.of("Asia/Shanghai"),
                java.time.LocalTime.of(9, 0), java.time.LocalTime.of(9, 1), java.util.EnumSet.of(java.time.DayOfWeek.MONDAY),
                java.util.Map.of(), java.util.Set.of());
        var from = OffsetDateTime.parse("2026-11-24T10:00+08:00");
        assertThat(oneMinuteOnMondays.due(from, WorkingDuration.parse("PT3M"))).isEqualTo(OffsetDateTime.parse("2026-12-14T09:01+08:00"));
        assertThatThrownBy(() -> oneMinuteOnMondays.due(from, WorkingDuration.parse("PT87672H")))
                .isInstanceOf(WorkingDuration.OutOfBounds.class).hasMessageContaining("within 30 years");
        assertThatThrownBy(() -> oneMinuteOnMondays.partOf(from.toInstant(), WorkingDuration.parse("P3653D"), 0.8))
                .isInstanceOf(WorkingDuration.OutOfBounds.class);
        assertThatThrownBy(() -> workdays.workingTimeBetween(from.toInstant(), from.plusYears(31).toInstant()))
                .isInstanceOf(WorkingDuration.OutOfBounds.class).hasMessageContaining("30 years");
    }
}
