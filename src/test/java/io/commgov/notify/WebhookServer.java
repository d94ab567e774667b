package io.commgov.notify;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/** A real HTTP server on 127.0.0.1 (free port) standing in for an IM robot: answers the scripted statuses in turn, then 200. */
public final class WebhookServer implements AutoCloseable {

    /** One request as the robot saw it. */
    public record Received(String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int otherwise = 200;
    private volatile String okBody = "{\"errcode\":0,\"errmsg\":\"ok\"}";

    public WebhookServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body));
            Integer status = script.poll();
            int code = status == null ? otherwise : status;
            byte[] answer = (code == 200 ? okBody : "{\"error\":\"scripted " + code + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/robot/send?access_token=test";
    }

    /** The next answers, in order; after them the server answers {@link #alwaysAnswer}. */
    public WebhookServer thenAnswer(Integer... statuses) {
        script.addAll(List.of(statuses));
        return this;
    }

    public WebhookServer alwaysAnswer(int status) {
        this.otherwise = status;
        return this;
    }

    public WebhookServer okBody(String body) {
        this.okBody = body;
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
