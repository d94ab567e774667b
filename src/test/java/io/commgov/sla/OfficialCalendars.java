package io.commgov.sla;

import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The calendars exactly as the migrations ship them, on a throwaway H2 database, without the application. */
final class OfficialCalendars {

    private static CalendarStore store;

    private OfficialCalendars() {
    }

    static synchronized CalendarStore store() {
        if (store == null) {
            var dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:mem:calendars-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            dataSource.setUser("sa");
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").table("cg_schema_history").load().migrate();
            store = new CalendarStore(new JdbcTemplate(dataSource));
        }
        return store;
    }

    static WorkingTimeCalendar workdays() {
        return store().find("workdays").orElseThrow();
    }

    static WorkingTimeCalendar roundTheClock() {
        return store().find("24x7").orElseThrow();
    }
}
