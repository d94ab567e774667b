package io.commgov.kpi;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Template 3 as a readable page: the table, and a bar chart (inline SVG) of each KPI over the reviewed quarters. */
final class Template3Page {

    private Template3Page() {
    }

    static String html(Quarter quarter, List<KpiRow> rows, Map<String, Map<String, BigDecimal>> history) {
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>效果评估 ")
                .append(quarter).append("</title><style>body{font-family:sans-serif}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #999;padding:4px 8px}.miss{color:#b00}</style></head><body>\n<h1>效果评估（模板三）")
                .append(quarter).append("</h1>\n<table><tr><th>维度</th><th>指标</th><th>目标</th><th>实际</th><th>差距分析</th>"
                        + "<th>改进措施</th><th>责任部门</th></tr>\n");
        for (KpiRow row : rows) {
            html.append("<tr class=\"").append(row.met() ? "met" : "miss").append("\"><td>").append(esc(row.dimension()))
                    .append("</td><td>").append(esc(row.name())).append("</td><td>").append(esc(row.target()))
                    .append("</td><td>").append(esc(row.actual())).append("</td><td>").append(esc(row.gapAnalysis()))
                    .append("</td><td>").append(esc(row.action() == null ? "（待责任部门填写）" : row.action()))
                    .append("</td><td>").append(esc(row.department())).append("</td></tr>\n");
        }
        html.append("</table>\n<h2>各指标历史</h2>\n");
        history.forEach((indicator, values) -> html.append("<h3>").append(esc(indicator)).append("</h3>\n").append(chart(values)));
        return html.append("</body></html>\n").toString();
    }

    private static String chart(Map<String, BigDecimal> values) {
        double max = values.values().stream().filter(v -> v != null).mapToDouble(BigDecimal::doubleValue).max().orElse(1);
        max = max <= 0 ? 1 : max;
        int width = 60 * values.size() + 20;
        var svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"140\" role=\"img\">");
        int x = 10;
        for (var entry : values.entrySet()) {
            double value = entry.getValue() == null ? 0 : entry.getValue().doubleValue();
            int height = (int) Math.round(100 * value / max);
            svg.append("<rect x=\"").append(x).append("\" y=\"").append(110 - height).append("\" width=\"40\" height=\"").append(height)
                    .append("\" fill=\"#4a7ebb\"><title>").append(entry.getKey()).append(": ").append(entry.getValue()).append("</title></rect>")
                    .append("<text x=\"").append(x).append("\" y=\"128\" font-size=\"10\">").append(entry.getKey()).append("</text>");
            x += 60;
        }
        return svg.append("</svg>\n").toString();
    }

    private static String esc(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
