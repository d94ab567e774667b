package io.commgov.sla;

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
        String name = property(element, "sla.name");
        if (name == null) {
            return null;
        }
        String calendar = property(element, "sla.calendar");
        String duration = property(element, "sla.duration");
        String warning = property(element, "sla.warning");
        String id = element.attribute("id");
        if (calendar == null || duration == null) {
            throw new ProcessEngineException("Activity '" + id + "' has sla.name but no sla.calendar or sla.duration");
        }
        try {
            WorkingDuration.parse(duration);
        } catch (IllegalArgumentException e) {
            throw new ProcessEngineException("Activity '" + id + "': sla.duration " + e.getMessage());
        }
        double fraction = warning == null ? 0.8 : Double.parseDouble(warning);
        return new SlaDefinition(name, calendar, duration, fraction, null, null);
    }

    private static String property(Element element, String name) {
        return ExtensionProperties.of(element, name);
    }
}
