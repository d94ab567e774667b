package io.commgov.notify;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code commgov.notify.*}: the SMTP server and the IM webhook channels. */
@ConfigurationProperties("commgov.notify")
public class NotifyProperties {

    private final Mail mail = new Mail();
    private final Im im = new Im();

    public Mail getMail() {
        return mail;
    }

    public Im getIm() {
        return im;
    }

    public static class Mail {
        /** Off by default: without a configured server nothing is sent and each skipped mail is logged. */
        private boolean enabled = false;
        private String host = "localhost";
        private int port = 25;
        private String username;
        private String password;
        private String from = "commgov@localhost";
        private Duration timeout = Duration.ofSeconds(10);
        /** Refuse to send unless the server offers STARTTLS and its certificate (JVM trust store) and host name verify. */
        private boolean starttlsRequired = false;
        /** PKCS12 trust store with the SMTP server's CA (e.g. a company CA); blank: the JVM's trust store. */
        private String trustStore;
        private String trustStorePassword;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public String getHost() { return host; }
        public void setHost(String host) { this.host = host; }
        public int getPort() { return port; }
        public void setPort(int port) { this.port = port; }
        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public String getFrom() { return from; }
        public void setFrom(String from) { this.from = from; }
        public Duration getTimeout() { return timeout; }
        public void setTimeout(Duration timeout) { this.timeout = timeout; }
        public boolean isStarttlsRequired() { return starttlsRequired; }
        public void setStarttlsRequired(boolean starttlsRequired) { this.starttlsRequired = starttlsRequired; }
        public String getTrustStore() { return trustStore; }
        public void setTrustStore(String trustStore) { this.trustStore = trustStore; }
        public String getTrustStorePassword() { return trustStorePassword; }
        public void setTrustStorePassword(String trustStorePassword) { this.trustStorePassword = trustStorePassword; }
    }

    public static class Im {
        /** Channel name → webhook; a message to an unknown channel is skipped and logged. */
        private Map<String, Channel> channels = new LinkedHashMap<>();
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(500);
        private double backoffMultiplier = 2.0;
        private Duration timeout = Duration.ofSeconds(5);

        public Map<String, Channel> getChannels() { return channels; }
        public void setChannels(Map<String, Channel> channels) { this.channels = channels; }
        public int getMaxAttempts() { return maxAttempts; }
        public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
        public Duration getInitialBackoff() { return initialBackoff; }
        public void setInitialBackoff(Duration initialBackoff) { this.initialBackoff = initialBackoff; }
        public double getBackoffMultiplier() { return backoffMultiplier; }
        public void setBackoffMultiplier(double backoffMultiplier) { this.backoffMultiplier = backoffMultiplier; }
        public Duration getTimeout() { return timeout; }
        public void setTimeout(Duration timeout) { this.timeout = timeout; }
    }

    public static class Channel {
        private String url;
        /** Robot signing secret; from the environment, never from the repository. */
        private String secret;
        private ImFormat format = ImFormat.DINGTALK;

        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public String getSecret() { return secret; }
        public void setSecret(String secret) { this.secret = secret; }
        public ImFormat getFormat() { return format; }
        public void setFormat(ImFormat format) { this.format = format; }
    }
}
