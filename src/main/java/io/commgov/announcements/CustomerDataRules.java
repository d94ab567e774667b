package io.commgov.announcements;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.commgov.validation.ResidentIdNumber;

/**
 * Customer data by pattern (R-ANN-1, R-CLI-2): mainland mobile numbers, resident identity numbers whose check digit
 * (GB 11643) and birth date are valid, bank card numbers that pass Luhn, and e-mail addresses in bulk. Digits are read
 * after folding full-width digits and dropping spaces and hyphens between digits ({@code 138 0013 8000}).
 */
final class CustomerDataRules {

    static final String MOBILE = "MOBILE";
    static final String RESIDENT_ID = "RESIDENT_ID";
    static final String BANK_CARD = "BANK_CARD";
    static final String BULK_EMAIL = "BULK_EMAIL";

    private static final Pattern MOBILE_NUMBER = Pattern.compile("(?<![0-9])(?:\\+?86)?1[3-9][0-9]{9}(?![0-9])");
    private static final Pattern RESIDENT_ID_NUMBER = Pattern.compile(
            "(?<![0-9])[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9A-Za-z])");
    private static final Pattern CARD_NUMBER = Pattern.compile("(?<![0-9])[3-6][0-9]{15,18}(?![0-9])");
    private static final Pattern EMAIL = Pattern.compile("(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

    private final int bulkEmailThreshold;

    CustomerDataRules(int bulkEmailThreshold) {
        this.bulkEmailThreshold = bulkEmailThreshold;
    }

    /** A hit of a rule in original-text positions. */
    record Hit(String rule, int start, int end) {
    }

    List<Hit> find(CharSequence original) {
        // numbers are read twice: as written, and with separators between digits removed ("138 0013 8000")
        var hits = new LinkedHashSet<Hit>();
        var raw = DigitView.of(original, false);
        numbers(raw, hits);
        numbers(DigitView.of(original, true), hits);
        Map<String, Hit> emails = new LinkedHashMap<>();
        Matcher email = EMAIL.matcher(raw.text).useTransparentBounds(true);
        // the regex runs only around each '@', not over the whole text
        for (int at = raw.text.indexOf('@'); at >= 0; at = raw.text.indexOf('@', at + 1)) {
            email.region(Math.max(0, at - 64), Math.min(raw.text.length(), at + 256));
            while (email.find()) {
                if (email.start() <= at && at < email.end()) {
                    emails.putIfAbsent(email.group().toLowerCase(Locale.ROOT), raw.hit(BULK_EMAIL, email.start(), email.end()));
                    break;
                }
            }
        }
        if (emails.size() >= bulkEmailThreshold) {
            hits.addAll(emails.values());
        }
        return new ArrayList<>(hits);
    }

    // the regexes run only over runs of at least 11 digits (the shortest number looked for), seen through transparent bounds
    private static void numbers(DigitView view, Set<Hit> hits) {
        String text = view.text;
        Matcher id = RESIDENT_ID_NUMBER.matcher(text).useTransparentBounds(true);
        Matcher card = CARD_NUMBER.matcher(text).useTransparentBounds(true);
        Matcher mobile = MOBILE_NUMBER.matcher(text).useTransparentBounds(true);
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
            if (i - start < 11) {
                continue;
            }
            int from = start > 0 && text.charAt(start - 1) == '+' ? start - 1 : start;
            int to = i < n && (text.charAt(i) == 'X' || text.charAt(i) == 'x') ? i + 1 : i;
            var ids = new ArrayList<Integer>();
            id.region(from, to);
            while (id.find()) {
                if (isValidResidentId(id.group())) {
                    hits.add(view.hit(RESIDENT_ID, id.start(), id.end()));
                    ids.add(id.start());
                }
            }
            card.region(from, to);
            while (card.find()) {
                if (!ids.contains(card.start()) && passesLuhn(card.group())) {
                    hits.add(view.hit(BANK_CARD, card.start(), card.end()));
                }
            }
            mobile.region(from, to);
            while (mobile.find()) {
                hits.add(view.hit(MOBILE, mobile.start(), mobile.end()));
            }
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isValidResidentId(String id) {
        return ResidentIdNumber.isValid(id);
    }

    static boolean passesLuhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /** The text with full-width folded and separators between digits removed, and where each character came from. */
    private record DigitView(String text, int[] origin) {

        static DigitView of(CharSequence original, boolean joinDigits) {
            int n = original.length();
            char[] out = new char[n];
            int[] origin = new int[n];
            int k = 0;
            for (int i = 0; i < n; i++) {
                char c = original.charAt(i);
                if (c >= '\uFF01' && c <= '\uFF5E') {
                    c = (char) (c - 0xFEE0);
                }
                if (joinDigits && isDigitSeparator(c) && k > 0 && isDigit(out[k - 1]) && nextIsDigit(original, i + 1)) {
                    continue;
                }
                origin[k] = i;
                out[k++] = c;
            }
            return new DigitView(new String(out, 0, k), origin);
        }

        Hit hit(String rule, int start, int end) {
            return new Hit(rule, origin[start], origin[end - 1] + 1);
        }

        private static boolean nextIsDigit(CharSequence s, int from) {
            for (int i = from; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c >= '\uFF10' && c <= '\uFF19') {
                    return true;
                }
                if (!isDigitSeparator(c)) {
                    return isDigit(c);
                }
            }
            return false;
        }

        private static boolean isDigitSeparator(char c) {
            return c == ' ' || c == '-' || c == '\u3000' || c == '\u00A0' || c == '\uFF0D' || c == '\t';
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
