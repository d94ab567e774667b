package io.commgov.announcements;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/** The word lists over REST: administration edits them and the screen follows at once; anyone else gets 403; bad input 400 naming the field. */
@CommGovIntegrationTest
class ScreenWordApiTest {

    private static final String WORDS = "/api/announcements/screen-words";

    @Autowired TestRestTemplate rest;
    @Autowired ContentScreen screen;
    @Autowired ObjectMapper json;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(rest);
    }

    @Test
    void administrationListsTheShippedWords() throws Exception {
        var response = api.get("alice", WORDS + "?category=TRADE_SECRET");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode words = json.readTree(response.getBody());
        assertThat(words.findValuesAsText("word")).contains("青鸾计划").doesNotContain("加微信");
    }

    @Test
    void anAddedWordIsScreenedAtOnceAndARemovedOneNoLonger() throws Exception {
        String text = "下季度 朱 雀 项 目 的样机已就绪";
        assertThat(screen.screen("t", text).verdict()).isEqualTo(ScreenResult.Verdict.CLEAN);

        var added = api.post("adam", WORDS, Map.of("category", "TRADE_SECRET", "word", "朱雀项目"));
        assertThat(added.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode entry = json.readTree(added.getBody());
        assertThat(entry.get("createdBy").asText()).isEqualTo("adam");
        assertThat(screen.screen("t", text).verdict()).isEqualTo(ScreenResult.Verdict.HARD);

        var dryRun = api.post("emma", "/api/announcements/screen", Map.of("title", "t", "body", text));
        assertThat(dryRun.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(dryRun.getBody()).get("verdict").asText()).isEqualTo("HARD");

        var removed = as("adam").exchange(WORDS + "/" + entry.get("id").asText(), HttpMethod.DELETE, null, String.class);
        assertThat(removed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(screen.screen("t", text).verdict()).isEqualTo(ScreenResult.Verdict.CLEAN);
        assertThat(as("adam").exchange(WORDS + "/" + entry.get("id").asText(), HttpMethod.DELETE, null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void badInputAnswers400NamingTheFieldAndRule() throws Exception {
        assertThat(errors(api.post("alice", WORDS, Map.of("word", "xx")))).containsEntry("category", "required");
        assertThat(errors(api.post("alice", WORDS, Map.of("category", "GOSSIP", "word", "xx")))).containsEntry("category", "one-of");
        assertThat(errors(api.post("alice", WORDS, Map.of("category", "CUSTOMER_DATA", "word", "xx")))).containsEntry("category", "one-of");
        assertThat(errors(api.post("alice", WORDS, Map.of("category", "HARASSMENT")))).containsEntry("word", "required");
        assertThat(errors(api.post("alice", WORDS, Map.of("category", "HARASSMENT", "word", "！ ？")))).containsEntry("word", "min-letters");
        assertThat(errors(api.post("alice", WORDS, Map.of("category", "HARASSMENT", "word", "x".repeat(101))))).containsEntry("word", "max-length");
        assertThat(errors(api.post("alice", WORDS, Map.of("category", "HARASSMENT", "word", "蠢货")))).containsEntry("word", "duplicate");
        assertThat(errors(api.post("alice", WORDS, Map.of("category", "TRADE_SECRET", "word", "project-FALCON")))).as("same once normalised")
                .containsEntry("word", "duplicate");
        assertThat(errors(api.get("alice", WORDS + "?category=NOPE"))).containsEntry("category", "one-of");
    }

    @Test
    void nobodyButAdministrationMayReadOrEditTheLists() {
        for (String user : new String[] {"emma", "ivan", "head-adm", "admin"}) {
            assertThat(api.get(user, WORDS).getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(api.post(user, WORDS, Map.of("category", "HARASSMENT", "word", "新词" + user)).getStatusCode()).as(user)
                    .isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(as(user).exchange(WORDS + "/seed-ha-01", HttpMethod.DELETE, null, String.class).getStatusCode()).as(user)
                    .isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(api.anonymousGet(WORDS).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(screen.screen("t", "你是个蠢货").verdict()).as("the seed word is still there").isEqualTo(ScreenResult.Verdict.HARD);
    }

    private TestRestTemplate as(String user) {
        return rest.withBasicAuth(user, Api.passwordOf(user));
    }

    private Map<String, String> errors(org.springframework.http.ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        var errors = new HashMap<String, String>();
        json.readTree(response.getBody()).get("errors").forEach(e -> errors.put(e.get("field").asText(), e.get("rule").asText()));
        return errors;
    }
}
