package io.commgov.announcements;

import io.commgov.identity.People;
import io.commgov.notify.Notifier;
import org.springframework.stereotype.Component;

/** Tells the author what became of their announcement, by e-mail when they have an address. */
@Component
class AnnouncementNotices {

    private final Notifier notifier;
    private final People people;

    AnnouncementNotices(Notifier notifier, People people) {
        this.notifier = notifier;
        this.people = people;
    }

    /** The subject names the title with customer data masked: the delivery record keeps subjects. */
    void tellAuthor(Submission s, String subject, String text) {
        people.emailOf(s.author()).ifPresent(address -> notifier.email(address, subject + "：" + ContentScreen.masked(s.title()), text));
    }
}
