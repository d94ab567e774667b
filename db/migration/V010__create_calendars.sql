-- Working-time calendars as data (R-SLA): round the clock, and Mon-Fri 09:00-18:00 with China's official holidays
-- and make-up working days for 2025 (State Council notice of 2024-11-12) and 2026 (notice of 2025-11-04).
create table cg_calendar (
    name          varchar(64)  not null primary key,
    mode          varchar(16)  not null,
    time_zone     varchar(64)  not null,
    opening_time  time         not null,
    closing_time  time         not null,
    working_days  varchar(40)  not null,
    revision      bigint       not null,
    updated_at    datetime(3)  not null,
    updated_by    varchar(64)  not null
);

create table cg_calendar_day (
    calendar_name varchar(64)  not null,
    calendar_date date         not null,
    kind          varchar(16)  not null,
    note          varchar(200),
    primary key (calendar_name, calendar_date),
    constraint fk_calendar_day_calendar foreign key (calendar_name) references cg_calendar (name)
);

create table cg_calendar_year (
    calendar_name varchar(64)  not null,
    known_year    int          not null,
    primary key (calendar_name, known_year),
    constraint fk_calendar_year_calendar foreign key (calendar_name) references cg_calendar (name)
);

insert into cg_calendar (name, mode, time_zone, opening_time, closing_time, working_days, revision, updated_at, updated_by) values
    ('24x7', 'ALWAYS', 'Asia/Shanghai', '00:00:00', '23:59:59', 'MON,TUE,WED,THU,FRI,SAT,SUN', 1, '2026-01-01 00:00:00', 'system'),
    ('workdays', 'WORKING_HOURS', 'Asia/Shanghai', '09:00:00', '18:00:00', 'MON,TUE,WED,THU,FRI', 1, '2026-01-01 00:00:00', 'system');

insert into cg_calendar_year (calendar_name, known_year) values ('workdays', 2025), ('workdays', 2026);

insert into cg_calendar_day (calendar_name, calendar_date, kind, note) values
    ('workdays', '2025-01-01', 'HOLIDAY', '元旦'),
    ('workdays', '2025-01-28', 'HOLIDAY', '春节'),
    ('workdays', '2025-01-29', 'HOLIDAY', '春节'),
    ('workdays', '2025-01-30', 'HOLIDAY', '春节'),
    ('workdays', '2025-01-31', 'HOLIDAY', '春节'),
    ('workdays', '2025-02-01', 'HOLIDAY', '春节'),
    ('workdays', '2025-02-02', 'HOLIDAY', '春节'),
    ('workdays', '2025-02-03', 'HOLIDAY', '春节'),
    ('workdays', '2025-02-04', 'HOLIDAY', '春节'),
    ('workdays', '2025-04-04', 'HOLIDAY', '清明节'),
    ('workdays', '2025-04-05', 'HOLIDAY', '清明节'),
    ('workdays', '2025-04-06', 'HOLIDAY', '清明节'),
    ('workdays', '2025-05-01', 'HOLIDAY', '劳动节'),
    ('workdays', '2025-05-02', 'HOLIDAY', '劳动节'),
    ('workdays', '2025-05-03', 'HOLIDAY', '劳动节'),
    ('workdays', '2025-05-04', 'HOLIDAY', '劳动节'),
    ('workdays', '2025-05-05', 'HOLIDAY', '劳动节'),
    ('workdays', '2025-05-31', 'HOLIDAY', '端午节'),
    ('workdays', '2025-06-01', 'HOLIDAY', '端午节'),
    ('workdays', '2025-06-02', 'HOLIDAY', '端午节'),
    ('workdays', '2025-10-01', 'HOLIDAY', '国庆节、中秋节'),
    ('workdays', '2025-10-02', 'HOLIDAY', '国庆节、中秋节'),
    ('workdays', '2025-10-03', 'HOLIDAY', '国庆节、中秋节'),
    ('workdays', '2025-10-04', 'HOLIDAY', '国庆节、中秋节'),
    ('workdays', '2025-10-05', 'HOLIDAY', '国庆节、中秋节'),
    ('workdays', '2025-10-06', 'HOLIDAY', '国庆节、中秋节'),
    ('workdays', '2025-10-07', 'HOLIDAY', '国庆节、中秋节'),
    ('workdays', '2025-10-08', 'HOLIDAY', '国庆节、中秋节'),
    ('workdays', '2025-01-26', 'WORKDAY', '春节调休上班'),
    ('workdays', '2025-02-08', 'WORKDAY', '春节调休上班'),
    ('workdays', '2025-04-27', 'WORKDAY', '劳动节调休上班'),
    ('workdays', '2025-09-28', 'WORKDAY', '国庆节调休上班'),
    ('workdays', '2025-10-11', 'WORKDAY', '国庆节调休上班'),
    ('workdays', '2026-01-01', 'HOLIDAY', '元旦'),
    ('workdays', '2026-01-02', 'HOLIDAY', '元旦'),
    ('workdays', '2026-01-03', 'HOLIDAY', '元旦'),
    ('workdays', '2026-02-15', 'HOLIDAY', '春节'),
    ('workdays', '2026-02-16', 'HOLIDAY', '春节'),
    ('workdays', '2026-02-17', 'HOLIDAY', '春节'),
    ('workdays', '2026-02-18', 'HOLIDAY', '春节'),
    ('workdays', '2026-02-19', 'HOLIDAY', '春节'),
    ('workdays', '2026-02-20', 'HOLIDAY', '春节'),
    ('workdays', '2026-02-21', 'HOLIDAY', '春节'),
    ('workdays', '2026-02-22', 'HOLIDAY', '春节'),
    ('workdays', '2026-02-23', 'HOLIDAY', '春节'),
    ('workdays', '2026-04-04', 'HOLIDAY', '清明节'),
    ('workdays', '2026-04-05', 'HOLIDAY', '清明节'),
    ('workdays', '2026-04-06', 'HOLIDAY', '清明节'),
    ('workdays', '2026-05-01', 'HOLIDAY', '劳动节'),
    ('workdays', '2026-05-02', 'HOLIDAY', '劳动节'),
    ('workdays', '2026-05-03', 'HOLIDAY', '劳动节'),
    ('workdays', '2026-05-04', 'HOLIDAY', '劳动节'),
    ('workdays', '2026-05-05', 'HOLIDAY', '劳动节'),
    ('workdays', '2026-06-19', 'HOLIDAY', '端午节'),
    ('workdays', '2026-06-20', 'HOLIDAY', '端午节'),
    ('workdays', '2026-06-21', 'HOLIDAY', '端午节'),
    ('workdays', '2026-09-25', 'HOLIDAY', '中秋节'),
    ('workdays', '2026-09-26', 'HOLIDAY', '中秋节'),
    ('workdays', '2026-09-27', 'HOLIDAY', '中秋节'),
    ('workdays', '2026-10-01', 'HOLIDAY', '国庆节'),
    ('workdays', '2026-10-02', 'HOLIDAY', '国庆节'),
    ('workdays', '2026-10-03', 'HOLIDAY', '国庆节'),
    ('workdays', '2026-10-04', 'HOLIDAY', '国庆节'),
    ('workdays', '2026-10-05', 'HOLIDAY', '国庆节'),
    ('workdays', '2026-10-06', 'HOLIDAY', '国庆节'),
    ('workdays', '2026-10-07', 'HOLIDAY', '国庆节'),
    ('workdays', '2026-01-04', 'WORKDAY', '元旦调休上班'),
    ('workdays', '2026-02-14', 'WORKDAY', '春节调休上班'),
    ('workdays', '2026-02-28', 'WORKDAY', '春节调休上班'),
    ('workdays', '2026-05-09', 'WORKDAY', '劳动节调休上班'),
    ('workdays', '2026-09-20', 'WORKDAY', '国庆节调休上班'),
    ('workdays', '2026-10-10', 'WORKDAY', '国庆节调休上班');
