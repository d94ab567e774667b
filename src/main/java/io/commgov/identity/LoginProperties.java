package io.commgov.identity;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code commgov.login.*}: the login throttle. After {@code freeAttempts} failed logins for one user name from one
 * address, that address waits {@code firstDelay} before its next try for that name, doubled after each further
 * failure up to {@code maxDelay}; {@code freeAttemptsPerSource} failures over all names from one address throttle the
 * address itself. Counts are forgotten {@code forgetAfter} the last failure. {@code trustedProxies}: addresses of
 * reverse proxies whose {@code X-Forwarded-For} names the client; empty: the connection's address is the client.
 */
@ConfigurationProperties("commgov.login")
record LoginProperties(Integer freeAttempts, Integer freeAttemptsPerSource, Duration firstDelay, Duration maxDelay,
                       Duration forgetAfter, List<String> trustedProxies) {

    LoginProperties {
        freeAttempts = freeAttempts == null ? 5 : Math.max(1, freeAttempts);
        freeAttemptsPerSource = freeAttemptsPerSource == null ? 30 : Math.max(freeAttempts, freeAttemptsPerSource);
        firstDelay = firstDelay == null ? Duration.ofSeconds(2) : firstDelay;
        maxDelay = maxDelay == null ? Duration.ofSeconds(60) : maxDelay;
        forgetAfter = forgetAfter == null ? Duration.ofMinutes(15) : forgetAfter;
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }
}
