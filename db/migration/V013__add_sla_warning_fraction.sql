-- The fraction of the working time at which an SLA warns (sla.warning, default 0.8), kept for rescheduling.
alter table cg_sla add warning_fraction decimal(5, 4) default 0.8 not null;
