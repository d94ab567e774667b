package io.commgov.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import io.commgov.support.Api;

/** Raw HTTP to the application on 127.0.0.1, so bodies and paths can be as broken as a hostile client sends them. */
final class Http {

    record Answer(String method, String path, String requestBody, int status, String contentType, String body) {
        @Override
        public String toString() {
            return method + " " + abbreviate(path) + " body=" + abbreviate(requestBody) + " -> " + status + " " + contentType + " "
                    + abbreviate(body);
        }

        private static String abbreviate(String s) {
            return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…(" + s.length() + " chars)" : s;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String root;
    private final Duration timeout;

    Http(int port) {
        this(port, Duration.ofSeconds(60));
    }

    /** With a short {@code timeout}: a guard against a request that hangs, which then fails the test instead of stalling it. */
    Http(int port, Duration timeout) {
        this.root = "http://127.0.0.1:" + port;
        this.timeout = timeout;
    }

    Answer get(String user, String path) {
        return send(user, "GET", path, null, null);
    }

    Answer post(String user, String path, String body) {
        return send(user, "POST", path, body, "application/json");
    }

    Answer send(String user, String method, String path, String body, String contentType) {
        var builder = HttpRequest.newBuilder(URI.create(root + path)).timeout(timeout)
                .header("Accept", "application/json, text/html;q=0.9, */*;q=0.8");
        if (user != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + Api.passwordOf(user)).getBytes(StandardCharsets.UTF_8)));
        }
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(method, path, body, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new AssertionError(method + " " + path + " got no answer within " + timeout, e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the long form of the reliability suite was asked for ({@code -Dcommgov.reliability.long=true}). */
    static boolean longForm() {
        return Boolean.getBoolean("commgov.reliability.long");
    }

    static int count(int shortForm, int longForm, String property) {
        return Integer.getInteger(property, longForm() ? longForm : shortForm);
    }
}
