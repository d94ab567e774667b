package io.commgov.engine;

import java.util.List;

import org.camunda.bpm.engine.Problem;

/** A deployment rule's violation about one element, in the shape the engine's parse errors have (REST answers 400 with it). */
record RuleProblem(String message, String elementId) implements Problem {

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public int getLine() {
        return 0;
    }

    @Override
    public int getColumn() {
        return 0;
    }

    @Override
    public String getMainElementId() {
        return elementId;
    }

    @Override
    public List<String> getElementIds() {
        return List.of(elementId);
    }
}
