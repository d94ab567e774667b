package io.commgov.announcements;

import java.util.List;

import io.commgov.validation.Fields;
import io.commgov.validation.StartContract;
import org.springframework.stereotype.Component;

/** Start variables of {@code announcement-review} (SPEC section 4): a WORK item names its audience, and every named group exists. */
@Component
class AnnouncementStartContract implements StartContract {

    static final int MAX_TITLE = 200;
    static final int MAX_BODY = 10_000;

    private final IdentityLookups identity;

    AnnouncementStartContract(IdentityLookups identity) {
        this.identity = identity;
    }

    @Override
    public String processKey() {
        return "announcement-review";
    }

    @Override
    public void check(Fields f) {
        String contentClass = f.requiredOneOf("contentClass", "ANNOUNCEMENT", "WORK", "DAILY");
        f.requiredName("title", MAX_TITLE);
        f.requiredFreeText("body", MAX_BODY);
        List<String> audience = f.list("audience", "WORK".equals(contentClass));
        if (audience.size() > 50) {
            f.reject("audience", "max-size", "audience may name at most 50 groups (got " + audience.size() + ")");
        } else if (!audience.isEmpty()) {
            List<String> unknown = identity.unknownGroups(audience);
            if (!unknown.isEmpty()) {
                f.reject("audience", "unknown-group", "audience names groups that do not exist: " + String.join(", ", unknown));
            }
        }
    }
}
