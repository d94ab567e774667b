package io.commgov.sla;

/**
 * The SLA a model puts on an activity with extension properties {@code sla.name}, {@code sla.calendar},
 * {@code sla.duration} (and optionally {@code sla.warning}, the fraction at which to warn, default 0.8).
 */
record SlaDefinition(String name, String calendar, String duration, double warningFraction,
                     String warningTimerId, String breachTimerId) {

    static final String PROPERTY = "commgov.sla";

    SlaDefinition withWarningTimer(String timerId) {
        return new SlaDefinition(name, calendar, duration, warningFraction, timerId, breachTimerId);
    }

    SlaDefinition withBreachTimer(String timerId) {
        return new SlaDefinition(name, calendar, duration, warningFraction, warningTimerId, timerId);
    }
}
