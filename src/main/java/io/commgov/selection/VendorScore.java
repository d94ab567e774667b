package io.commgov.selection;

import java.util.List;

/** The evaluation of one vendor: its sub-scores, weighted score, whether it may be shortlisted, and why. */
record VendorScore(String name, int qualification, int service, int cost, double functionScore, double score,
                   List<String> failedCoreRequirements, boolean eligible, Integer rank, boolean shortlisted, String reason) {
}
