package io.commgov.clients;

import io.commgov.accounts.EmployeeResigned;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When a contact person resigns, their clients go to the department head named by the resignation, with a task
 * to name a new contact person for each (R-CHG-2); in the resignation's own transaction, so none is left orphaned.
 */
@Component
class ClientHandOver {

    private final Clients clients;
    private final TaskService taskService;

    ClientHandOver(Clients clients, TaskService taskService) {
        this.clients = clients;
        this.taskService = taskService;
    }

    @EventListener
    void on(EmployeeResigned resigned) {
        for (Client client : clients.handOver(resigned.employeeId(), resigned.handOverTo())) {
            java.util.concurrent.Callable<Void> createTask = () -> {
                var task = taskService.newTask();
                task.setName("重新指定外部客户对接人 Reassign client: " + client.getClientName() + " (" + client.getCompany() + ")");
                task.setDescription("Contact person " + resigned.employeeId() + " resigned; client " + client.getId()
                        + " is handed over to you until you name a new contact person.");
                task.setAssignee(resigned.handOverTo());
                taskService.saveTask(task);
                return null;
            };
            var commandContext = Context.getCommandContext();
            if (commandContext == null) {
                try {
                    createTask.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            } else {
                commandContext.runWithoutAuthorization(createTask);
            }
        }
    }
}
