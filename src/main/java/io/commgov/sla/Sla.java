package io.commgov.sla;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Date;

import io.commgov.validation.ProtectedVariables;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.runtime.PvmExecutionImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The {@code sla} bean of the models: {@code ${sla.dueAt(execution)}} and {@code ${sla.warningAt(execution)}} on the
 * boundary timers of an activity with SLA properties, {@code ${sla.due('workdays', 'P5D')}} for a plain deadline.
 * The first call for an activity instance starts its SLA record, in the engine's transaction.
 */
@Component("sla")
public class Sla {

    /** Task variable with the SLA's due time in Beijing time, e.g. {@code 2026-12-01 18:30}. */
    public static final String DUE_AT_VARIABLE = "slaDueAt";
    private static final java.time.format.DateTimeFormatter DUE_AT_FORMAT =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneId.of("Asia/Shanghai"));

    private final Calendars calendars;
    private final SlaRecords records;

    Sla(Calendars calendars, SlaRecords records) {
        this.calendars = calendars;
        this.records = records;
    }

    public Date dueAt(DelegateExecution execution) {
        return Date.from(recordFor(execution).dueAt());
    }

    public Date warningAt(DelegateExecution execution) {
        return Date.from(recordFor(execution).warningAt());
    }

    /** {@code duration} of working time on {@code calendar} from now (the engine's clock). */
    public Date due(String calendar, String duration) {
        return Date.from(calendars.due(calendar, now(), duration));
    }

    SlaRecord recordFor(DelegateExecution execution) {
        SlaDefinition definition = definitionOf(execution);
        return records.openFor(execution.getId(), definition.name()).orElseGet(() -> start(execution, definition));
    }

    void completed(DelegateExecution execution) {
        SlaDefinition definition = definitionOf(execution);
        records.openFor(execution.getId(), definition.name())
                .ifPresent(r -> records.markCompleted(r.id(), now(), actor()));
    }

    /** A warning timer fired: the open SLA of that activity whose warning time has come. */
    void warned(DelegateExecution execution, String activityId, SlaDefinition definition) {
        Instant now = now();
        records.ofProcessInstance(execution.getProcessInstanceId()).stream()
                .filter(r -> r.activityId().equals(activityId) && r.name().equals(definition.name()))
                .filter(r -> r.completedAt() == null && r.warnedAt() == null && !r.warningAt().isAfter(now))
                .min(Comparator.comparing(SlaRecord::warningAt))
                .ifPresent(r -> records.markWarned(r.id(), now));
    }

    /** A breach timer fired: the open SLA of that activity whose due time has passed. */
    void breached(DelegateExecution execution, String activityId, SlaDefinition definition) {
        Instant now = now();
        records.ofProcessInstance(execution.getProcessInstanceId()).stream()
                .filter(r -> r.activityId().equals(activityId) && r.name().equals(definition.name()))
                .filter(r -> r.completedAt() == null && r.state() == SlaRecord.State.RUNNING && !r.dueAt().isAfter(now))
                .min(Comparator.comparing(SlaRecord::dueAt))
                .ifPresent(r -> records.markBreached(r.id(), now));
    }

    /**
     * A user task under an SLA (its own, or that of an enclosing sub-process) shows the SLA's due date as its due date
     * and the warning instant as its follow-up date, so Tasklist says "due in …" and sorts by it.
     */
    void applyDueDates(DelegateTask task) {
        ExecutionEntity execution = (ExecutionEntity) task.getExecution();
        ActivityImpl activity = execution.getActivity();
        for (ScopeImpl scope = activity; scope instanceof ActivityImpl a; scope = a.getFlowScope()) {
            SlaDefinition definition = (SlaDefinition) a.getProperty(SlaDefinition.PROPERTY);
            if (definition == null) {
                continue;
            }
            PvmExecutionImpl scopeExecution = a == activity ? execution : execution.findExecutionForFlowScope(a);
            if (scopeExecution == null) {
                continue;
            }
            var open = records.openFor(scopeExecution.getId(), definition.name());
            if (open.isPresent()) {
                task.setDueDate(Date.from(open.get().dueAt()));
                task.setFollowUpDate(Date.from(open.get().warningAt()));
                // shown read-only in the task's form, so the person deciding sees by when
                String dueAt = DUE_AT_FORMAT.format(open.get().dueAt());
                ProtectedVariables.writtenByCommGov(() -> task.setVariableLocal(DUE_AT_VARIABLE, dueAt));
                return;
            }
        }
    }

    /** Every SLA record of one process instance, oldest first. */
    public java.util.List<SlaRecord> recordsOf(String processInstanceId) {
        return records.ofProcessInstance(processInstanceId);
    }

    private SlaRecord start(DelegateExecution execution, SlaDefinition definition) {
        String calendarName = calendarNameOf(execution, definition);
        definition = new SlaDefinition(definition.name(), calendarName, definition.duration(), definition.warningFraction(),
                definition.warningTimerId(), definition.breachTimerId());
        WorkingTimeCalendar calendar = calendars.calendar(calendarName);
        WorkingDuration duration = Calendars.parse(definition.duration());
        Instant startedAt = now();
        Instant due = Calendars.bounded(() -> calendar.due(startedAt, duration));
        double fraction = definition.warningFraction();
        Instant warning = Calendars.bounded(() -> calendar.partOf(startedAt, duration, fraction)).truncatedTo(ChronoUnit.SECONDS);
        calendars.reportUnknownYears(calendar, startedAt, due);
        return records.insert(execution.getProcessInstanceId(), processKeyOf(execution), execution.getId(),
                execution.getCurrentActivityId(), definition, startedAt, warning, due);
    }

    // sla.calendar may be an expression, e.g. ${faultSla.calendar()}, so an administrator can name another calendar
    private static String calendarNameOf(DelegateExecution execution, SlaDefinition definition) {
        String calendar = definition.calendar();
        if (!calendar.startsWith("${") && !calendar.startsWith("#{")) {
            return calendar;
        }
        Object value = Context.getProcessEngineConfiguration().getExpressionManager().createExpression(calendar).getValue(execution);
        return String.valueOf(value);
    }

    static SlaDefinition definitionOf(DelegateExecution execution) {
        ActivityImpl activity = ((ExecutionEntity) execution).getActivity();
        Object definition = activity == null ? null : activity.getProperty(SlaDefinition.PROPERTY);
        if (definition == null) {
            throw new ProcessEngineException("Activity '" + execution.getCurrentActivityId() + "' has no SLA: give it the"
                    + " extension properties sla.name, sla.calendar and sla.duration");
        }
        return (SlaDefinition) definition;
    }

    private static String processKeyOf(DelegateExecution execution) {
        String definitionId = execution.getProcessDefinitionId();
        return definitionId.contains(":") ? definitionId.substring(0, definitionId.indexOf(':')) : definitionId;
    }

    // the engine's clock (moved by tests); whole seconds, as Camunda's MySQL schema keeps timer due dates
    static Instant now() {
        return ClockUtil.getCurrentTime().toInstant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String actor() {
        var commandContext = Context.getCommandContext();
        return commandContext == null ? null : commandContext.getAuthenticatedUserId();
    }
}
