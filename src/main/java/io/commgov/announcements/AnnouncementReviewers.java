package io.commgov.announcements;

import java.util.LinkedHashSet;
import java.util.List;

import io.commgov.identity.Departments;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Who reviews a WORK item ({@code ${announcementReviewers.forWork(execution)}}): the heads of the audience's
 * departments; when the audience names no department, the author's own department heads; never the author; and
 * when nobody is left, administration.
 */
@Component
public class AnnouncementReviewers {

    private final Departments departments;
    private final IdentityLookups identity;

    AnnouncementReviewers(Departments departments, IdentityLookups identity) {
        this.departments = departments;
        this.identity = identity;
    }

    public List<String> forWork(DelegateExecution execution) {
        String author = (String) execution.getVariable("initiator");
        return identity.asEngine(() -> reviewers(author, Submission.audience(execution.getVariable("audience"))));
    }

    private List<String> reviewers(String author, List<String> audience) {
        var heads = new LinkedHashSet<String>();
        audience.stream().filter(g -> g.startsWith(Departments.GROUP_PREFIX))
                .forEach(g -> heads.addAll(departments.headsOf(g.substring(Departments.GROUP_PREFIX.length()))));
        if (heads.isEmpty() && author != null) {
            departments.codesOf(author).forEach(code -> heads.addAll(departments.headsOf(code)));
        }
        heads.remove(author);
        if (heads.isEmpty()) {
            heads.addAll(identity.membersOf("administration"));
            heads.remove(author);
        }
        return List.copyOf(heads);
    }
}
