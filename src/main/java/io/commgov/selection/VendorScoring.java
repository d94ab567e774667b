package io.commgov.selection;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Scores candidates with the decisions of {@code vendor-score.dmn}; Java only sums, ranks and keeps the invariants
 * (the weights, points and thresholds live in the DMN tables, where a process owner changes them).
 */
class VendorScoring {

    /** Evaluates one decision (by key) with the given variables and answers its single result row. */
    interface Decisions {
        Map<String, Object> evaluate(String decisionKey, Map<String, Object> variables);
    }

    private final Decisions decisions;

    VendorScoring(Decisions decisions) {
        this.decisions = decisions;
    }

    List<VendorScore> score(List<Requirement> requirements, List<Candidate> candidates) {
        var scored = new ArrayList<VendorScore>();
        for (Candidate candidate : candidates) {
            double weighted = 0;
            int weights = 0;
            var failed = new ArrayList<String>();
            for (Requirement requirement : requirements) {
                int weight = number(decisions.evaluate("Decision_RequirementWeight",
                        Map.of("level", requirement.level(), "priority", requirement.priority())).get("weight")).intValue();
                String match = candidate.matches().getOrDefault(requirement.id(), "low");
                var points = decisions.evaluate("Decision_MatchPoints", Map.of("level", requirement.level(), "match", match));
                if (Boolean.TRUE.equals(points.get("coreFailure"))) {
                    failed.add(requirement.id());
                }
                weighted += weight * number(points.get("points")).doubleValue();
                weights += weight;
            }
            double functionScore = round(weights == 0 ? 0 : weighted / weights);
            var result = decisions.evaluate("Decision_VendorScore", Map.of("coreFailures", failed.size(),
                    "qualification", candidate.qualification(), "service", candidate.service(), "cost", candidate.cost(),
                    "functionScore", functionScore));
            boolean eligible = Boolean.TRUE.equals(result.get("eligible"));
            String reason = (String) result.get("reason") + (failed.isEmpty() ? "" : "（" + String.join("、", failed) + "）");
            scored.add(new VendorScore(candidate.name(), candidate.qualification(), candidate.service(), candidate.cost(),
                    functionScore, round(number(result.get("score")).doubleValue()), List.copyOf(failed), eligible, null, false, reason));
        }
        return shortlist(scored);
    }

    private List<VendorScore> shortlist(List<VendorScore> scored) {
        var ranked = new ArrayList<VendorScore>();
        var eligible = scored.stream().filter(VendorScore::eligible)
                .sorted(Comparator.comparingDouble(VendorScore::score).reversed().thenComparing(VendorScore::name)).toList();
        int rank = 0;
        for (VendorScore vendor : eligible) {
            rank++;
            var verdict = decisions.evaluate("Decision_Shortlist", Map.of("rank", rank, "score", vendor.score()));
            ranked.add(new VendorScore(vendor.name(), vendor.qualification(), vendor.service(), vendor.cost(), vendor.functionScore(),
                    vendor.score(), vendor.failedCoreRequirements(), true, rank, Boolean.TRUE.equals(verdict.get("shortlisted")),
                    vendor.reason() + "；" + verdict.get("shortlistReason")));
        }
        scored.stream().filter(v -> !v.eligible()).sorted(Comparator.comparing(VendorScore::name)).forEach(ranked::add);
        return ranked;
    }

    private static Number number(Object value) {
        if (value instanceof Number n) {
            return n;
        }
        throw new IllegalStateException("vendor-score.dmn answered " + value + " where a number was expected");
    }

    static double round(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}
