package io.commgov.announcements;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The content screen over {@link #TEXT_CHARS} chars of mixed Chinese/English text with 10,000 patterns (70 % Chinese
 * words of 3–6 characters, 30 % Latin words of 6–10 letters; one sentence in 200 carries one), texts screened per
 * second. {@code normalise=true}: {@link WordMatcher#find} as announcements use it (width, case and traditional
 * characters folded, then Aho–Corasick); {@code false}: the same automaton over the raw text. {@code naive}: a
 * {@code String.contains} loop over the same 10,000 patterns (over the normalised text when normalising).
 * chars/s = ops/s × TEXT_CHARS ({@code io.commgov.bench.ComponentBenchmarks} prints them).
 * Run alone: {@code ./mvnw -Pbench test-compile exec:exec -Dbench=ScreenBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ScreenBenchmark {

    public static final int TEXT_CHARS = 200_000;
    private static final String CJK = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞";
    private static final String LATIN = "abcdefghijklmnopqrstuvwxyz";

    @Param({"true", "false"})
    public boolean normalise;

    @Param({"10000"})
    public int patterns;

    private String text;
    private String naiveText;
    private List<String> keys;
    private WordMatcher matcher;
    private AhoCorasickDoubleArrayTrie<String> rawTrie;

    @Setup
    public void setUp() throws IOException {
        var random = new Random(20261125L);
        var words = new ArrayList<WordMatcher.Word>();
        var seen = new HashSet<String>();
        while (words.size() < patterns) {
            String w = random.nextInt(10) < 7 ? randomFrom(CJK, 3 + random.nextInt(4), random) : randomFrom(LATIN, 6 + random.nextInt(5), random);
            if (seen.add(TextNormaliser.normaliseWord(w))) {
                words.add(new WordMatcher.Word(Category.values()[random.nextInt(3)], w));
            }
        }
        List<String> sentences = ContentScreenTest.ordinarySentences();
        var sb = new StringBuilder();
        while (sb.length() < TEXT_CHARS) {
            sb.append(random.nextInt(200) == 0 ? " " + words.get(random.nextInt(words.size())).word() + " "
                    : sentences.get(random.nextInt(sentences.size())) + " ");
        }
        text = sb.substring(0, TEXT_CHARS);
        matcher = new WordMatcher(words);
        Map<String, String> byKey = new TreeMap<>();
        words.forEach(w -> byKey.put(TextNormaliser.normaliseWord(w.word()), w.word()));
        rawTrie = new AhoCorasickDoubleArrayTrie<>();
        rawTrie.build(byKey);
        keys = new ArrayList<>(byKey.keySet());
        naiveText = normalise ? TextNormaliser.normalise(text).asString() : text;
    }

    @Benchmark
    public int automaton() {
        if (normalise) {
            return matcher.find(text).size();
        }
        int[] hits = new int[1];
        rawTrie.parseText(text, (AhoCorasickDoubleArrayTrie.IHit<String>) (begin, end, word) -> hits[0]++);
        return hits[0];
    }

    @Benchmark
    public int naive() {
        String haystack = normalise ? TextNormaliser.normalise(text).asString() : naiveText;
        int found = 0;
        for (String key : keys) {
            if (haystack.contains(key)) {
                found++;
            }
        }
        return found;
    }

    private static String randomFrom(String alphabet, int length, Random random) {
        var sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
