package io.commgov.announcements;

import java.util.List;
import java.util.stream.Collectors;

/** What the screen found in one submission, and the verdict: {@code HARD} rejects, {@code SOFT} goes to the reviewer. */
public record ScreenResult(List<Finding> findings) {

    public enum Verdict { CLEAN, SOFT, HARD }

    public Verdict verdict() {
        if (findings.stream().anyMatch(f -> f.severity() == Category.Severity.HARD)) {
            return Verdict.HARD;
        }
        return findings.isEmpty() ? Verdict.CLEAN : Verdict.SOFT;
    }

    /** One line per hit, for the reviewer's form and the author's rejection notice. */
    public String report() {
        if (findings.isEmpty()) {
            return "未发现敏感内容 (no findings)";
        }
        return findings.stream().map(Finding::describe).collect(Collectors.joining("\n"));
    }
}
