package io.commgov.tasklist;

import io.commgov.engine.ExtensionProperties;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/** Attaches {@link RequestDetails} to the top-level start events and to every user task of every process. */
class RequestDetailsParseListener extends AbstractBpmnParseListener {

    /** Process extension property: an expression giving the request's subject, e.g. {@code ${symptom}}. */
    static final String SUMMARY_PROPERTY = "tasklist.summary";
    /** Process extension property: {@code true} lets the requester follow the request's open tasks (filter 我发起的). */
    static final String REQUESTER_VIEW_PROPERTY = "tasklist.requester-view";

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity process) {
        String summary = ExtensionProperties.of(processElement, SUMMARY_PROPERTY);
        process.setProperty(REQUESTER_VIEW_PROPERTY, "true".equals(ExtensionProperties.of(processElement, REQUESTER_VIEW_PROPERTY)));
        process.getActivities().stream()
                .filter(activity -> "startEvent".equals(activity.getProperty("type")))
                .forEach(start -> start.addBuiltInListener(ExecutionListener.EVENTNAME_END,
                        RequestDetails.onStarted(summary, process.getName())));
    }

    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        var taskDefinition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        taskDefinition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, RequestDetails.onTaskCreated());
    }
}
