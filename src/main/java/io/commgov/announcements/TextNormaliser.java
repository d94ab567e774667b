package io.commgov.announcements;

import java.util.List;

import com.github.houbb.opencc4j.util.ZhConverterUtil;

/**
 * Folds text so that disguised words still match: full-width to half-width, upper to lower case, traditional to
 * simplified Chinese (character by character, OpenCC's table), and everything that is not a letter or digit dropped,
 * so {@code 微 信}, {@code 微.信} and {@code 微😀信} all read {@code 微信}. Each kept character remembers its position in
 * the original text, so a hit is reported where the author wrote it.
 */
final class TextNormaliser {

    private static final char[] FOLD = buildFoldTable();

    private TextNormaliser() {
    }

    /** Normalised characters and, for each, its index in the original text. */
    record Normalised(char[] text, int[] origin, int length) {
        String asString() {
            return new String(text, 0, length);
        }
    }

    static Normalised normalise(CharSequence input) {
        int n = input.length();
        char[] out = new char[n];
        int[] origin = new int[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            char c = FOLD[input.charAt(i)];
            if (c != 0) {
                out[kept] = c;
                origin[kept] = i;
                kept++;
            }
        }
        return new Normalised(out, origin, kept);
    }

    /** A word as the matcher stores it: the same folding, no positions. */
    static String normaliseWord(String word) {
        return normalise(word).asString();
    }

    /** One character folded the same way, or 0 when it is dropped. */
    static char fold(char c) {
        return FOLD[c];
    }

    // one table lookup per character at screening time; 0 marks a dropped character
    private static char[] buildFoldTable() {
        char[] table = new char[Character.MAX_VALUE + 1];
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            char ch = (char) c;
            if (ch >= '\uFF01' && ch <= '\uFF5E') {
                ch = (char) (ch - 0xFEE0);
            }
            if (!Character.isLetterOrDigit(ch)) {
                table[c] = 0;
                continue;
            }
            table[c] = Character.toLowerCase(ch);
        }
        for (int c : traditionalRanges()) {
            // a lookup over the CJK blocks only; other characters are never traditional
            if (table[c] != 0 && ZhConverterUtil.isTraditional((char) c)) {
                List<String> simple = ZhConverterUtil.toSimple((char) c);
                if (simple != null && !simple.isEmpty() && simple.get(0).length() == 1) {
                    table[c] = simple.get(0).charAt(0);
                }
            }
        }
        return table;
    }

    private static int[] traditionalRanges() {
        int[][] ranges = {{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}};
        int size = 0;
        for (int[] r : ranges) {
            size += r[1] - r[0] + 1;
        }
        int[] all = new int[size];
        int k = 0;
        for (int[] r : ranges) {
            for (int c = r[0]; c <= r[1]; c++) {
                all[k++] = c;
            }
        }
        return all;
    }
}
