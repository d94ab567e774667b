package io.commgov.kpi;

import java.math.BigDecimal;

/** One row of Template 3: dimension, indicator, target, actual, whether it is met, gap analysis, improvement action. */
record KpiRow(String quarter, String indicator, String dimension, String name, String target, BigDecimal actualValue,
              String actual, boolean met, String gapAnalysis, String action, String department) {
}
