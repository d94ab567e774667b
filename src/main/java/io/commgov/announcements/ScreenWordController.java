package io.commgov.announcements;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.commgov.audit.AuditTrail;
import io.commgov.audit.Outcome;
import io.commgov.identity.CurrentUser;
import io.commgov.identity.Role;
import io.commgov.validation.Bounds;
import io.commgov.validation.ContractViolationException;
import io.commgov.validation.Violation;
import org.camunda.bpm.engine.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The screen's word lists, edited by administration without a restart ({@code /api/announcements/screen-words}),
 * and a dry run of the screen for any author ({@code POST /api/announcements/screen}).
 */
@RestController
@RequestMapping("/api/announcements")
class ScreenWordController {

    private static final Logger log = LoggerFactory.getLogger(ScreenWordController.class);
    private static final String[] LIST_CATEGORIES = Arrays.stream(Category.values()).filter(Category::isWordList).map(Enum::name)
            .toArray(String[]::new);

    /** A dry run screens what an announcement may hold, no more (the start contract's bounds). */
    static final int MAX_TITLE = AnnouncementStartContract.MAX_TITLE;
    static final int MAX_BODY = AnnouncementStartContract.MAX_BODY;

    private final ScreenWords words;
    private final ContentScreen screen;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;

    ScreenWordController(ScreenWords words, ContentScreen screen, CurrentUser currentUser, ApplicationEventPublisher events,
                         AuditTrail audit) {
        this.words = words;
        this.screen = screen;
        this.currentUser = currentUser;
        this.events = events;
        this.audit = audit;
    }

    /** Body of a new word: {@code {"category": "TRADE_SECRET", "word": "…"}}. */
    record NewWord(String category, String word) {
    }

    /** Body of a dry run: {@code {"title": "…", "body": "…"}}. */
    record Draft(String title, String body) {
    }

    @GetMapping("/screen-words")
    List<ScreenWords.Entry> list(@RequestParam(required = false) String category) {
        requireAdministration();
        Bounds.requireMaxLength("category", category, Bounds.NAME);
        return category == null ? words.all() : words.of(parseCategory(category));
    }

    @PostMapping("/screen-words")
    @Transactional
    ResponseEntity<ScreenWords.Entry> add(@RequestBody(required = false) NewWord body) {
        String actor = requireAdministration();
        var violations = new ArrayList<Violation>();
        if (body != null) {
            Bounds.maxLength(violations, "category", body.category(), Bounds.NAME);
            Bounds.maxLength(violations, "word", body.word(), 1000);
            Bounds.check(violations);
        }
        Category category = null;
        String word = body == null || body.word() == null ? null : body.word().strip();
        if (body == null || body.category() == null || body.category().isBlank()) {
            violations.add(new Violation("category", "required", "category is required: one of " + String.join(", ", LIST_CATEGORIES)));
        } else if (!Arrays.asList(LIST_CATEGORIES).contains(body.category())) {
            violations.add(new Violation("category", "one-of", "category must be one of " + String.join(", ", LIST_CATEGORIES)
                    + " (got '" + body.category() + "'; customer data is found by pattern rules, not a list)"));
        } else {
            category = Category.valueOf(body.category());
        }
        if (word == null || word.isEmpty()) {
            violations.add(new Violation("word", "required", "word is required"));
        } else if (word.length() > 100) {
            violations.add(new Violation("word", "max-length", "word must be at most 100 characters (is " + word.length() + ")"));
        } else if (TextNormaliser.normaliseWord(word).length() < 2) {
            violations.add(new Violation("word", "min-letters", "word must hold at least two letters or digits once spaces and punctuation are ignored (got '" + word + "')"));
        } else if (category != null) {
            // the screen reads words normalised, so "Project Falcon" and "project-falcon" are the same entry
            String key = TextNormaliser.normaliseWord(word);
            words.of(category).stream().filter(e -> TextNormaliser.normaliseWord(e.word()).equals(key)).findFirst()
                    .ifPresent(e -> violations.add(new Violation("word", "duplicate",
                            "'" + word + "' is already listed under " + e.category() + " as '" + e.word() + "'")));
        }
        if (!violations.isEmpty()) {
            throw new ContractViolationException(violations);
        }
        var entry = words.add(category, word, actor);
        changed(actor, "ADDED", entry);
        return ResponseEntity.status(HttpStatus.CREATED).body(entry);
    }

    @DeleteMapping("/screen-words/{id}")
    @Transactional
    ResponseEntity<Void> remove(@PathVariable String id) {
        String actor = requireAdministration();
        Bounds.requireMaxLength("id", id, Bounds.ID);
        var entry = words.find(id);
        if (entry.isEmpty() || !words.remove(id)) {
            return ResponseEntity.notFound().build();
        }
        changed(actor, "REMOVED", entry.get());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/screen")
    Map<String, Object> dryRun(@RequestBody(required = false) Draft draft) {
        if (draft == null || (draft.title() == null && draft.body() == null)) {
            throw new ContractViolationException(List.of(new Violation("body", "required", "title or body is required")));
        }
        var bounds = new ArrayList<Violation>();
        Bounds.maxLength(bounds, "title", draft.title(), MAX_TITLE);
        Bounds.maxLength(bounds, "body", draft.body(), MAX_BODY);
        Bounds.check(bounds);
        var result = screen.screen(draft.title(), draft.body());
        return Map.of("verdict", result.verdict().name(), "findings", result.findings(), "report", result.report());
    }

    private void changed(String actor, String action, ScreenWords.Entry entry) {
        screen.reload();
        log.info("Screen word {} by {}: {} '{}' ({})", action, actor, entry.category(), entry.word(), entry.id());
        audit.record("screen-word." + action.toLowerCase(java.util.Locale.ROOT), "screen-word", entry.id(), Outcome.SUCCESS,
                entry.category() + ": " + entry.word());
        events.publishEvent(new ScreenWordChanged(actor, action, entry.category().name(), entry.word(), entry.id()));
    }

    private String requireAdministration() {
        String user = currentUser.id().orElseThrow(() -> new AuthorizationException("not authenticated"));
        if (!currentUser.isIn(Role.ADMINISTRATION)) {
            throw new AuthorizationException(user, "UPDATE", "screen-words", "administration");
        }
        return user;
    }

    private static Category parseCategory(String category) {
        try {
            return Category.valueOf(category);
        } catch (IllegalArgumentException e) {
            throw new ContractViolationException(List.of(new Violation("category", "one-of",
                    "category must be one of " + String.join(", ", LIST_CATEGORIES) + " (got '" + category + "')")));
        }
    }
}
