package io.commgov.modelchanges;

import io.commgov.validation.Fields;
import io.commgov.validation.StartContract;
import org.springframework.stereotype.Component;

/** {@code model-change} is started by the engine for each person's deployment, never by hand (it would approve nothing real). */
@Component
class ModelChangeStartContract implements StartContract {

    @Override
    public String processKey() {
        return ModelChanges.PROCESS_KEY;
    }

    @Override
    public void check(Fields fields) {
        fields.text(ModelChanges.SUBJECT, 200);
        fields.text(ModelChanges.CHANGES, ModelChanges.MAX_CHANGES + 200);
        if (!ModelChanges.startingForADeployment()) {
            fields.reject("processDefinitionKey", "started-by-deployment",
                    "model-change starts by itself for each deployment a person makes; it cannot be started by hand");
        }
    }
}
