package io.commgov.engine;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.util.xml.Element;

/** Reads {@code <camunda:property name=… value=…/>} of a model element, the way process owners set them in Modeler. */
public final class ExtensionProperties {

    private ExtensionProperties() {
    }

    /** The value of the named extension property, or null. */
    public static String of(Element element, String name) {
        Element extensions = element == null ? null : element.element("extensionElements");
        Element properties = extensions == null ? null : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
        if (properties == null) {
            return null;
        }
        for (Element property : properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
            if (name.equals(property.attribute("name"))) {
                return property.attribute("value");
            }
        }
        return null;
    }
}
