package io.commgov.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.CommGovIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Camunda Forms under forms/ open in Tasklist 7.24, speak Chinese, and check on the client what the server checks:
 * each start form is compared with its process's {@link StartContract} by asking the contract itself (required fields,
 * patterns, lengths, dates, the values of choice fields), so the two cannot drift apart.
 */
@CommGovIntegrationTest
class FormsMatchContractsTest {

    /** The newest form schema the form-js of Camunda 7.24's Tasklist reads (its {@code schemaVersion} constant). */
    private static final int TASKLIST_SCHEMA_VERSION = 16;
    private static final Pattern CJK = Pattern.compile("\\p{IsHan}");
    private static final Pattern START_FORM = Pattern.compile(
            "<bpmn:startEvent[^>]*camunda:formRef=\"([^\"]+)\"");
    private static final Set<String> INPUT_TYPES = Set.of("textfield", "textarea", "number", "datetime", "select",
            "radio", "checkbox", "checklist", "taglist");
    /** Texts a person might type into a field with a pattern: ids, phone numbers, addresses, quarters. */
    private static final List<String> SAMPLES = List.of("E1001", "e-2026-x", "a", "-abc", "ab cd", "工号1", "A".repeat(32),
            "A".repeat(33), "13800138000", "+86 138 0013 8000", "010-8888 7777", "12345", "+1", "name@example.com",
            "a@b", "a b@c.d", "x@y.cn", "2026-Q3", "2026-Q5", "26-Q1", "abc_def", "a;b");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired List<StartContract> contracts;

    @Test
    void everyFormOpensInTasklistAndSpeaksChinese() throws IOException {
        List<Path> forms = files(Path.of("forms"), ".form");
        assertThat(forms).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Path file : forms) {
            JsonNode form = JSON.readTree(file.toFile());
            String expectedId = "Form_" + file.getFileName().toString().replace(".form", "");
            if (!expectedId.equals(form.path("id").asText())) {
                problems.add(file + ": id " + form.path("id") + ", expected " + expectedId);
            }
            int version = form.path("schemaVersion").asInt(-1);
            if (version < 1 || version > TASKLIST_SCHEMA_VERSION) {
                problems.add(file + ": schemaVersion " + version + " is not read by Tasklist 7.24 (1.." + TASKLIST_SCHEMA_VERSION + ")");
            }
            if (!"Camunda Platform".equals(form.path("executionPlatform").asText())
                    || !form.path("executionPlatformVersion").asText().startsWith("7.24")) {
                problems.add(file + ": not a form for Camunda Platform 7.24");
            }
            for (JsonNode field : fields(form)) {
                String type = field.path("type").asText();
                String label = field.path("type").asText().equals("datetime") ? field.path("dateLabel").asText()
                        : field.path("label").asText();
                if (INPUT_TYPES.contains(type) && !CJK.matcher(label).find()) {
                    problems.add(file + ": field " + field.path("key") + " has no Chinese label ('" + label + "')");
                }
                if (INPUT_TYPES.contains(type) && !field.path("key").asText().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    problems.add(file + ": field key " + field.path("key") + " is not an English variable name");
                }
                if (field.path("validate").has("pattern")) {
                    try {
                        Pattern.compile(field.path("validate").path("pattern").asText());
                    } catch (RuntimeException e) {
                        problems.add(file + ": field " + field.path("key") + " has a pattern that is no regular expression");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyStartFormChecksWhatItsContractChecks() throws IOException {
        Map<String, StartContract> byKey = new HashMap<>();
        contracts.forEach(c -> byKey.put(c.processKey(), c));
        Map<String, Path> formsById = new HashMap<>();
        for (Path file : files(Path.of("forms"), ".form")) {
            formsById.put(JSON.readTree(file.toFile()).path("id").asText(), file);
        }
        List<String> problems = new ArrayList<>();
        int compared = 0;
        int patterns = 0;
        for (Path model : files(Path.of("processes"), ".bpmn")) {
            String key = model.getFileName().toString().replace(".bpmn", "");
            var startForm = START_FORM.matcher(Files.readString(model));
            if (!startForm.find() || !byKey.containsKey(key)) {
                continue;
            }
            StartContract contract = byKey.get(key);
            Path file = formsById.get(startForm.group(1));
            assertThat(file).as("form " + startForm.group(1) + " of " + key).isNotNull();
            Map<String, JsonNode> formFields = new LinkedHashMap<>();
            for (JsonNode field : fields(JSON.readTree(file.toFile()))) {
                if (field.hasNonNull("key") && !field.path("readonly").asBoolean(false) && !field.path("disabled").asBoolean(false)) {
                    formFields.put(field.path("key").asText(), field);
                }
            }
            if (formFields.isEmpty()) {
                continue; // a start form only shown, for a process the system starts (kpi-improvement)
            }
            compared++;
            String where = file + " (" + key + ")";
            // the fields an empty request is refused for are in the form, and required there
            for (Violation v : check(contract, Map.of())) {
                if (!"required".equals(v.rule()) || "initiator".equals(v.field())) {
                    continue;
                }
                JsonNode field = formFields.get(v.field());
                if (field != null && field.path("type").asText().equals("checkbox")) {
                    continue; // a checkbox always sends true or false; see compareField
                }
                if (field == null) {
                    problems.add(where + ": the server requires " + v.field() + ", which the form does not have");
                } else if (!field.path("validate").path("required").asBoolean(false)) {
                    problems.add(where + ": the server requires " + v.field() + "; the form does not mark it required");
                }
            }
            for (var entry : formFields.entrySet()) {
                patterns += compareField(contract, entry.getKey(), entry.getValue(), where, problems);
            }
        }
        assertThat(compared).as("start forms compared with their contracts").isGreaterThanOrEqualTo(8);
        assertThat(patterns).as("fields with a pattern on both sides").isGreaterThanOrEqualTo(4);
        assertThat(problems).isEmpty();
    }

    /** Compares one form field with what the contract says about its values; answers 1 when both check a pattern. */
    private int compareField(StartContract contract, String key, JsonNode field, String where, List<String> problems) {
        String type = field.path("type").asText();
        JsonNode validate = field.path("validate");
        if (type.equals("textfield") || type.equals("textarea")) {
            int serverMax = serverMaxLength(contract, key);
            if (serverMax > 0 && validate.path("maxLength").asInt(Integer.MAX_VALUE) > serverMax) {
                problems.add(where + ": " + key + " is at most " + serverMax + " characters on the server; the form's maxLength is "
                        + (validate.has("maxLength") ? validate.path("maxLength").asInt() : "not set"));
            }
            boolean serverHasPattern = SAMPLES.stream().anyMatch(s -> refusesFormat(contract, key, s));
            if (!serverHasPattern) {
                if (validate.has("pattern")) {
                    problems.add(where + ": " + key + " has a pattern in the form but none on the server");
                }
                return 0;
            }
            if (!validate.has("pattern")) {
                problems.add(where + ": the server checks the pattern of " + key + "; the form has no validate.pattern");
                return 0;
            }
            // form-js tests the value with new RegExp(pattern).test(value): a search, hence find()
            Pattern form = Pattern.compile(validate.path("pattern").asText());
            int max = validate.path("maxLength").asInt(Integer.MAX_VALUE);
            for (String sample : SAMPLES) {
                boolean formRefuses = !form.matcher(sample).find() || sample.length() > max;
                if (formRefuses != refusesFormat(contract, key, sample)) {
                    problems.add(where + ": " + key + " '" + sample + "' is " + (formRefuses ? "refused" : "accepted")
                            + " by the form but " + (formRefuses ? "accepted" : "refused") + " by the server");
                }
            }
            return 1;
        }
        if (type.equals("datetime")) {
            if (!rules(contract, key, "no date").contains("date-format")) {
                problems.add(where + ": " + key + " is a date picker, but the server does not read it as a date");
            }
            if (!"date".equals(field.path("subtype").asText())) {
                problems.add(where + ": " + key + " is a date on the server; the picker's subtype should be date");
            }
            if (rules(contract, key, "2000-01-01").contains("future-date") && !field.path("disallowPassedDates").asBoolean(false)) {
                problems.add(where + ": the server wants " + key + " after today; the picker should disallow passed dates");
            }
            return 0;
        }
        if (type.equals("checkbox")) {
            // form-js's "required" on a checkbox means ticked: right exactly when the server refuses false
            boolean serverWantsTicked = !rules(contract, key, Boolean.FALSE).isEmpty();
            if (serverWantsTicked != validate.path("required").asBoolean(false)) {
                problems.add(where + ": the server " + (serverWantsTicked ? "refuses" : "accepts") + " " + key
                        + " = false; the form's checkbox should " + (serverWantsTicked ? "" : "not ") + "be required");
            }
            return 0;
        }
        for (JsonNode option : field.path("values")) {
            Object value = type.equals("checklist") || type.equals("taglist") ? List.of(option.path("value").asText())
                    : option.path("value").asText();
            for (String rule : rules(contract, key, value)) {
                if (rule.equals("one-of") || rule.equals("pattern") || rule.endsWith("-format")) {
                    problems.add(where + ": the form offers " + key + " = " + value + ", which the server refuses (" + rule + ")");
                }
            }
        }
        return 0;
    }

    /** The server's maximum length for the field (searched with texts of one letter), or 0 when it has none. */
    private int serverMaxLength(StartContract contract, String key) {
        if (!rules(contract, key, "a".repeat(100_000)).contains("max-length")) {
            return 0;
        }
        int low = 0;
        int high = 100_000;
        while (low + 1 < high) {
            int mid = (low + high) / 2;
            if (rules(contract, key, "a".repeat(mid)).contains("max-length")) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return low;
    }

    private boolean refusesFormat(StartContract contract, String key, String sample) {
        return rules(contract, key, sample).stream().anyMatch(r -> r.equals("pattern") || r.endsWith("-format") || r.equals("max-length"));
    }

    private List<String> rules(StartContract contract, String key, Object value) {
        return check(contract, Map.of(key, value)).stream().filter(v -> key.equals(v.field())).map(Violation::rule).toList();
    }

    private static List<Violation> check(StartContract contract, Map<String, Object> values) {
        Fields fields = new Fields(values);
        contract.check(fields);
        return fields.violations();
    }

    private static List<JsonNode> fields(JsonNode container) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode component : container.path("components")) {
            found.add(component);
            found.addAll(fields(component));
        }
        return found;
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
