package io.commgov.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records the facts of R-KPI and computes Template 3 for a quarter from them. */
@Service
@EnableConfigurationProperties(KpiProperties.class)
class KpiService {

    static final BigDecimal DAU_TARGET = new BigDecimal("0.80");
    static final BigDecimal PENETRATION_TARGET = new BigDecimal("0.70");
    static final BigDecimal SATISFACTION_TARGET = new BigDecimal("4.5");

    private final JdbcTemplate jdbc;
    private final HistoryService historyService;
    private final IdentityService identityService;
    private final KpiProperties properties;

    KpiService(JdbcTemplate jdbc, HistoryService historyService, IdentityService identityService, KpiProperties properties) {
        this.jdbc = jdbc;
        this.historyService = historyService;
        this.identityService = identityService;
        this.properties = properties;
    }

    void recordActivity(String userId, String feature, Instant at, String reportedBy) {
        jdbc.update("INSERT INTO cg_kpi_activity (id, user_id, feature, occurred_at, reported_by) VALUES (?,?,?,?,?)",
                UUID.randomUUID().toString(), userId, feature, Timestamp.from(at), reportedBy);
    }

    void recordSurvey(String userId, int score, String remark) {
        jdbc.update("INSERT INTO cg_kpi_survey (id, user_id, score, answered_at, remark) VALUES (?,?,?,?,?)",
                UUID.randomUUID().toString(), userId, score, Timestamp.from(now()), remark);
    }

    void recordIncident(String kind, Instant at, String description, String reportedBy) {
        jdbc.update("INSERT INTO cg_kpi_incident (id, kind, occurred_at, description, reported_by) VALUES (?,?,?,?,?)",
                UUID.randomUUID().toString(), kind, Timestamp.from(at), description, reportedBy);
    }

    List<String> coreFeatures() {
        return properties.coreFeatures();
    }

    int totalUsers() {
        return properties.totalUsers() > 0 ? properties.totalUsers() : (int) identityService.createUserQuery().count();
    }

    /** Template 3 of a quarter, computed now from the facts (not stored). */
    List<KpiRow> compute(Quarter quarter) {
        Timestamp from = Timestamp.from(quarter.start());
        Timestamp to = Timestamp.from(quarter.end());
        int total = Math.max(1, totalUsers());
        Map<LocalDate, Set<String>> activeByDay = new TreeMap<>();
        Map<String, Set<String>> usersByFeature = new HashMap<>();
        jdbc.query("SELECT user_id, feature, occurred_at FROM cg_kpi_activity WHERE occurred_at >= ? AND occurred_at < ?", rs -> {
            String user = rs.getString(1);
            activeByDay.computeIfAbsent(day(rs.getTimestamp(3).toInstant()), d -> new HashSet<>()).add(user);
            usersByFeature.computeIfAbsent(rs.getString(2), f -> new HashSet<>()).add(user);
        }, from, to);
        // work done in the engine counts as activity too: a person who completed a task was on the platform that day
        for (HistoricTaskInstance task : historyService.createHistoricTaskInstanceQuery().finished()
                .finishedAfter(Date.from(quarter.start().minusMillis(1))).finishedBefore(Date.from(quarter.end())).list()) {
            if (task.getAssignee() != null) {
                activeByDay.computeIfAbsent(day(task.getEndTime().toInstant()), d -> new HashSet<>()).add(task.getAssignee());
            }
        }
        String department = properties.responsibleDepartment();
        var rows = new ArrayList<KpiRow>();
        BigDecimal dau = activeByDay.isEmpty() ? BigDecimal.ZERO
                : BigDecimal.valueOf(activeByDay.values().stream().mapToInt(Set::size).sum())
                        .divide(BigDecimal.valueOf((long) activeByDay.size() * total), 4, RoundingMode.HALF_UP);
        rows.add(ratio(quarter, "dau-ratio", "使用情况", "日活跃用户 / 总用户（" + activeByDay.size() + " 个有活动的日子平均）",
                DAU_TARGET, dau, department));
        for (String feature : properties.coreFeatures()) {
            BigDecimal penetration = BigDecimal.valueOf(usersByFeature.getOrDefault(feature, Set.of()).size())
                    .divide(BigDecimal.valueOf(total), 4, RoundingMode.HALF_UP);
            rows.add(ratio(quarter, "penetration-" + feature, "功能使用", "核心功能渗透率：" + feature, PENETRATION_TARGET, penetration, department));
        }
        rows.add(satisfaction(quarter, from, to, department));
        Integer leaks = jdbc.queryForObject("SELECT COUNT(*) FROM cg_kpi_incident WHERE kind = 'DATA_LEAK' AND occurred_at >= ? AND occurred_at < ?",
                Integer.class, from, to);
        rows.add(new KpiRow(quarter.toString(), "data-leaks", "信息安全", "数据泄露事件", "= 0", BigDecimal.valueOf(leaks),
                leaks + " 起", leaks == 0, leaks == 0 ? "达标：本季度无数据泄露事件" : "未达标：本季度发生 " + leaks + " 起数据泄露事件，目标为 0",
                null, department));
        return rows;
    }

    private KpiRow satisfaction(Quarter quarter, Timestamp from, Timestamp to, String department) {
        Map<String, Object> stats = jdbc.queryForMap("SELECT COUNT(*) AS answers, SUM(score) AS total FROM cg_kpi_survey WHERE answered_at >= ? AND answered_at < ?", from, to);
        long answers = ((Number) value(stats, "answers")).longValue();
        if (answers == 0) {
            return new KpiRow(quarter.toString(), "satisfaction", "用户满意度", "满意度评分（1-5）", "≥ 4.5", null, "无答卷", false,
                    "未达标：本季度没有满意度调查答卷，无法证明达到 4.5 分", null, department);
        }
        BigDecimal mean = BigDecimal.valueOf(((Number) value(stats, "total")).longValue()).divide(BigDecimal.valueOf(answers), 2, RoundingMode.HALF_UP);
        boolean met = mean.compareTo(SATISFACTION_TARGET) >= 0;
        BigDecimal gap = mean.subtract(SATISFACTION_TARGET).abs();
        return new KpiRow(quarter.toString(), "satisfaction", "用户满意度", "满意度评分（1-5，" + answers + " 份答卷）", "≥ 4.5",
                mean, mean.toPlainString() + " 分", met, (met ? "达标：实际 " + mean + " 分，高于目标 " : "未达标：实际 " + mean + " 分，低于目标 ")
                + gap.toPlainString() + " 分", null, department);
    }

    private static KpiRow ratio(Quarter quarter, String indicator, String dimension, String name, BigDecimal target, BigDecimal actual, String department) {
        boolean met = actual.compareTo(target) >= 0;
        String points = actual.subtract(target).abs().movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString();
        String targetText = "≥ " + target.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
        return new KpiRow(quarter.toString(), indicator, dimension, name, targetText, actual, percent(actual), met,
                (met ? "达标：实际 " + percent(actual) + "，高于目标 " : "未达标：实际 " + percent(actual) + "，低于目标 ")
                        + points + " 个百分点", null, department);
    }

    static String percent(BigDecimal ratio) {
        return ratio.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    /** Computes and stores a quarter's Template 3; actions already written for it are kept. */
    @Transactional
    List<KpiRow> computeAndStore(Quarter quarter) {
        var stored = new HashMap<String, String>();
        for (KpiRow row : stored(quarter)) {
            stored.put(row.indicator(), row.action());
        }
        var rows = new ArrayList<KpiRow>();
        jdbc.update("DELETE FROM cg_kpi_result WHERE review_quarter = ?", quarter.toString());
        for (KpiRow row : compute(quarter)) {
            KpiRow kept = new KpiRow(row.quarter(), row.indicator(), row.dimension(), row.name(), row.target(), row.actualValue(),
                    row.actual(), row.met(), row.gapAnalysis(), stored.get(row.indicator()), row.department());
            jdbc.update("INSERT INTO cg_kpi_result (review_quarter, indicator, dimension, name, target_text, actual_value, actual_text, met, "
                            + "gap_analysis, action, department, computed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    kept.quarter(), kept.indicator(), kept.dimension(), kept.name(), kept.target(), kept.actualValue(), kept.actual(),
                    kept.met(), kept.gapAnalysis(), kept.action(), kept.department(), Timestamp.from(now()));
            rows.add(kept);
        }
        return rows;
    }

    List<KpiRow> stored(Quarter quarter) {
        return jdbc.query("SELECT * FROM cg_kpi_result WHERE review_quarter = ? ORDER BY computed_at, indicator", (rs, n) -> new KpiRow(
                rs.getString("review_quarter"), rs.getString("indicator"), rs.getString("dimension"), rs.getString("name"),
                rs.getString("target_text"), rs.getBigDecimal("actual_value"), rs.getString("actual_text"), rs.getBoolean("met"),
                rs.getString("gap_analysis"), rs.getString("action"), rs.getString("department")), quarter.toString());
    }

    /** Every stored quarter's value of every indicator, oldest first, for the charts. */
    Map<String, Map<String, BigDecimal>> history() {
        var history = new TreeMap<String, Map<String, BigDecimal>>();
        jdbc.query("SELECT indicator, review_quarter, actual_value FROM cg_kpi_result ORDER BY review_quarter", rs -> {
            history.computeIfAbsent(rs.getString(1), i -> new TreeMap<>()).put(rs.getString(2), rs.getBigDecimal(3));
        });
        return history;
    }

    void recordImprovement(String quarter, String indicator, String gapAnalysis, String action) {
        jdbc.update("UPDATE cg_kpi_result SET gap_analysis = ?, action = ? WHERE review_quarter = ? AND indicator = ?",
                gapAnalysis, action, quarter, indicator);
    }

    static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    private static LocalDate day(Instant instant) {
        return instant.atZone(Quarter.ZONE).toLocalDate();
    }

    private static Object value(Map<String, Object> row, String column) {
        return row.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column)).map(Map.Entry::getValue).findFirst().orElse(0);
    }
}
