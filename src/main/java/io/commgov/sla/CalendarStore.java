package io.commgov.sla;

import java.sql.Time;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Calendars in {@code cg_calendar*}. Each node caches a calendar with its revision and checks the revision on every
 * use, so an edit made on any node of the cluster applies everywhere at once.
 */
@Component
class CalendarStore {

    record Cached(long revision, WorkingTimeCalendar calendar) {
    }

    record Header(String name, String mode, String timeZone, LocalTime opening, LocalTime closing, String workingDays,
                  long revision) {
    }

    private final JdbcTemplate jdbc;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    CalendarStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<WorkingTimeCalendar> find(String name) {
        List<Long> revision = jdbc.queryForList("select revision from cg_calendar where name = ?", Long.class, name);
        if (revision.isEmpty()) {
            cache.remove(name);
            return Optional.empty();
        }
        Cached cached = cache.get(name);
        if (cached == null || cached.revision() != revision.get(0)) {
            cached = new Cached(revision.get(0), load(name));
            cache.put(name, cached);
        }
        return Optional.of(cached.calendar());
    }

    List<String> names() {
        return jdbc.queryForList("select name from cg_calendar order by name", String.class);
    }

    private WorkingTimeCalendar load(String name) {
        Header h = jdbc.queryForObject("select name, mode, time_zone, opening_time, closing_time, working_days, revision"
                + " from cg_calendar where name = ?", (rs, i) -> new Header(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getTime(4).toLocalTime(), rs.getTime(5).toLocalTime(), rs.getString(6), rs.getLong(7)), name);
        Map<LocalDate, WorkingTimeCalendar.DayKind> days = new HashMap<>();
        jdbc.query("select calendar_date, kind from cg_calendar_day where calendar_name = ?", rs -> {
            days.put(rs.getDate(1).toLocalDate(), WorkingTimeCalendar.DayKind.valueOf(rs.getString(2)));
        }, name);
        Set<Integer> years = new HashSet<>(jdbc.queryForList("select known_year from cg_calendar_year where calendar_name = ?",
                Integer.class, name));
        var mode = WorkingTimeCalendar.Mode.valueOf(h.mode());
        if (mode == WorkingTimeCalendar.Mode.ALWAYS) {
            return WorkingTimeCalendar.roundTheClock(h.name(), ZoneId.of(h.timeZone()));
        }
        return new WorkingTimeCalendar(h.name(), mode, ZoneId.of(h.timeZone()), h.opening(), h.closing(),
                parseDays(h.workingDays()), days, years);
    }

    /** Creates or replaces a calendar's weekly rules; its days and known years stay. */
    void saveHeader(String name, WorkingTimeCalendar.Mode mode, ZoneId zone, LocalTime opening, LocalTime closing,
                    Set<DayOfWeek> workingDays, String by, Instant now) {
        String days = workingDays.stream().sorted().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(","));
        int updated = jdbc.update("update cg_calendar set mode = ?, time_zone = ?, opening_time = ?, closing_time = ?,"
                        + " working_days = ?, revision = revision + 1, updated_at = ?, updated_by = ? where name = ?",
                mode.name(), zone.getId(), Time.valueOf(opening), Time.valueOf(closing), days, utc(now), by, name);
        if (updated == 0) {
            jdbc.update("insert into cg_calendar (name, mode, time_zone, opening_time, closing_time, working_days, revision,"
                            + " updated_at, updated_by) values (?, ?, ?, ?, ?, ?, 1, ?, ?)",
                    name, mode.name(), zone.getId(), Time.valueOf(opening), Time.valueOf(closing), days, utc(now), by);
        }
    }

    void saveDay(String name, LocalDate date, WorkingTimeCalendar.DayKind kind, String note, String by, Instant now) {
        jdbc.update("delete from cg_calendar_day where calendar_name = ? and calendar_date = ?", name, date);
        jdbc.update("insert into cg_calendar_day (calendar_name, calendar_date, kind, note) values (?, ?, ?, ?)",
                name, date, kind.name(), note);
        touch(name, by, now);
    }

    boolean deleteDay(String name, LocalDate date, String by, Instant now) {
        int deleted = jdbc.update("delete from cg_calendar_day where calendar_name = ? and calendar_date = ?", name, date);
        if (deleted > 0) {
            touch(name, by, now);
        }
        return deleted > 0;
    }

    void markYearKnown(String name, int year, String by, Instant now) {
        if (jdbc.queryForObject("select count(*) from cg_calendar_year where calendar_name = ? and known_year = ?",
                Integer.class, name, year) == 0) {
            jdbc.update("insert into cg_calendar_year (calendar_name, known_year) values (?, ?)", name, year);
        }
        touch(name, by, now);
    }

    Map<LocalDate, String> notes(String name) {
        Map<LocalDate, String> notes = new HashMap<>();
        jdbc.query("select calendar_date, note from cg_calendar_day where calendar_name = ?",
                rs -> { notes.put(rs.getDate(1).toLocalDate(), rs.getString(2)); }, name);
        return notes;
    }

    private void touch(String name, String by, Instant now) {
        jdbc.update("update cg_calendar set revision = revision + 1, updated_at = ?, updated_by = ? where name = ?", utc(now), by, name);
    }

    static Set<DayOfWeek> parseDays(String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(s -> days.add(dayOf(s)));
        return days;
    }

    static DayOfWeek dayOf(String abbreviation) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(abbreviation.toUpperCase()) && abbreviation.length() >= 3) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown day of week '" + abbreviation + "' (use MON, TUE, WED, THU, FRI, SAT, SUN)");
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
