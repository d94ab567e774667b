package io.commgov.audit;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

/**
 * Logins at the HTTP edge, where the channel and the outcome are both known: webapp logins (Tasklist, Cockpit,
 * Admin) succeed or fail; on the APIs, where every call authenticates with HTTP Basic, failed authentications and
 * refused calls (403) are recorded, successful ones are not (each would be a "login"). Attempts the login throttle
 * answered 429 without checking the password are LOGIN_THROTTLED; every entry names the client address.
 */
class LoginAuditFilter extends OncePerRequestFilter {

    static final String WEBAPP_LOGIN = "/camunda/api/admin/auth/user/";
    /** Set by identity.LoginGuard: the client address its throttle counted the attempt for. */
    static final String SOURCE_ATTRIBUTE = "io.commgov.login.source";
    /** Set by identity.LoginGuard when POST /engine-rest/identity/verify answered a wrong password: the name tried. */
    static final String VERIFY_FAILED_ATTRIBUTE = "io.commgov.login.verify-failed";
    /** Set by identity.LoginGuard when it answered 429: the user name that must wait. */
    static final String THROTTLED_ATTRIBUTE = "io.commgov.login.throttled";
    private static final int TOO_MANY_REQUESTS = 429;

    private final AuditTrail trail;

    LoginAuditFilter(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean webappLogin = "POST".equals(request.getMethod()) && path.startsWith(WEBAPP_LOGIN) && path.contains("/login/");
        var wrapped = webappLogin ? new ContentCachingRequestWrapper(request) : request;
        chain.doFilter(wrapped, response);
        int status = response.getStatus();
        boolean throttled = status == TOO_MANY_REQUESTS;
        String source = request.getAttribute(SOURCE_ATTRIBUTE) instanceof String s ? "; source=" + s : "";
        if (request.getAttribute(VERIFY_FAILED_ATTRIBUTE) instanceof String tried) {
            // a password guessed through Camunda's identity/verify counts as that user's failed login
            String by = path.startsWith("/engine-rest") ? "; by=" + basicUser(request.getHeader("Authorization")) : "";
            trail.record(new AuditEvent(tried, "LOGIN_FAILED", "user", tried, Outcome.FAILURE,
                    "channel=" + (path.startsWith("/engine-rest") ? "engine-rest-verify" : "webapp-verify") + by + source));
            return;
        }
        if (path.startsWith("/camunda/api/engine/")) {
            // the webapps' own calls authenticate with their session, never with a password; only their password check
            if (throttled && request.getAttribute(THROTTLED_ATTRIBUTE) instanceof String name) {
                trail.record(new AuditEvent(name, "LOGIN_THROTTLED", "user", name, Outcome.DENIED, "channel=webapp-verify" + source));
            }
            return;
        }
        if (webappLogin) {
            String user = formValue((ContentCachingRequestWrapper) wrapped, "username");
            boolean ok = status == HttpServletResponse.SC_OK;
            trail.record(new AuditEvent(user, ok ? "LOGIN" : throttled ? "LOGIN_THROTTLED" : "LOGIN_FAILED", "user", user,
                    ok ? Outcome.SUCCESS : throttled ? Outcome.DENIED : Outcome.FAILURE,
                    "channel=webapp; app=" + path.substring(path.lastIndexOf('/') + 1) + source));
        } else if (status == HttpServletResponse.SC_UNAUTHORIZED || status == HttpServletResponse.SC_FORBIDDEN || throttled) {
            String user = throttled && request.getAttribute(THROTTLED_ATTRIBUTE) instanceof String name ? name
                    : basicUser(request.getHeader("Authorization"));
            if (user == null) {
                return;
            }
            String channel = "channel=" + (path.startsWith("/engine-rest") ? "engine-rest" : "api") + source;
            if (throttled) {
                // the password was not checked: the address waits after too many failures for this name (identity.LoginGuard)
                trail.record(new AuditEvent(user, "LOGIN_THROTTLED", "user", user, Outcome.DENIED, channel));
                return;
            }
            boolean unauthorized = status == HttpServletResponse.SC_UNAUTHORIZED;
            trail.record(new AuditEvent(user, unauthorized ? "LOGIN_FAILED" : "ACCESS_DENIED", unauthorized ? "user" : "endpoint",
                    unauthorized ? user : request.getMethod() + " " + path, unauthorized ? Outcome.FAILURE : Outcome.DENIED, channel));
        }
    }

    static String basicUser(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String formValue(ContentCachingRequestWrapper request, String name) {
        String value = request.getParameter(name);
        if (value != null) {
            return value;
        }
        for (String pair : new String(request.getContentAsByteArray(), StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
