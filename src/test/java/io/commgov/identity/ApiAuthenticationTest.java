package io.commgov.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

@CommGovIntegrationTest
class ApiAuthenticationTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    IdentityService identityService;

    @Test
    void anonymousCallsToTheEngineApiAreRefused() {
        var response = new Api(rest).anonymousGet("/engine-rest/task");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
    }

    @Test
    void anonymousCallsToCommGovApiAreRefused() {
        assertThat(new Api(rest).anonymousGet("/api/anything").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    // a user of its own: its failed login is counted by the login throttle (LoginThrottleTest)
    @Test
    void aWrongPasswordIsRefused() {
        var probe = identityService.newUser("wrong-password-probe");
        probe.setPassword("demo");
        identityService.saveUser(probe);
        try {
            assertThat(new Api(rest).getWithPassword(probe.getId(), "not-his-password", "/engine-rest/task").getStatusCode())
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
        } finally {
            identityService.deleteUser(probe.getId());
        }
    }

    @Test
    void aKnownUserWithTheRightPasswordIsServed() {
        var response = new Api(rest).get("emma", "/engine-rest/task");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).startsWith("[");
    }

    @Test
    void theApisAnswerNosniffAndNoHstsOverPlainHttp() {
        for (var response : java.util.List.of(new Api(rest).anonymousGet("/engine-rest/task"), new Api(rest).get("emma", "/engine-rest/task"),
                new Api(rest).get("emma", "/api/me/decisions"), new Api(rest).anonymousGet("/api/anything"))) {
            assertThat(response.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
            // HSTS only over HTTPS (the tls profile, TlsProfileTest): over plain HTTP a browser ignores it
            assertThat(response.getHeaders().containsKey("Strict-Transport-Security")).isFalse();
        }
    }

    @Test
    void healthIsUpForEveryoneWithoutDetails() {
        var response = new Api(rest).anonymousGet("/actuator/health");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void otherActuatorEndpointsAreNotExposed() {
        assertThat(new Api(rest).anonymousGet("/actuator/env").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }
}
