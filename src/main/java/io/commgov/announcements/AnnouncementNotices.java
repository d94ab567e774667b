package io.commgov.announcements;

import io.commgov.notify.Notifier;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/** Tells the author what became of their announcement, by e-mail when they have an address. */
@Component
class AnnouncementNotices {

    private final Notifier notifier;
    private final IdentityService identityService;
    private final IdentityLookups identity;

    AnnouncementNotices(Notifier notifier, IdentityService identityService, IdentityLookups identity) {
        this.notifier = notifier;
        this.identityService = identityService;
        this.identity = identity;
    }

    void tellAuthor(Submission s, String subject, String text) {
        String email = identity.asEngine(() -> {
            var user = identityService.createUserQuery().userId(s.author()).singleResult();
            return user == null ? null : user.getEmail();
        });
        if (email != null && !email.isBlank()) {
            notifier.email(email, subject + "：" + s.title(), text);
        }
    }
}
