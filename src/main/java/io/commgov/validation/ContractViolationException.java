package io.commgov.validation;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngineException;

/** Thrown inside the engine command, so the start or completion is rolled back whole. */
public class ContractViolationException extends ProcessEngineException {

    private final transient List<Violation> violations;

    public ContractViolationException(List<Violation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.message() + " [" + v.rule() + "]")
                .collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
        RecentViolations.remember(this.violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
