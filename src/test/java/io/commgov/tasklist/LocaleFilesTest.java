package io.commgov.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CommGov's Chinese locale files against the English ones of the Camunda 7.24 webapps on the classpath: every key, nothing left in English. */
class LocaleFilesTest {

    private static final String LOCALES = "META-INF/resources/webjars/camunda/app/%s/locales/%s.json";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*}}|\\{}|%[sd]");
    /** Words that stay as they are in Chinese software: formats, acronyms, product and data-type names. */
    private static final Pattern KEPT = Pattern.compile(
            "\\{\\{[^}]*}}|<[^>]*>|&[a-z]+;|yyyy-MM-ddTHH:mm:ss|YYYY-MM-DDTHH:mm:ss|\\b(ID|JSON|CSV|DMN|DRD|CTRL|F5|null|Optimize)\\b");
    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void chineseHasExactlyTheKeysOfTheEnglishFile(String app) throws IOException {
        JsonNode en = read(app, "en");
        JsonNode zh = read(app, "zh");
        assertThat(keys(zh.get("labels"))).isEqualTo(keys(en.get("labels")));
        assertThat(keys(zh.path("dateLocales"))).isEqualTo(keys(en.path("dateLocales")));
        assertThat(en.get("labels").size()).as("the webapps' English file was found").isGreaterThan(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void noLabelIsLeftInEnglishAndPlaceholdersSurvive(String app) throws IOException {
        JsonNode en = read(app, "en").get("labels");
        JsonNode zh = read(app, "zh").get("labels");
        List<String> english = new ArrayList<>();
        List<String> brokenPlaceholders = new ArrayList<>();
        en.fieldNames().forEachRemaining(key -> {
            String source = en.get(key).asText();
            String target = zh.get(key).asText();
            if (target.equals(source) && KEPT.matcher(source).replaceAll("").matches("(?s).*[A-Za-z]{2,}.*")) {
                english.add(key + " = " + target);
            }
            if (!placeholders(source).equals(placeholders(target))) {
                brokenPlaceholders.add(key + " = " + target);
            }
            if (target.matches("(?s).*\\b(It is time to migrate|Camunda 8)\\b.*")) {
                english.add(key + " = " + target);
            }
        });
        assertThat(english).as("labels still in English").isEmpty();
        assertThat(brokenPlaceholders).as("labels whose {{placeholders}} differ from English").isEmpty();
    }

    private JsonNode read(String app, String locale) throws IOException {
        String path = LOCALES.formatted(app, locale);
        List<URL> found = Collections.list(getClass().getClassLoader().getResources(path));
        assertThat(found).as(path).hasSize(1);
        try (InputStream in = found.get(0).openStream()) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return json.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
        }
    }

    private static Set<String> keys(JsonNode node) {
        var keys = new TreeSet<String>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static List<String> placeholders(String text) {
        var found = new ArrayList<String>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        Collections.sort(found);
        return found;
    }
}
