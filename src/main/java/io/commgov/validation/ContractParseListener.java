package io.commgov.validation;

import io.commgov.engine.ExtensionProperties;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/** Attaches the contract checks to every process start and to every user task that names a contract. */
class ContractParseListener extends AbstractBpmnParseListener {

    static final String CONTRACT_PROPERTY = "contract";

    private final ContractRegistry registry;

    ContractParseListener(ContractRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START,
                ContractListeners.onStart(registry, processDefinition.getKey()));
    }

    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        String contract = contractOf(userTaskElement);
        if (contract == null) {
            return;
        }
        var taskDefinition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        taskDefinition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, ContractListeners.onCreate(registry, contract));
        taskDefinition.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, ContractListeners.onAssignment(registry, contract));
        taskDefinition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, ContractListeners.onComplete(registry, contract));
    }

    /** {@code <camunda:property name="contract" value="approval"/>} in the task's extension properties. */
    static String contractOf(Element element) {
        return ExtensionProperties.of(element, CONTRACT_PROPERTY);
    }
}
