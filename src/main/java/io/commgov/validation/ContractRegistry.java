package io.commgov.validation;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Finds the contract of a process or task; resolved on first use, since contracts may need engine services. */
@Component
class ContractRegistry {

    private final ObjectProvider<StartContract> startContracts;
    private final ObjectProvider<TaskContract> taskContracts;
    private volatile Map<String, StartContract> byProcessKey;
    private volatile Map<String, TaskContract> byName;

    ContractRegistry(ObjectProvider<StartContract> startContracts, ObjectProvider<TaskContract> taskContracts) {
        this.startContracts = startContracts;
        this.taskContracts = taskContracts;
    }

    Optional<StartContract> startContract(String processKey) {
        if (byProcessKey == null) {
            byProcessKey = startContracts.orderedStream().collect(Collectors.toMap(StartContract::processKey, Function.identity()));
        }
        return Optional.ofNullable(byProcessKey.get(processKey));
    }

    Optional<TaskContract> taskContract(String name) {
        if (byName == null) {
            byName = taskContracts.orderedStream().collect(Collectors.toMap(TaskContract::name, Function.identity()));
        }
        return Optional.ofNullable(byName.get(name));
    }
}
