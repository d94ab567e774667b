package io.commgov.clients;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The demo organisation's project groups {@code proj-alpha}, {@code proj-beta} and {@code proj-gamma} (the start form's choices); only where the demo identities are. */
@Component
@Order(30)
@ConditionalOnProperty(name = "commgov.demo.enabled", havingValue = "true")
class DemoProjectGroups implements ApplicationRunner {

    private final IdentityService identityService;

    DemoProjectGroups(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        ensure("proj-alpha", "项目 Alpha");
        ensure("proj-beta", "项目 Beta");
        ensure("proj-gamma", "项目 Gamma");
    }

    private void ensure(String id, String name) {
        if (identityService.createGroupQuery().groupId(id).count() == 0) {
            var group = identityService.newGroup(id);
            group.setName(name);
            group.setType(ProjectGroups.GROUP_TYPE);
            identityService.saveGroup(group);
        }
    }
}
