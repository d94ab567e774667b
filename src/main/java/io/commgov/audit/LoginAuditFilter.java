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
 * refused calls (403) are recorded, successful ones are not (each would be a "login").
 */
class LoginAuditFilter extends OncePerRequestFilter {

    static final String WEBAPP_LOGIN = "/camunda/api/admin/auth/user/";

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
        if (webappLogin) {
            String user = formValue((ContentCachingRequestWrapper) wrapped, "username");
            boolean ok = status == HttpServletResponse.SC_OK;
            trail.record(new AuditEvent(user, ok ? "LOGIN" : "LOGIN_FAILED", "user", user, ok ? Outcome.SUCCESS : Outcome.FAILURE,
                    "channel=webapp; app=" + path.substring(path.lastIndexOf('/') + 1)));
        } else if (status == HttpServletResponse.SC_UNAUTHORIZED || status == HttpServletResponse.SC_FORBIDDEN) {
            String user = basicUser(request.getHeader("Authorization"));
            if (user == null) {
                return;
            }
            boolean unauthorized = status == HttpServletResponse.SC_UNAUTHORIZED;
            trail.record(new AuditEvent(user, unauthorized ? "LOGIN_FAILED" : "ACCESS_DENIED", unauthorized ? "user" : "endpoint",
                    unauthorized ? user : request.getMethod() + " " + path, unauthorized ? Outcome.FAILURE : Outcome.DENIED,
                    "channel=" + (path.startsWith("/engine-rest") ? "engine-rest" : "api")));
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
