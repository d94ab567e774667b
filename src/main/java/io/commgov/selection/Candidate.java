package io.commgov.selection;

import java.util.Map;

/** A vendor IT entered: three assessed scores (0-100) and a function match (high/medium/low) per requirement id. */
record Candidate(String name, int qualification, int service, int cost, Map<String, String> matches) {

    static final java.util.List<String> MATCHES = java.util.List.of("high", "medium", "low");
}
