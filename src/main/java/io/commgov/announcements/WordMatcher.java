package io.commgov.announcements;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;

/**
 * Every listed word at once: an Aho–Corasick automaton on a double-array trie (hankcs), one pass over the normalised
 * text whatever the number of words. A word made only of Latin letters and digits must stand alone in the original
 * text (no letter or digit right before or after it), so {@code ass} does not hit {@code class}.
 */
final class WordMatcher {

    /** A word of a list, with its category. */
    record Word(Category category, String word) {
    }

    /** A hit in original-text positions. */
    record Hit(Word word, int start, int end) {
    }

    private final AhoCorasickDoubleArrayTrie<List<Word>> trie;
    private final int size;

    WordMatcher(Collection<Word> words) {
        Map<String, List<Word>> byKey = new TreeMap<>();
        for (Word word : words) {
            String key = TextNormaliser.normaliseWord(word.word());
            if (!key.isEmpty()) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(word);
            }
        }
        this.size = byKey.size();
        this.trie = byKey.isEmpty() ? null : new AhoCorasickDoubleArrayTrie<>();
        if (trie != null) {
            trie.build(byKey);
        }
    }

    int size() {
        return size;
    }

    List<Hit> find(CharSequence original) {
        if (trie == null) {
            return List.of();
        }
        var normalised = TextNormaliser.normalise(original);
        var hits = new ArrayList<Hit>();
        char[] text = normalised.length() == normalised.text().length ? normalised.text()
                : java.util.Arrays.copyOf(normalised.text(), normalised.length());
        trie.parseText(text, (begin, end, words) -> {
            int start = normalised.origin()[begin];
            int stop = normalised.origin()[end - 1] + 1;
            if (isLatin(text, begin, end) && !standsAlone(original, start, stop)) {
                return;
            }
            for (Word word : words) {
                hits.add(new Hit(word, start, stop));
            }
        });
        return hits;
    }

    private static boolean isLatin(char[] text, int begin, int end) {
        for (int i = begin; i < end; i++) {
            char c = text[i];
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean standsAlone(CharSequence original, int start, int stop) {
        return !(start > 0 && isLatinLetterOrDigit(original.charAt(start - 1)))
                && !(stop < original.length() && isLatinLetterOrDigit(original.charAt(stop)));
    }

    private static boolean isLatinLetterOrDigit(char c) {
        char f = TextNormaliser.fold(c);
        return f >= 'a' && f <= 'z' || f >= '0' && f <= '9';
    }
}
