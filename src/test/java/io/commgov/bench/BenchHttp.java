package io.commgov.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import io.commgov.support.Api;

/** HTTP/1.1 calls to one application on 127.0.0.1 as a demo user, each timed into {@link Latencies} under its kind. */
final class BenchHttp {

    record Answer(int status, String body) {
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String root;
    private final Latencies latencies;

    BenchHttp(int port, Latencies latencies) {
        this.root = "http://127.0.0.1:" + port;
        this.latencies = latencies;
    }

    Answer get(String kind, String user, String path) {
        return send(kind, user, "GET", path, null);
    }

    Answer post(String kind, String user, String path, String body) {
        return send(kind, user, "POST", path, body);
    }

    /** A POST with Tasklist's {@code Accept: application/hal+json}. */
    Answer postHal(String kind, String user, String path, String body) {
        return send(kind, user, "POST", path, body, "application/hal+json");
    }

    private Answer send(String kind, String user, String method, String path, String body) {
        return send(kind, user, method, path, body, "application/json");
    }

    private Answer send(String kind, String user, String method, String path, String body, String accept) {
        var builder = HttpRequest.newBuilder(URI.create(root + path)).timeout(Duration.ofSeconds(120)).header("Accept", accept)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + Api.passwordOf(user))
                        .getBytes(StandardCharsets.UTF_8)));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (latencies != null) {
                latencies.record(kind, System.nanoTime() - t0);
            }
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
