package io.commgov.announcements;

import java.util.List;

import io.commgov.validation.Fields;
import io.commgov.validation.TaskContract;
import org.springframework.stereotype.Component;

/** Task_HandleDeliveryFailure completes with {@code redeliver}; giving up needs a {@code resolution} saying why. */
@Component
class DeliveryFailureContract implements TaskContract {

    @Override
    public String name() {
        return "delivery-failure";
    }

    @Override
    public void check(Fields fields, TaskContext task) {
        Boolean redeliver = fields.requiredBoolean("redeliver");
        String resolution = fields.freeText("resolution", 2000);
        if (Boolean.FALSE.equals(redeliver) && resolution == null) {
            fields.reject("resolution", "required-when-abandoned", "resolution is required when redeliver is false: say how the announcement reached its audience or why not");
        }
    }

    @Override
    public List<String> decisionFields() {
        return List.of("redeliver", "resolution");
    }
}
