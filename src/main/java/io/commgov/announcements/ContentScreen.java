package io.commgov.announcements;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The automatic content screen (R-ANN-1): the word lists of {@code cg_screen_word} through one Aho–Corasick automaton,
 * and the customer-data pattern rules. The automaton is rebuilt when the lists change (checked on every screening by
 * a one-row query), so an edit applies at once, on every node, without a restart.
 */
@Service
public class ContentScreen {

    private static final Logger log = LoggerFactory.getLogger(ContentScreen.class);
    private static final int CONTEXT = 12;
    private static final java.util.regex.Pattern LONG_NUMBER = java.util.regex.Pattern.compile("[0-9０-９][0-9０-９ -]{5,}[0-9０-９]");

    private final ScreenWords words;
    private final CustomerDataRules customerData;
    private static final CustomerDataRules EVERY_ADDRESS = new CustomerDataRules(1);
    private volatile Loaded loaded;

    private record Loaded(String signature, WordMatcher matcher) {
    }

    ContentScreen(ScreenWords words, @Value("${commgov.announcements.bulk-email-threshold:3}") int bulkEmailThreshold) {
        this.words = words;
        this.customerData = new CustomerDataRules(bulkEmailThreshold);
    }

    /** Screens each field (e.g. title and body); positions are per field. */
    public ScreenResult screen(Map<String, String> fields) {
        return run(matcher(), customerData, fields);
    }

    static ScreenResult run(WordMatcher matcher, CustomerDataRules customerData, Map<String, String> fields) {
        var findings = new ArrayList<Finding>();
        for (var field : fields.entrySet()) {
            String text = field.getValue();
            if (text == null || text.isEmpty()) {
                continue;
            }
            for (var hit : matcher.find(text)) {
                findings.add(new Finding(field.getKey(), hit.word().category(), hit.word().word(), hit.start(), hit.end(),
                        passage(text, hit.start(), hit.end(), false)));
            }
            for (var hit : customerData.find(text)) {
                findings.add(new Finding(field.getKey(), Category.CUSTOMER_DATA, hit.rule(), hit.start(), hit.end(),
                        passage(text, hit.start(), hit.end(), true)));
            }
        }
        findings.sort(Comparator.comparing(Finding::field).thenComparingInt(Finding::start));
        return new ScreenResult(List.copyOf(findings));
    }

    public ScreenResult screen(String title, String body) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("title", title);
        fields.put("body", body);
        return screen(fields);
    }

    /** The text with every customer-data pattern (a single e-mail address too) and every long number masked. */
    static String masked(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        var out = new StringBuilder(text);
        // from the end, so earlier positions stay valid; overlapping hits are masked once
        var hits = new ArrayList<>(EVERY_ADDRESS.find(text));
        hits.sort(Comparator.comparingInt(CustomerDataRules.Hit::start).reversed());
        int limit = text.length();
        for (var hit : hits) {
            if (hit.end() <= limit) {
                out.replace(hit.start(), hit.end(), mask(text.substring(hit.start(), hit.end())));
                limit = hit.start();
            }
        }
        return LONG_NUMBER.matcher(out).replaceAll(m -> mask(m.group()));
    }

    void reload() {
        loaded = null;
    }

    private WordMatcher matcher() {
        String signature = words.signature();
        Loaded current = loaded;
        if (current == null || !current.signature().equals(signature)) {
            synchronized (this) {
                current = loaded;
                if (current == null || !current.signature().equals(signature)) {
                    var entries = words.all().stream().filter(e -> Category.isWordList(e.category()))
                            .map(e -> new WordMatcher.Word(e.category(), e.word())).toList();
                    current = new Loaded(signature, new WordMatcher(entries));
                    loaded = current;
                    log.info("Content screen loaded {} words", current.matcher().size());
                }
            }
        }
        return current.matcher();
    }

    static String passage(String text, int start, int end, boolean mask) {
        int from = Math.max(0, start - CONTEXT);
        int to = Math.min(text.length(), end + CONTEXT);
        String hit = text.substring(start, end);
        if (mask) {
            hit = mask(hit);
        }
        return (from > 0 ? "…" : "") + context(text.substring(from, start)) + "【" + oneLine(hit) + "】"
                + context(text.substring(end, to)) + (to < text.length() ? "…" : "");
    }

    /** Keeps the first three and last two characters of a number or address, stars in between. */
    static String mask(String value) {
        if (value.length() <= 5) {
            return "*".repeat(value.length());
        }
        return value.substring(0, 3) + "*".repeat(value.length() - 5) + value.substring(value.length() - 2);
    }

    // a long number next to a hit may be customer data too: never shown in full
    private static String context(String s) {
        return LONG_NUMBER.matcher(oneLine(s)).replaceAll(m -> mask(m.group()));
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
