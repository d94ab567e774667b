-- The last reminder a requester sent for a request (rate limit shared by every node of the cluster).
create table cg_reminder (
    process_instance_id varchar(64)  not null primary key,
    sent_by             varchar(64)  not null,
    sent_at             datetime(3)  not null,
    times_sent          int          not null
);
