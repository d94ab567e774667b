package io.commgov.faults;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.commgov.identity.CurrentUser;
import io.commgov.identity.Unrestricted;
import io.commgov.identity.Role;
import io.commgov.sla.Sla;
import io.commgov.validation.Bounds;
import io.commgov.validation.ContractViolationException;
import io.commgov.validation.Violation;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/faults?state=OPEN|CLOSED}: the fault list for IT, with each fault's SLA states. */
@RestController
@RequestMapping("/api/faults")
class FaultController {

    private static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

    record SlaState(String name, String state, String dueAt, String warnedAt) {
    }

    record FaultView(String id, String state, String reporter, String reportedAt, String symptom, String impactScope,
                     boolean major, List<SlaState> slas) {
    }

    private final HistoryService historyService;
    private final IdentityService identityService;
    private final CurrentUser currentUser;
    private final Sla sla;

    FaultController(HistoryService historyService, IdentityService identityService, CurrentUser currentUser, Sla sla) {
        this.historyService = historyService;
        this.identityService = identityService;
        this.currentUser = currentUser;
        this.sla = sla;
    }

    @GetMapping
    List<FaultView> list(@RequestParam(required = false) String state,
                         @RequestParam(defaultValue = "0") int firstResult,
                         @RequestParam(defaultValue = "50") int maxResults) {
        if (!currentUser.isIn(Role.IT, Role.IT_HEAD, Role.CAMUNDA_ADMIN)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "the fault list is for IT (it, it-head, camunda-admin)");
        }
        var errors = new java.util.ArrayList<Violation>();
        Bounds.maxLength(errors, "state", state, Bounds.NAME);
        if (errors.isEmpty() && state != null && !state.equals("OPEN") && !state.equals("CLOSED")) {
            errors.add(new Violation("state", "one-of", "state must be OPEN or CLOSED (got '" + state + "')"));
        }
        Bounds.range(errors, "firstResult", firstResult, 0, Bounds.FIRST_RESULT);
        Bounds.range(errors, "maxResults", maxResults, 1, Bounds.PAGE_SIZE);
        Bounds.check(errors);
        // the role is checked above; the engine is asked as itself, as IT holds no history grants on every definition
        return asEngine(() -> {
            var query = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("fault-escalation");
            if ("OPEN".equals(state)) {
                query.unfinished();
            } else if ("CLOSED".equals(state)) {
                query.finished();
            }
            return query.orderByProcessInstanceStartTime().desc().listPage(firstResult, maxResults).stream().map(this::view).toList();
        });
    }

    private FaultView view(HistoricProcessInstance fault) {
        Map<String, Object> vars = new HashMap<>();
        for (HistoricVariableInstance v : historyService.createHistoricVariableInstanceQuery().processInstanceId(fault.getId()).list()) {
            vars.put(v.getName(), v.getValue());
        }
        boolean major = Boolean.TRUE.equals(vars.get("platformDown")) || Boolean.TRUE.equals(vars.get("upgradeToMajor"));
        List<SlaState> slas = sla.recordsOf(fault.getId()).stream()
                .map(r -> new SlaState(r.name(), r.state().name(), text(r.dueAt()), text(r.warnedAt()))).toList();
        return new FaultView(fault.getId(), fault.getEndTime() == null ? "OPEN" : "CLOSED", fault.getStartUserId(),
                fault.getStartTime().toInstant().atZone(BUSINESS_ZONE).toOffsetDateTime().toString(),
                (String) vars.get("symptom"), (String) vars.get("impactScope"), major, slas);
    }

    private <T> T asEngine(Supplier<T> work) {
        return Unrestricted.asEngine(identityService, work);
    }

    private static String text(java.time.Instant instant) {
        return instant == null ? null : instant.atZone(BUSINESS_ZONE).toOffsetDateTime().toString();
    }

}
