package io.commgov.sla;

import java.time.Instant;

/** One SLA of one activity instance, as stored in {@code cg_sla}. */
public record SlaRecord(String id, String processInstanceId, String processDefinitionKey, String executionId,
                        String activityId, String name, String calendar, String duration, State state,
                        Instant startedAt, Instant warningAt, Instant dueAt, Instant warnedAt, Instant breachedAt,
                        Instant completedAt, String completedBy, Instant rescheduledAt, Instant previousDueAt,
                        double warningFraction) {

    public enum State { RUNNING, MET, BREACHED }
}
