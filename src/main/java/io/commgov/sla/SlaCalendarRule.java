package io.commgov.sla;

import java.util.List;
import java.util.function.BiConsumer;

import io.commgov.engine.ExtensionProperties;
import io.commgov.engine.ModelRule;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/** Deployment rule sla-calendar: an SLA names a calendar that exists ({@code ${…}} expressions are chosen at run time). */
@Component
class SlaCalendarRule implements ModelRule {

    private final CalendarStore calendars;

    SlaCalendarRule(CalendarStore calendars) {
        this.calendars = calendars;
    }

    @Override
    public void check(Element process, BiConsumer<String, Element> violation) {
        List<String> known = null;
        for (Element element : descendants(process, new java.util.ArrayList<>())) {
            String calendar = ExtensionProperties.of(element, "sla.calendar");
            if (calendar == null || calendar.contains("${") || calendar.contains("#{")) {
                continue;
            }
            known = known == null ? calendars.names() : known;
            if (!known.contains(calendar)) {
                violation.accept("Rule sla-calendar: '" + element.attribute("id") + "' has an SLA on calendar '" + calendar
                        + "', which does not exist; known calendars: " + String.join(", ", known), element);
            }
        }
    }

    private static List<Element> descendants(Element scope, List<Element> found) {
        for (Element child : scope.elements()) {
            found.add(child);
            descendants(child, found);
        }
        return found;
    }
}
