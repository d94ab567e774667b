package io.commgov.sla;

import java.util.List;
import java.util.Map;

import io.commgov.engine.ExtensionProperties;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Reads an activity's SLA properties and attaches the listeners that keep its SLA record: started with the activity,
 * warned and breached when its timers fire, completed when the activity ends. Models hold no SLA code of their own.
 */
class SlaParseListener extends AbstractBpmnParseListener {

    /** What a task under an SLA names (the Modeler template {@code processes/.camunda/element-templates/commgov-sla-task.json}). */
    static final String NAME = "sla.name";
    static final String CALENDAR = "sla.calendar";
    static final String DURATION = "sla.duration";
    static final String WARNING = "sla.warning";
    static final List<String> TASK_PROPERTIES = List.of(NAME, CALENDAR, DURATION, WARNING);
    /** Marks a boundary timer made from the Modeler templates as the SLA's {@code warning} or {@code breach} timer. */
    static final String TIMER_PROPERTY = "sla.timer";
    static final Map<String, String> TIMER_DATES = Map.of("warning", "${sla.warningAt(execution)}", "breach", "${sla.dueAt(execution)}");

    private final Sla sla;

    SlaParseListener(Sla sla) {
        this.sla = sla;
    }

    @Override
    public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        attach(element, activity);
        // decided when the task is created: an enclosing sub-process's SLA is only known once the whole model is parsed
        ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
                .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, task -> sla.applyDueDates(task));
    }

    @Override
    public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        attach(element, activity);
    }

    @Override
    public void parseReceiveTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        attach(element, activity);
    }

    @Override
    public void parseCallActivity(Element element, ScopeImpl scope, ActivityImpl activity) {
        attach(element, activity);
    }

    @Override
    public void parseSubProcess(Element element, ScopeImpl scope, ActivityImpl activity) {
        attach(element, activity);
    }

    @Override
    public void parseTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        attach(element, activity);
    }

    @Override
    public void parseBoundaryTimerEventDefinition(Element timerEventDefinition, boolean interrupting, ActivityImpl timerActivity) {
        Element timeDate = timerEventDefinition.element("timeDate");
        String expression = timeDate == null ? "" : timeDate.getText();
        boolean warning = expression.contains("sla.warningAt(");
        boolean breach = expression.contains("sla.dueAt(");
        if (!warning && !breach) {
            return;
        }
        ActivityImpl attachedTo = (ActivityImpl) timerActivity.getEventScope();
        SlaDefinition definition = attachedTo == null ? null : (SlaDefinition) attachedTo.getProperty(SlaDefinition.PROPERTY);
        if (definition == null) {
            throw new ProcessEngineException("Timer '" + timerActivity.getId() + "' uses the SLA of '"
                    + (attachedTo == null ? "?" : attachedTo.getId()) + "', which has no sla.name, sla.calendar and sla.duration");
        }
        String activityId = attachedTo.getId();
        if (warning) {
            attachedTo.setProperty(SlaDefinition.PROPERTY, definition.withWarningTimer(timerActivity.getId()));
            timerActivity.addBuiltInListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) e -> sla.warned(e, activityId, definition));
        } else {
            attachedTo.setProperty(SlaDefinition.PROPERTY, definition.withBreachTimer(timerActivity.getId()));
            timerActivity.addBuiltInListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) e -> sla.breached(e, activityId, definition));
        }
    }

    /** Element templates cannot set a timer's date, so a timer marked {@code sla.timer} is checked to carry the right one. */
    @Override
    public void parseBoundaryEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        String kind = ExtensionProperties.of(element, TIMER_PROPERTY);
        if (kind == null) {
            return;
        }
        String id = element.attribute("id");
        String expected = TIMER_DATES.get(kind);
        if (expected == null) {
            throw new ProcessEngineException("Timer '" + id + "': " + TIMER_PROPERTY + " must be warning or breach (got '" + kind + "')");
        }
        Element timer = element.element("timerEventDefinition");
        Element timeDate = timer == null ? null : timer.element("timeDate");
        String actual = timeDate == null || timeDate.getText() == null ? null : timeDate.getText().strip();
        if (!expected.equals(actual)) {
            throw new ProcessEngineException("Timer '" + id + "' is the SLA's " + kind + " timer (" + TIMER_PROPERTY
                    + "): its timer needs the date " + expected + " (got " + (actual == null ? "none" : "'" + actual + "'") + ")");
        }
        if (!"false".equals(element.attribute("cancelActivity"))) {
            throw new ProcessEngineException("Timer '" + id + "' is the SLA's " + kind + " timer: it must not interrupt the task"
                    + " (cancelActivity=\"false\")");
        }
    }

    private void attach(Element element, ActivityImpl activity) {
        SlaDefinition definition = definitionIn(element);
        if (definition == null) {
            return;
        }
        activity.setProperty(SlaDefinition.PROPERTY, definition);
        activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) e -> sla.recordFor(e));
        activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) e -> sla.completed(e));
    }

    static SlaDefinition definitionIn(Element element) {
        String name = property(element, NAME);
        if (name == null) {
            return null;
        }
        String calendar = property(element, CALENDAR);
        String duration = property(element, DURATION);
        String warning = property(element, WARNING);
        String id = element.attribute("id");
        if (calendar == null || duration == null) {
            throw new ProcessEngineException("Activity '" + id + "' has sla.name but no sla.calendar or sla.duration");
        }
        try {
            WorkingDuration.parse(duration);
        } catch (IllegalArgumentException e) {
            throw new ProcessEngineException("Activity '" + id + "': sla.duration " + e.getMessage());
        }
        return new SlaDefinition(name, calendar, duration, fraction(id, warning), null, null);
    }

    static double fraction(String id, String warning) {
        if (warning == null) {
            return 0.8;
        }
        try {
            double fraction = Double.parseDouble(warning.strip());
            if (fraction > 0 && fraction < 1) {
                return fraction;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ProcessEngineException("Activity '" + id + "': sla.warning must be a fraction between 0 and 1 such as 0.8 (got '"
                + warning + "')");
    }

    private static String property(Element element, String name) {
        return ExtensionProperties.of(element, name);
    }
}
