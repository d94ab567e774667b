package io.commgov.approvals;

import java.util.function.Supplier;

import io.commgov.engine.ExtensionProperties;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/** Every process tells its carbon copies at its end; every user task is held only by whom its model entitles and honours substitutes; every approval waits for its signers. */
class ApprovalsParseListener extends AbstractBpmnParseListener {

    private final Supplier<ApprovalEngineHooks> hooks;

    ApprovalsParseListener(Supplier<ApprovalEngineHooks> hooks) {
        this.hooks = hooks;
    }

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        ExecutionListener atEnd = execution -> hooks.get().tellCarbonCopies(execution);
        processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_END, atEnd);
    }

    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        var taskDefinition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        // first what the model gave the task, before substitutes change its links
        taskDefinition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, task -> hooks.get().holders().record(task));
        taskDefinition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, task -> hooks.get().substituteCandidates(task));
        taskDefinition.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, task -> hooks.get().holders().requireEntitledAssignee(task));
        taskDefinition.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, task -> hooks.get().substituteAssignee(task));
        // identity links, owner, comments, attachments, variables and resolve all fire 'update' (Camunda 7.24)
        taskDefinition.addBuiltInTaskListener(TaskListener.EVENTNAME_UPDATE, task -> hooks.get().holders().requireEntitledChange(task));
        taskDefinition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, task -> hooks.get().holders().requireEntitledDecider(task));
        taskDefinition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, task -> hooks.get().refuseWhileDelegated(task));
        taskDefinition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, task -> hooks.get().holders().forget(task));
        taskDefinition.addBuiltInTaskListener(TaskListener.EVENTNAME_DELETE, task -> hooks.get().holders().forget(task));
        if (ApprovalTasks.APPROVAL.equals(ExtensionProperties.of(userTaskElement, ApprovalTasks.CONTRACT))) {
            taskDefinition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, task -> hooks.get().refuseWhileSignersPending(task));
        }
    }
}
