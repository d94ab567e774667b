package io.commgov.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal SMTP receiver on 127.0.0.1 that drops duplicates the way a real one would: by the mail's idempotency key
 * (its {@code Idempotency-Key} header, else its {@code Message-ID}). It counts every mail received per key, so a test
 * sees how many duplicates a crash caused. {@link #slow(long)} holds the answer to each mail's DATA, so that the
 * sender is still waiting, in the middle of delivering, when the test kills it.
 */
final class KeyCountingSmtp implements AutoCloseable {

    private final ServerSocket server;
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final AtomicInteger mails = new AtomicInteger();
    private volatile long delayMillis;

    KeyCountingSmtp() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        var acceptor = new Thread(this::accept, "smtp-receiver");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void slow(long millis) {
        this.delayMillis = millis;
    }

    /** Mails received (duplicates included). */
    int mails() {
        return mails.get();
    }

    /** Distinct idempotency keys: the mails a de-duplicating receiver passes on. */
    int distinct() {
        return received.size();
    }

    /** Mails dropped as duplicates. */
    int duplicates() {
        return mails() - distinct();
    }

    int mostTimesOneKey() {
        return received.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                var session = new Thread(() -> serve(socket), "smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 127.0.0.1 ESMTP test");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line.toUpperCase(java.util.Locale.ROOT);
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 127.0.0.1");
                    case "DATA" -> {
                        reply(out, "354 end with .");
                        String key = null;
                        String messageId = null;
                        boolean headers = true;
                        for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                            if (data.isEmpty()) {
                                headers = false;
                            } else if (headers && data.regionMatches(true, 0, "Idempotency-Key:", 0, 16)) {
                                key = data.substring(16).strip();
                            } else if (headers && data.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                                messageId = data.substring(11).strip();
                            }
                        }
                        String id = key != null ? key : messageId != null ? messageId : "no-key-" + System.nanoTime();
                        received.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                        mails.incrementAndGet();
                        if (delayMillis > 0) {
                            Thread.sleep(delayMillis);
                        }
                        reply(out, "250 accepted");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 ok");
                }
            }
        } catch (IOException e) {
            // the sender went away (killed): the mail it was sending counts as received if its DATA was complete
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
