package io.commgov.support;

import java.net.URI;
import java.util.Map;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** HTTP calls to the running application as a named user (HTTP Basic, demo password unless given). */
public final class Api {

    private final TestRestTemplate rest;

    public Api(TestRestTemplate rest) {
        this.rest = rest;
    }

    public ResponseEntity<String> get(String user, String path) {
        return as(user).exchange(path, HttpMethod.GET, null, String.class);
    }

    /** A GET whose query is already encoded (e.g. {@code +08:00} as {@code %2B08:00}). */
    public ResponseEntity<String> getEncoded(String user, String pathAndQuery) {
        URI uri = rest.getRootUri().isEmpty() ? URI.create(pathAndQuery) : URI.create(rest.getRootUri() + pathAndQuery);
        return as(user).exchange(uri, HttpMethod.GET, null, String.class);
    }

    public ResponseEntity<String> put(String user, String path, Object body) {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return as(user).exchange(path, HttpMethod.PUT, new HttpEntity<>(body, headers), String.class);
    }

    public ResponseEntity<String> delete(String user, String path) {
        return as(user).exchange(path, HttpMethod.DELETE, null, String.class);
    }

    public ResponseEntity<String> post(String user, String path, Object body) {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return as(user).exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    public ResponseEntity<String> anonymousGet(String path) {
        return rest.getForEntity(path, String.class);
    }

    public ResponseEntity<String> getWithPassword(String user, String password, String path) {
        return rest.withBasicAuth(user, password).exchange(path, HttpMethod.GET, null, String.class);
    }

    private TestRestTemplate as(String user) {
        return user == null ? rest : rest.withBasicAuth(user, passwordOf(user));
    }

    /** Demo users' password; the administrator's differs on MariaDB (from configuration). */
    public static String passwordOf(String user) {
        if ("admin".equals(user)) {
            return System.getenv().getOrDefault("COMMGOV_ADMIN_PASSWORD",
                    System.getProperty("COMMGOV_ADMIN_PASSWORD", "demo"));
        }
        return "demo";
    }

    /** A Camunda REST variable map entry: {@code {"value": v, "type": t}}. */
    public static Map<String, Object> var(Object value, String type) {
        return Map.of("value", value, "type", type);
    }
}
