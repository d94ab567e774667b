package io.commgov.sla;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Due-date computations per second on the shipped {@code workdays} calendar: {@code P1D} from random instants of
 * 2025–2026, and {@code P30D} from instants just before the 2026 Spring Festival block.
 * Run: {@code ./mvnw -Pbench test-compile exec:exec -Dbench=WorkingTimeBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WorkingTimeBenchmark {

    private static final int SAMPLES = 4096;

    private WorkingTimeCalendar workdays;
    private final WorkingDuration oneDay = WorkingDuration.parse("P1D");
    private final WorkingDuration thirtyDays = WorkingDuration.parse("P30D");
    private final Instant[] randomInstants = new Instant[SAMPLES];
    private final Instant[] beforeSpringFestival = new Instant[SAMPLES];
    private int next;

    @Setup
    public void setUp() {
        workdays = OfficialCalendars.workdays();
        Random random = new Random(42);
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        Instant start = LocalDateTime.of(2025, 1, 1, 0, 0).atZone(shanghai).toInstant();
        Instant festival = LocalDateTime.of(2026, 2, 10, 0, 0).atZone(shanghai).toInstant();
        for (int i = 0; i < SAMPLES; i++) {
            randomInstants[i] = start.plusSeconds(random.nextInt(2 * 365 * 24 * 3600));
            beforeSpringFestival[i] = festival.plusSeconds(random.nextInt(5 * 24 * 3600));
        }
    }

    @Benchmark
    public Instant oneWorkingDayFromRandomInstants() {
        return workdays.due(randomInstants[next++ & (SAMPLES - 1)], oneDay);
    }

    @Benchmark
    public Instant thirtyWorkingDaysAcrossSpringFestival() {
        return workdays.due(beforeSpringFestival[next++ & (SAMPLES - 1)], thirtyDays);
    }
}
