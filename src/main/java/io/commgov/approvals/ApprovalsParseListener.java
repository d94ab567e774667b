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

/** Every process tells its carbon copies at its end; every user task honours substitutes; every approval waits for its signers. */
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
        taskDefinition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, task -> hooks.get().substituteCandidates(task));
        taskDefinition.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, task -> hooks.get().substituteAssignee(task));
        taskDefinition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, task -> hooks.get().refuseWhileDelegated(task));
        if (ApprovalTasks.APPROVAL.equals(ExtensionProperties.of(userTaskElement, ApprovalTasks.CONTRACT))) {
            taskDefinition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, task -> hooks.get().refuseWhileSignersPending(task));
        }
    }
}
