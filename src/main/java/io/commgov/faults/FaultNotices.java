package io.commgov.faults;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.commgov.identity.People;
import io.commgov.identity.Role;
import io.commgov.notify.Notifier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Service;

/** Who hears about a fault, and what they are told; recipients are looked up in the identity service when it happens. */
@Service
class FaultNotices {

    static final String IM_CHANNEL = "faults";
    private static final DateTimeFormatter SHANGHAI_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    private final Notifier notifier;
    private final People people;

    FaultNotices(Notifier notifier, People people) {
        this.notifier = notifier;
        this.people = people;
    }

    void tellReporterTheCause(DelegateExecution fault) {
        mail(List.of(reporter(fault)), "[故障 " + ref(fault) + "] 原因与预计修复时间",
                "您报告的故障：" + fault.getVariable("symptom") + "\n原因：" + fault.getVariable("cause")
                        + "\n预计修复时间：" + shanghaiTime(fault.getVariable("expectedFixAt")) + "\nIT 回复：" + fault.getVariable("response"));
    }

    /** A date-time as the reporter reads it: "2026-11-24 12:00（北京时间）", whether IT sent a Date or an ISO-8601 text. */
    static String shanghaiTime(Object value) {
        Instant instant;
        if (value instanceof Date date) {
            instant = date.toInstant();
        } else if (value != null) {
            try {
                instant = OffsetDateTime.parse(value.toString().strip()).toInstant();
            } catch (DateTimeParseException notIso) {
                return value.toString();
            }
        } else {
            return "—";
        }
        return SHANGHAI_MINUTES.format(instant) + "（北京时间）";
    }

    void warnIt(DelegateExecution fault, String what) {
        mail(membersOf(Role.IT), "[故障 " + ref(fault) + "] " + what + "即将超时",
                "故障：" + fault.getVariable("symptom") + "\n" + what + "已用去 80% 的时限，请尽快处理。");
    }

    void tellItHeadOfBreach(DelegateExecution fault, String what) {
        mail(membersOf(Role.IT_HEAD), "[故障 " + ref(fault) + "] " + what + "已超时",
                "故障：" + fault.getVariable("symptom") + "\n影响范围：" + fault.getVariable("impactScope")
                        + "\n" + what + "未在时限内完成，已升级给 IT 负责人。");
    }

    /** R-FLT-3: every department head at once, and the platform's IM channel. */
    List<String> announceMajorFault(DelegateExecution fault) {
        List<String> heads = membersOf(Role.DEPT_HEAD);
        String text = "重大故障（平台不可用）已启动应急预案：" + fault.getVariable("symptom") + "；影响范围：" + fault.getVariable("impactScope");
        mail(heads, "[重大故障 " + ref(fault) + "] 已启动应急预案", text);
        notifier.im(IM_CHANNEL, text);
        return heads;
    }

    /** While a major fault is open, every step goes to the reporter and the department heads. */
    void sendStatusUpdate(VariableScope fault, String processInstanceId, String step) {
        Set<String> to = new LinkedHashSet<>(membersOf(Role.DEPT_HEAD));
        to.add((String) fault.getVariable("initiator"));
        String text = "故障进展（" + step + "）：" + fault.getVariable("symptom");
        mail(List.copyOf(to), "[重大故障 " + processInstanceId + "] 进展：" + step, text);
        notifier.im(IM_CHANNEL, text);
    }

    private void mail(List<String> userIds, String subject, String body) {
        for (String userId : userIds) {
            people.emailOf(userId).ifPresent(address -> notifier.email(address, subject, body));
        }
    }

    private List<String> membersOf(Role role) {
        return List.copyOf(people.membersOf(role.groupId()));
    }

    /** Which SLA an activity of the model is about, in the words of the notice. */
    static String slaOf(String activityId) {
        return activityId.contains("Response") ? "IT 响应（30 分钟）" : "原因说明（2 小时）";
    }

    private static String reporter(DelegateExecution fault) {
        return (String) fault.getVariable("initiator");
    }

    private static String ref(DelegateExecution fault) {
        return fault.getProcessInstanceId();
    }
}
