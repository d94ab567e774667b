package io.commgov.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code vendor-score.dmn} against vendors whose scores were computed by hand (R-SEL-1).
 *
 * <p>Requirements: R1 core/H (weight 6), R2 expected/M (weight 2), R3 ignorable/L (weight 0).
 * Match points: high 100, medium 60, low 20; a core requirement matched low is a core failure.
 * <pre>
 * vendor  qual serv cost  R1     R2     R3    function = Σ w·p / Σ w        score = .3q + .3s + .2c + .2f
 * A        90   85   70   high   high   low   (6·100+2·100)/8 = 100         27 + 25.5 + 14 + 20 = 86.5
 * B       100  100  100   low    high   high  (6·20 +2·100)/8 =  40         30 + 30   + 20 +  8 = 88.0  excluded (R1)
 * C        70   80   90   medium medium -     (6·60 +2·60)/8  =  60         21 + 24   + 18 + 12 = 75.0
 * D        60   50   60   high   low    -     (6·100+2·20)/8  =  80         18 + 15   + 12 + 16 = 61.0
 * E        50   40   50   medium low    -     (6·60 +2·20)/8  =  50         15 + 12   + 10 + 10 = 47.0  below 60
 * </pre>
 * B has the highest score and is excluded; eligible ranking A 1, C 2, D 3, E 4 → shortlist A, C, D.
 */
class VendorScoreDecisionTest {

    static final List<Requirement> REQUIREMENTS = List.of(
            new Requirement("R1", "会议", "单场会议 100 人", "H", "IT", "core"),
            new Requirement("R2", "文件", "文件在线协作", "M", "MKT", "expected"),
            new Requirement("R3", "外观", "自定义主题", "L", "PRD", "ignorable"));

    static final Candidate A = new Candidate("A", 90, 85, 70, Map.of("R1", "high", "R2", "high", "R3", "low"));
    static final Candidate B = new Candidate("B", 100, 100, 100, Map.of("R1", "low", "R2", "high", "R3", "high"));
    static final Candidate C = new Candidate("C", 70, 80, 90, Map.of("R1", "medium", "R2", "medium", "R3", "low"));
    static final Candidate D = new Candidate("D", 60, 50, 60, Map.of("R1", "high", "R2", "low", "R3", "low"));
    static final Candidate E = new Candidate("E", 50, 40, 50, Map.of("R1", "medium", "R2", "low", "R3", "high"));

    static DmnEngine engine;
    static Map<String, DmnDecision> decisions;
    VendorScoring scoring = new VendorScoring((key, variables) ->
            engine.evaluateDecisionTable(decisions.get(key), Map.copyOf(variables)).getSingleResult().getEntryMap());

    @BeforeAll
    static void parse() throws Exception {
        engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream dmn = VendorScoreDecisionTest.class.getResourceAsStream("/processes/selection/vendor-score.dmn")) {
            decisions = engine.parseDecisions(dmn).stream().collect(Collectors.toMap(DmnDecision::getKey, Function.identity()));
        }
    }

    @Test
    void scoresEveryVendorAsComputedByHandAndExcludesTheTopScorerForACoreFailure() {
        var scores = scoring.score(REQUIREMENTS, List.of(A, B, C, D, E));

        assertThat(scores).extracting(VendorScore::name, VendorScore::functionScore, VendorScore::score,
                        VendorScore::eligible, VendorScore::rank, VendorScore::shortlisted)
                .containsExactly(
                        tuple("A", 100.0, 86.5, true, 1, true),
                        tuple("C", 60.0, 75.0, true, 2, true),
                        tuple("D", 80.0, 61.0, true, 3, true),
                        tuple("E", 50.0, 47.0, true, 4, false),
                        tuple("B", 40.0, 88.0, false, null, false));
        assertThat(scores.get(4).failedCoreRequirements()).containsExactly("R1");
        assertThat(scores.get(4).reason()).contains("核心需求").contains("R1");
        assertThat(scores.get(3).reason()).contains("低于 60");
    }

    @Test
    void shortlistsTwoWhenOnlyTwoEligibleVendorsReachSixty() {
        var scores = scoring.score(REQUIREMENTS, List.of(A, B, C, E));
        assertThat(scores.stream().filter(VendorScore::shortlisted).map(VendorScore::name)).containsExactly("A", "C");
    }

    @Test
    void shortlistsAtMostThreeEvenWhenMoreQualify() {
        var f = new Candidate("F", 80, 80, 80, Map.of("R1", "high", "R2", "high"));   // 24+24+16+20 = 84.0
        var scores = scoring.score(REQUIREMENTS, List.of(A, C, D, f));
        assertThat(scores).filteredOn(VendorScore::shortlisted).extracting(VendorScore::name, VendorScore::score)
                .containsExactly(tuple("A", 86.5), tuple("F", 84.0), tuple("C", 75.0));
        assertThat(scores).filteredOn(v -> "D".equals(v.name())).singleElement()
                .satisfies(d -> assertThat(d.reason()).contains("第四"));
    }

    @Test
    void aMissingMatchCountsAsLowAndFailsACoreRequirement() {
        var silent = new Candidate("G", 100, 100, 100, Map.of());
        var scores = scoring.score(REQUIREMENTS, List.of(silent));
        assertThat(scores.get(0).eligible()).isFalse();
        assertThat(scores.get(0).functionScore()).isEqualTo(20.0);   // (6·20 + 2·20) / 8
        assertThat(scores.get(0).score()).isEqualTo(84.0);           // 30 + 30 + 20 + 4
    }

    @Test
    void thePilotVerdictNamesTheFirstFailedCriterion() {
        DmnDecision verdict = decisions.get("Decision_PilotVerdict");
        Function<Map<String, Object>, Map<String, Object>> run = v -> engine.evaluateDecisionTable(verdict, v).getSingleResult().getEntryMap();

        assertThat(run.apply(Map.of("functionalPassed", true, "meetingParticipants", 120, "userExperience", 4.2)))
                .containsEntry("pilotPassed", true);
        assertThat(run.apply(Map.of("functionalPassed", false, "meetingParticipants", 120, "userExperience", 4.2)))
                .containsEntry("pilotPassed", false).containsEntry("pilotReason", "功能测试未通过");
        assertThat(run.apply(Map.of("functionalPassed", true, "meetingParticipants", 99, "userExperience", 4.2)))
                .containsEntry("pilotPassed", false).containsEntry("pilotReason", "性能测试未达到单场会议 100 人");
        assertThat(run.apply(Map.of("functionalPassed", true, "meetingParticipants", 100, "userExperience", 3.4)))
                .containsEntry("pilotPassed", false).containsEntry("pilotReason", "用户体验评分低于 3.5");
    }
}
