package io.commgov.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A minimal SMTP receiver on 127.0.0.1 that offers STARTTLS (or not) with a test key, and records each command with
 * whether it came over TLS, so a test sees that nothing (not even {@code MAIL FROM}) was sent in clear.
 */
final class StarttlsSmtp implements AutoCloseable {

    record Command(String line, boolean overTls) {
    }

    private final ServerSocket server;
    private final SSLContext tls;
    private final boolean offerStarttls;
    private final List<Command> commands = new CopyOnWriteArrayList<>();
    private final List<String> mails = new CopyOnWriteArrayList<>();

    StarttlsSmtp(SSLContext tls, boolean offerStarttls) throws IOException {
        this.tls = tls;
        this.offerStarttls = offerStarttls;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        var acceptor = new Thread(this::accept, "starttls-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    List<Command> commands() {
        return commands;
    }

    /** Mails received over TLS. */
    List<String> mails() {
        return mails;
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                serve(socket);
            } catch (IOException e) {
                // the client went away (e.g. refused our certificate): wait for the next
            }
        }
    }

    private void serve(Socket plain) throws IOException {
        Socket socket = plain;
        boolean overTls = false;
        var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream();
        reply(out, "220 127.0.0.1 ESMTP test");
        String line;
        while ((line = in.readLine()) != null) {
            commands.add(new Command(line, overTls));
            String command = (line.length() >= 4 ? line.substring(0, 4) : line).toUpperCase(Locale.ROOT);
            switch (command) {
                case "EHLO" -> reply(out, offerStarttls && !overTls ? "250-127.0.0.1\r\n250 STARTTLS" : "250 127.0.0.1");
                case "HELO" -> reply(out, "250 127.0.0.1");
                case "STAR" -> {
                    if (!offerStarttls || overTls) {
                        reply(out, "502 not offered");
                        continue;
                    }
                    reply(out, "220 go ahead");
                    SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(plain, "127.0.0.1", plain.getPort(), true);
                    secured.setUseClientMode(false);
                    secured.startHandshake();
                    socket = secured;
                    overTls = true;
                    in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                    out = socket.getOutputStream();
                }
                case "DATA" -> {
                    reply(out, "354 end with .");
                    var mail = new StringBuilder();
                    for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                        mail.append(data).append('\n');
                    }
                    if (overTls) {
                        mails.add(mail.toString());
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
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
