package io.commgov.announcements;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The screen on its own: normalisation, the pattern rules with valid and invalid check digits, no false hits on ordinary text. */
class ContentScreenTest {

    private static final List<WordMatcher.Word> SHIPPED_WORDS = shippedWords();
    private final WordMatcher matcher = new WordMatcher(SHIPPED_WORDS);
    private final CustomerDataRules rules = new CustomerDataRules(3);

    private ScreenResult screen(String body) {
        return ContentScreen.run(matcher, rules, Map.of("body", body));
    }

    private List<String> hitRules(String body) {
        return screen(body).findings().stream().map(Finding::rule).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"加微信", "欢迎 加 微 信 咨询", "加　微　信", "加.微-信", "加😀微😀信", "加\u200B微\u200B信", "加\n微\n信"})
    void spacesPunctuationAndInsertedCharactersDoNotHideAWord(String text) {
        assertThat(hitRules(text)).containsExactly("加微信");
        assertThat(screen(text).verdict()).isEqualTo(ScreenResult.Verdict.SOFT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ＷＥＩＸＩＮ", "WeiXin", "wEiXiN", "w e i x i n", "ｗ－ｅ－ｉ－ｘ－ｉ－ｎ"})
    void fullWidthLettersAndMixedCaseAreFolded(String text) {
        assertThat(hitRules(text)).containsExactly("weixin");
    }

    @Test
    void traditionalChineseIsReadAsSimplified() {
        var result = screen("下季度的青鸞計劃細節如下");
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("青鸾计划");
            assertThat(f.category()).isEqualTo(Category.TRADE_SECRET);
            assertThat(f.start()).as("position in the original text").isEqualTo(4);
            assertThat(f.end()).isEqualTo(8);
            assertThat(f.passage()).contains("【青鸞計劃】");
        });
        assertThat(result.verdict()).isEqualTo(ScreenResult.Verdict.HARD);
    }

    @Test
    void aCodeNameIsFoundHoweverItIsWritten() {
        assertThat(hitRules("Update on PROJECT   falcon")).containsExactly("Project Falcon");
        assertThat(hitRules("ｘ９ｐｒｏ 的样机")).containsExactly("X9-Pro");
        assertThat(hitRules("the x9 pro prototype")).containsExactly("X9-Pro");
    }

    @Test
    void aLatinWordMustStandAloneSoWordsInsideWordsDoNotHit() {
        assertThat(hitRules("What an idiot!")).containsExactly("idiot");
        assertThat(hitRules("an idiotic idea, a moronic plan, the idiotype of an antibody")).isEmpty();
        assertThat(hitRules("Falcon project review")).isEmpty();
    }

    @Test
    void harassmentIsAHardHitWithItsPosition() {
        var result = screen("你就是个蠢货");
        assertThat(result.verdict()).isEqualTo(ScreenResult.Verdict.HARD);
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.category()).isEqualTo(Category.HARASSMENT);
            assertThat(f.start()).isEqualTo(4);
            assertThat(f.end()).isEqualTo(6);
        });
        assertThat(result.report()).contains("HARD").contains("HARASSMENT").contains("【蠢货】");
    }

    @ParameterizedTest
    @ValueSource(strings = {"13800138000", "电话13912345678联系", "+86 138 0013 8000", "138-0013-8000", "１３８００１３８０００", "call 8613800138000"})
    void mainlandMobileNumbers(String text) {
        assertThat(hitRules(text)).containsExactly(CustomerDataRules.MOBILE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12800138000", "1380013800", "138001380001", "分机 8021", "会议号 123 456 789", "订单 2013800138000"})
    void numbersThatAreNotMobileNumbers(String text) {
        assertThat(hitRules(text)).doesNotContain(CustomerDataRules.MOBILE);
    }

    @Test
    void twoMobileNumbersSeparatedBySpaceAreBothFound() {
        assertThat(hitRules("13800138000 13912345678")).containsExactly(CustomerDataRules.MOBILE, CustomerDataRules.MOBILE);
    }

    @Test
    void residentIdNumbersNeedAValidCheckDigitAndBirthDate() {
        String valid = withIdCheckDigit("11010519491231002");
        assertThat(CustomerDataRules.isValidResidentId(valid)).isTrue();
        assertThat(hitRules("身份证号 " + valid + " 已登记")).containsExactly(CustomerDataRules.RESIDENT_ID);
        assertThat(hitRules("lower x: " + withIdCheckDigit("44030419900101100").toLowerCase())).containsExactly(CustomerDataRules.RESIDENT_ID);

        char wrong = valid.charAt(17) == '0' ? '1' : '0';
        String badCheck = valid.substring(0, 17) + wrong;
        assertThat(hitRules("身份证号 " + badCheck)).isEmpty();
        assertThat(hitRules("日期无效 " + withIdCheckDigit("11010519990231002"))).as("31 February").isEmpty();
    }

    @Test
    void bankCardNumbersMustPassLuhn() {
        assertThat(CustomerDataRules.passesLuhn("4111111111111111")).isTrue();
        assertThat(hitRules("卡号 4111 1111 1111 1111")).containsExactly(CustomerDataRules.BANK_CARD);
        String unionPay = withLuhnDigit("622202123456789012");
        assertThat(hitRules("工资卡 " + unionPay)).containsExactly(CustomerDataRules.BANK_CARD);

        assertThat(hitRules("卡号 4111111111111112")).isEmpty();
        String bad = unionPay.substring(0, unionPay.length() - 1) + (char) ('0' + (unionPay.charAt(unionPay.length() - 1) - '0' + 1) % 10);
        assertThat(hitRules("工资卡 " + bad)).isEmpty();
    }

    @Test
    void emailAddressesCountOnlyInBulk() {
        assertThat(hitRules("联系 a@corp.example 或 b@corp.example")).isEmpty();
        assertThat(hitRules("a@corp.example, A@corp.example, b@corp.example")).as("the same address twice counts once").isEmpty();
        var bulk = screen("客户名单：zhang@client.example; li@client.example; wang@client.example");
        assertThat(bulk.findings()).hasSize(3).allSatisfy(f -> assertThat(f.rule()).isEqualTo(CustomerDataRules.BULK_EMAIL));
        assertThat(bulk.verdict()).isEqualTo(ScreenResult.Verdict.HARD);
    }

    @Test
    void customerDataIsMaskedInTheReport() {
        var result = screen("请联系客户 13800138000，备用 13912345678");
        assertThat(result.report()).doesNotContain("13800138000").doesNotContain("13912345678").contains("138******00");
    }

    @Test
    void noFalseHitOnTwoHundredOrdinarySentences() throws IOException {
        List<String> sentences = ordinarySentences();
        assertThat(sentences).hasSizeGreaterThanOrEqualTo(200);
        var falseHits = new ArrayList<String>();
        for (String sentence : sentences) {
            var result = screen(sentence);
            if (!result.findings().isEmpty()) {
                falseHits.add(sentence + " → " + result.report());
            }
        }
        assertThat(falseHits).isEmpty();
    }

    @Test
    void anEmptyWordListFindsOnlyPatterns() {
        var empty = new WordMatcher(List.of());
        assertThat(ContentScreen.run(empty, rules, Map.of("body", "加微信 13800138000")).findings())
                .extracting(Finding::rule).containsExactly(CustomerDataRules.MOBILE);
    }

    static String withIdCheckDigit(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    static String withLuhnDigit(String payload) {
        for (char d = '0'; d <= '9'; d++) {
            if (CustomerDataRules.passesLuhn(payload + d)) {
                return payload + d;
            }
        }
        throw new IllegalStateException();
    }

    static List<String> ordinarySentences() throws IOException {
        try (InputStream in = ContentScreenTest.class.getResourceAsStream("ordinary-sentences.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /** The word lists the migration ships, so the corpus test guards the real data. */
    static List<WordMatcher.Word> shippedWords() {
        try (InputStream in = ContentScreenTest.class.getResourceAsStream("/db/migration/V051__create_screen_word.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            var m = Pattern.compile("\\('[^']+', '([A-Z_]+)', '([^']+)'").matcher(sql);
            var words = new ArrayList<WordMatcher.Word>();
            while (m.find()) {
                words.add(new WordMatcher.Word(Category.valueOf(m.group(1)), m.group(2)));
            }
            assertThat(words).hasSizeGreaterThan(20);
            return words;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
