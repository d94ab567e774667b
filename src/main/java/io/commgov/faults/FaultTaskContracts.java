package io.commgov.faults;

import java.time.OffsetDateTime;
import java.util.List;

import io.commgov.validation.Fields;
import io.commgov.validation.TaskContract;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What each fault task must be completed with (SPEC section 4); IT may upgrade a fault to major at any of its steps. */
@Configuration
class FaultTaskContracts {

    @Bean
    TaskContract faultResponseContract() {
        return contract("fault-response", List.of("response"), (f, t) -> {
            f.requiredFreeText("response", 2000);
            upgrade(f);
        });
    }

    @Bean
    TaskContract faultDiagnosisContract() {
        return contract("fault-diagnosis", List.of("cause", "expectedFixAt"), (f, t) -> {
            f.requiredFreeText("cause", 2000);
            OffsetDateTime fixAt = f.dateTime("expectedFixAt", true);
            if (fixAt != null && !fixAt.toInstant().isAfter(ClockUtil.getCurrentTime().toInstant())) {
                f.reject("expectedFixAt", "future-date-time", "expectedFixAt must be in the future (got " + fixAt + ")");
            }
            upgrade(f);
        });
    }

    @Bean
    TaskContract faultFixContract() {
        return contract("fault-fix", List.of("fixConfirmation"), (f, t) -> {
            f.requiredFreeText("fixConfirmation", 2000);
            upgrade(f);
        });
    }

    @Bean
    TaskContract faultConfirmationContract() {
        return contract("fault-confirmation", List.of("fixed", "comment"), (f, t) -> {
            Boolean fixed = f.requiredBoolean("fixed");
            if (Boolean.FALSE.equals(fixed) && f.text("comment", 2000) == null) {
                f.reject("comment", "required-when-reopened", "comment is required when fixed is false: say what still fails");
            }
            if (t.actor() != null && !t.actor().equals(t.initiator())) {
                f.reject("fixed", "reporter-only", "only the reporter " + t.initiator() + " confirms the fix or reopens the fault");
            }
        });
    }

    @Bean
    TaskContract slaBreachReviewContract() {
        return contract("sla-breach-review", List.of("escalationAction"), (f, t) -> f.requiredFreeText("escalationAction", 2000));
    }

    @Bean
    TaskContract emergencyPlanContract() {
        return contract("emergency-plan", List.of(), (f, t) -> {
            for (String step : EMERGENCY_CHECKLIST) {
                if (!Boolean.TRUE.equals(f.raw(step))) {
                    f.reject(step, "checklist", step + " must be checked (true) before the emergency plan task is done");
                }
            }
            f.freeText("emergencyNotes", 4000);
        });
    }

    static final List<String> EMERGENCY_CHECKLIST = List.of("commandCentreOpened", "backupChannelAnnounced",
            "vendorEngaged", "departmentsBriefed");

    private static void upgrade(Fields f) {
        Object upgrade = f.raw("upgradeToMajor");
        if (upgrade != null && !(upgrade instanceof Boolean)) {
            f.reject("upgradeToMajor", "type-boolean", "upgradeToMajor must be a Boolean true or false");
        }
    }

    interface Check {
        void check(Fields fields, TaskContract.TaskContext task);
    }

    private static TaskContract contract(String name, List<String> decisionFields, Check check) {
        return new TaskContract() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void check(Fields fields, TaskContext task) {
                check.check(fields, task);
            }

            @Override
            public List<String> decisionFields() {
                return decisionFields;
            }
        };
    }
}
