-- Who the model entitles to hold each open user task, recorded when the task is created (its candidate users, candidate
-- groups and assignee, as the task definition's expressions gave them then): no task holder can change it afterwards.
create table cg_task_holder (
    task_id     varchar(64)  not null,
    user_id     varchar(64),
    group_id    varchar(64)
);
create index ix_cg_task_holder_task on cg_task_holder (task_id);
