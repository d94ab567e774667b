package io.commgov.engine;

import java.util.function.BiConsumer;

import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * A deployment rule a module above the engine contributes (e.g. {@code sla}: an SLA names a known calendar). It is
 * given each deployed process element and reports each violation with the element it is about; the deployment is then
 * refused whole like for the engine's own rules.
 */
public interface ModelRule {

    void check(Element process, BiConsumer<String, Element> violation);
}
