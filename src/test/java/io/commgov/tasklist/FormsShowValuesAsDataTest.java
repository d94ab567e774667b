package io.commgov.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Finding 9 of issue 19: form-js text components render Markdown, with variables interpolated into it, so a value
 * there can pose as the form's own heading or link. Only values whose form the engine fixes (codes, dates, ids, user
 * ids, choices) may be interpolated; names and free text are shown in read-only (disabled) text fields, as data.
 */
class FormsShowValuesAsDataTest {

    /** Values a person cannot fill with markup: patterns, codes, one-of choices, dates and times the engine formats, booleans. */
    static final Set<String> CONSTRAINED = Set.of("employeeId", "department", "accountType", "endDate", "changeType",
            "newDepartment", "effectiveDate", "slaDueAt", "projectEndDate", "consent", "initiator", "clientId",
            "extraPermissionsApproved");
    private static final Pattern INTERPOLATION = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void textComponentsInterpolateOnlyValuesThatCannotBeMarkup() throws IOException {
        List<String> problems = new ArrayList<>();
        int interpolations = 0;
        for (Path file : forms()) {
            for (JsonNode component : components(JSON.readTree(file.toFile()))) {
                String type = component.path("type").asText();
                if (!type.equals("text") && !type.equals("html")) {
                    continue;
                }
                String text = component.path("text").asText(component.path("content").asText());
                if (text.startsWith("=")) {
                    problems.add(file + " " + component.path("id").asText() + ": a FEEL text expression; show values in fields");
                }
                Matcher m = INTERPOLATION.matcher(text);
                while (m.find()) {
                    interpolations++;
                    String expression = m.group(1);
                    if (!IDENTIFIER.matcher(expression).matches() || !CONSTRAINED.contains(expression)) {
                        problems.add(file + " " + component.path("id").asText() + ": interpolates {{" + expression
                                + "}} into Markdown; show it in a disabled textfield or textarea");
                    }
                }
            }
        }
        assertThat(interpolations).as("constrained values still shown in text").isPositive();
        assertThat(problems).isEmpty();
    }

    @Test
    void theReviewFormsShowNamesInReadOnlyFields() throws IOException {
        for (String form : List.of("accounts/ReviewAccountByIt", "accounts/ReviewAccountByDeptHead", "accounts/ApproveExtraPermissions")) {
            assertThat(disabledKeys(form)).as(form).contains("fullName", "templatePermissions", "permissionsBeyondTemplate");
        }
        assertThat(disabledKeys("accounts/ChangeAccount")).contains("fullName", "newRole");
        for (String form : List.of("clients/ReviewClientBySalesHead", "clients/ConfigureClientAccess")) {
            assertThat(disabledKeys(form)).as(form).contains("clientName", "company", "projectGroupsText", "processingPurpose");
        }
        assertThat(disabledKeys("announcements/ReviewAnnouncement")).contains("title", "body", "screenReport");
    }

    private static List<String> disabledKeys(String form) throws IOException {
        return components(JSON.readTree(Path.of("forms", form + ".form").toFile())).stream()
                .filter(c -> c.path("disabled").asBoolean(false) && Set.of("textfield", "textarea").contains(c.path("type").asText()))
                .map(c -> c.path("key").asText()).toList();
    }

    private static List<JsonNode> components(JsonNode container) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode component : container.path("components")) {
            found.add(component);
            found.addAll(components(component));
        }
        return found;
    }

    private static List<Path> forms() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("forms"))) {
            return files.filter(p -> p.toString().endsWith(".form")).sorted().toList();
        }
    }
}
