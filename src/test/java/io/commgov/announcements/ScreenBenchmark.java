package io.commgov.announcements;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Screening throughput: 10,000 patterns over 10 MB (UTF-8) of mixed Chinese/English text, the Aho–Corasick screen
 * against a naive {@code String.contains} loop over the same list and the same normalised text, in the same run.
 * Not part of the suite (surefire excludes *Benchmark); run it with
 * {@code ./mvnw -B -q test -DskipMariaDb=true -Dtest=ScreenBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * and read {@code target/screen-benchmark.txt}. {@code -Dbench.mb=} and {@code -Dbench.patterns=} change the size.
 */
class ScreenBenchmark {

    private static final String CJK = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞";
    private static final String LATIN = "abcdefghijklmnopqrstuvwxyz";

    @Test
    void screeningThroughput() throws IOException {
        int patternCount = Integer.getInteger("bench.patterns", 10_000);
        int megabytes = Integer.getInteger("bench.mb", 10);
        var random = new Random(20261125L);

        var words = new ArrayList<WordMatcher.Word>();
        var seen = new HashSet<String>();
        while (words.size() < patternCount) {
            String w = random.nextInt(10) < 7 ? randomFrom(CJK, 3 + random.nextInt(4), random) : randomFrom(LATIN, 6 + random.nextInt(5), random);
            if (seen.add(TextNormaliser.normaliseWord(w))) {
                Category category = Category.values()[random.nextInt(3)];
                words.add(new WordMatcher.Word(category, w));
            }
        }

        List<String> sentences = ContentScreenTest.ordinarySentences();
        var text = new StringBuilder();
        long bytes = 0;
        long target = (long) megabytes * 1024 * 1024;
        while (bytes < target) {
            String piece = random.nextInt(200) == 0 ? " " + words.get(random.nextInt(words.size())).word() + " "
                    : sentences.get(random.nextInt(sentences.size())) + " ";
            text.append(piece);
            bytes += piece.getBytes(StandardCharsets.UTF_8).length;
        }
        String corpus = text.toString();
        double mb = bytes / (1024.0 * 1024.0);

        long t0 = System.nanoTime();
        var matcher = new WordMatcher(words);
        double buildMs = (System.nanoTime() - t0) / 1e6;
        var rules = new CustomerDataRules(3);

        // warm-up, then the best of three runs
        matcher.find(corpus.substring(0, Math.min(corpus.length(), 1_000_000)));
        double wordsBest = Double.MAX_VALUE;
        double screenBest = Double.MAX_VALUE;
        double rulesBest = Double.MAX_VALUE;
        int hits = 0;
        Set<String> acFound = new HashSet<>();
        for (int run = 0; run < 3; run++) {
            long s = System.nanoTime();
            var found = matcher.find(corpus);
            wordsBest = Math.min(wordsBest, (System.nanoTime() - s) / 1e9);
            hits = found.size();
            found.forEach(h -> acFound.add(TextNormaliser.normaliseWord(h.word().word())));
            s = System.nanoTime();
            rules.find(corpus);
            rulesBest = Math.min(rulesBest, (System.nanoTime() - s) / 1e9);
            s = System.nanoTime();
            ContentScreen.run(matcher, rules, Map.of("body", corpus));
            screenBest = Math.min(screenBest, (System.nanoTime() - s) / 1e9);
        }

        // the naive way: every pattern searched through the same normalised text
        String normalised = TextNormaliser.normalise(corpus).asString();
        List<String> keys = words.stream().map(w -> TextNormaliser.normaliseWord(w.word())).toList();
        long s = System.nanoTime();
        Set<String> naiveFound = new HashSet<>();
        for (String key : keys) {
            if (normalised.contains(key)) {
                naiveFound.add(key);
            }
        }
        double naive = (System.nanoTime() - s) / 1e9;

        // Latin words inside longer Latin words are dropped by the screen on purpose; compare on what both must find
        assertThat(naiveFound).containsAll(acFound);

        String report = String.format(Locale.ROOT, """
                Content screen benchmark (%d patterns, %.1f MB UTF-8 = %,d chars of mixed Chinese/English; JDK %s, %d cores)
                  automaton build:                       %8.1f ms
                  word lists (normalise + Aho-Corasick): %8.3f s  = %8.1f MB/s  (%d hits)
                  customer-data pattern rules alone:     %8.3f s  = %8.1f MB/s
                  whole screen (words + pattern rules):  %8.3f s  = %8.1f MB/s
                  naive String.contains loop:            %8.3f s  = %8.2f MB/s  (%d distinct patterns present)
                  ratio word lists vs naive:             %8.0f x
                """, patternCount, mb, corpus.length(), System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                buildMs, wordsBest, mb / wordsBest, hits, rulesBest, mb / rulesBest, screenBest, mb / screenBest, naive, mb / naive, naiveFound.size(), naive / wordsBest);
        System.out.println(report);
        Files.writeString(Path.of("target", "screen-benchmark.txt"), report);
    }

    private static String randomFrom(String alphabet, int length, Random random) {
        var sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
