package io.commgov.clients;

import io.commgov.accounts.EmployeeResigned;
import io.commgov.identity.Employees;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When a contact person resigns, the clients of their user (found through {@code cg_employee_user}) go to the
 * department head named by the resignation, and a {@code client-hand-over} per client asks the head to name a new
 * contact person (R-CHG-2); in the resignation's own transaction, so none is left orphaned.
 */
@Component
class ClientHandOver {

    static final String PROCESS_KEY = "client-hand-over";

    private final Clients clients;
    private final Employees employees;
    private final RuntimeService runtimeService;

    ClientHandOver(Clients clients, Employees employees, RuntimeService runtimeService) {
        this.clients = clients;
        this.employees = employees;
        this.runtimeService = runtimeService;
    }

    @EventListener
    void on(EmployeeResigned resigned) {
        String resignedUser = employees.userOf(resigned.employeeId());
        for (Client client : clients.handOver(resignedUser, resigned.handOverTo())) {
            java.util.concurrent.Callable<Void> start = () -> {
                runtimeService.startProcessInstanceByKey(PROCESS_KEY, Variables.createVariables()
                        .putValue("clientId", client.getId()).putValue("clientName", client.getClientName())
                        .putValue("company", client.getCompany()).putValue("resignedEmployeeId", resigned.employeeId())
                        .putValue("resignedUser", resignedUser).putValue("handOverTo", resigned.handOverTo()));
                return null;
            };
            var commandContext = Context.getCommandContext();
            try {
                if (commandContext == null) {
                    start.call();
                } else {
                    // the hand-over is the process's own doing, not a start the acting IT operator is granted
                    commandContext.runWithoutAuthorization(start);
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
