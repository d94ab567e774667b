package io.commgov.selection;

import java.util.List;
import java.util.Map;

/** The pilot test report: scores with their reasons, the pilot's results and verdicts, and the recommendation, as HTML. */
final class PilotReport {

    record Verdict(PilotResult result, boolean passed, String reason) {
    }

    private PilotReport() {
    }

    static String html(String title, int round, List<String> departments, List<Requirement> requirements, List<VendorScore> scores,
                       Map<String, Verdict> verdicts, String recommended) {
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>试点测试报告 — ")
                .append(esc(title)).append("</title><style>body{font-family:sans-serif}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #999;padding:4px 8px}</style></head><body>\n")
                .append("<h1>试点测试报告：").append(esc(title)).append("</h1>\n")
                .append("<p>第 ").append(round).append(" 轮试点；试点部门：").append(esc(String.join("、", departments))).append("</p>\n")
                .append("<h2>需求清单（模板一）</h2>\n<table><tr><th>编号</th><th>类别</th><th>描述</th><th>优先级</th>"
                        + "<th>核心/期望/可忽略</th><th>责任部门</th></tr>\n");
        for (Requirement r : requirements) {
            html.append("<tr><td>").append(esc(r.id())).append("</td><td>").append(esc(r.category())).append("</td><td>")
                    .append(esc(r.description())).append("</td><td>").append(esc(r.priority())).append("</td><td>").append(esc(r.level()))
                    .append("</td><td>").append(esc(r.department())).append("</td></tr>\n");
        }
        html.append("</table>\n").append("<h2>供应商评分（资质 30% · 服务 30% · 成本 20% · 功能 20%）</h2>\n<table><tr><th>名次</th><th>供应商</th><th>资质</th>"
                        + "<th>服务</th><th>成本</th><th>功能</th><th>加权得分</th><th>入围</th><th>理由</th></tr>\n");
        for (VendorScore v : scores) {
            html.append("<tr><td>").append(v.rank() == null ? "—" : v.rank()).append("</td><td>").append(esc(v.name()))
                    .append("</td><td>").append(v.qualification()).append("</td><td>").append(v.service())
                    .append("</td><td>").append(v.cost()).append("</td><td>").append(v.functionScore())
                    .append("</td><td>").append(v.score()).append("</td><td>").append(v.shortlisted() ? "是" : "否")
                    .append("</td><td>").append(esc(v.reason())).append("</td></tr>\n");
        }
        html.append("</table>\n<h2>试点结果</h2>\n<table><tr><th>供应商</th><th>功能测试</th><th>单场会议人数</th>"
                + "<th>用户体验</th><th>结论</th><th>理由</th><th>备注</th></tr>\n");
        verdicts.forEach((vendor, verdict) -> html.append("<tr><td>").append(esc(vendor)).append("</td><td>")
                .append(verdict.result().functionalPassed() ? "通过" : "未通过").append("</td><td>")
                .append(verdict.result().meetingParticipants()).append("</td><td>").append(verdict.result().userExperience())
                .append("</td><td>").append(verdict.passed() ? "通过" : "未通过").append("</td><td>").append(esc(verdict.reason()))
                .append("</td><td>").append(esc(verdict.result().notes())).append("</td></tr>\n"));
        html.append("</table>\n<h2>建议</h2>\n<p>").append(recommended == null
                ? "没有供应商通过试点：建议驳回并重新试点。"
                : "推荐供应商：<strong>" + esc(recommended) + "</strong>（通过试点者中加权得分最高）。").append("</p>\n</body></html>\n");
        return html.toString();
    }

    private static String esc(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
