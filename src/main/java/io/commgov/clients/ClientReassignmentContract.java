package io.commgov.clients;

import io.commgov.identity.Role;
import io.commgov.validation.Fields;
import io.commgov.validation.TaskContract;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/** {@code Task_ReassignClient}: the new contact person is an existing member of {@code sales}, not the one who resigned. */
@Component
class ClientReassignmentContract implements TaskContract {

    private final IdentityService identityService;

    ClientReassignmentContract(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    public String name() {
        return "client-reassignment";
    }

    @Override
    public void check(Fields fields, TaskContext task) {
        String newContactPerson = fields.requiredText("newContactPerson", 64);
        if (newContactPerson == null) {
            return;
        }
        if (newContactPerson.equals(fields.raw("resignedUser"))) {
            fields.reject("newContactPerson", "resigned", newContactPerson + " has resigned and cannot be the contact person again");
        } else if (!isSalesMember(newContactPerson)) {
            fields.reject("newContactPerson", "sales-member", "newContactPerson must be a user of the group " + Role.SALES.groupId()
                    + "; " + newContactPerson + " is not");
        }
    }

    private boolean isSalesMember(String userId) {
        java.util.concurrent.Callable<Boolean> query = () -> identityService.createUserQuery().userId(userId)
                .memberOfGroup(Role.SALES.groupId()).count() > 0;
        try {
            var commandContext = Context.getCommandContext();
            return commandContext == null ? query.call() : commandContext.runWithoutAuthorization(query);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
