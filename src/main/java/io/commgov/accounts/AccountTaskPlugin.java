package io.commgov.accounts;

import java.util.ArrayList;
import java.util.Set;

import io.commgov.engine.ExtensionProperties;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Adds to every user task of {@code account-opening} and {@code role-change}, whatever the model says: the mail to
 * whoever the task is offered or assigned to, and on approval tasks ({@code contract=approval}) the refusal to decide
 * on one's own account (R-ACC-4), enforced by the engine.
 */
@Component
class AccountTaskPlugin extends AbstractProcessEnginePlugin {

    static final Set<String> PROCESSES = Set.of("account-opening", "role-change");

    private final ObjectProvider<OwnAccountTaskListener> ownAccount;
    private final ObjectProvider<TaskAssignedNotices> notices;

    AccountTaskPlugin(ObjectProvider<OwnAccountTaskListener> ownAccount, ObjectProvider<TaskAssignedNotices> notices) {
        this.ownAccount = ownAccount;
        this.notices = notices;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (!(activity.getProcessDefinition() instanceof ProcessDefinitionEntity process) || !PROCESSES.contains(process.getKey())) {
                    return;
                }
                var definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, task -> notices.getObject().offered(task));
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, task -> notices.getObject().assigned(task));
                if ("approval".equals(ExtensionProperties.of(userTaskElement, "contract"))) {
                    definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, task -> ownAccount.getObject().notify(task));
                }
            }
        });
    }
}
