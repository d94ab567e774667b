package io.commgov.identity;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Every place a password is checked: HTTP Basic on {@code /engine-rest} and {@code /api}, the webapps' login form, and
 * Camunda's {@code identity/verify} on the REST API and the webapps' mount of it (which checks the password of any user
 * the caller may read). A user name
 * that failed too often from one address is answered 429 with {@code Retry-After} before its password is checked;
 * otherwise the outcome is counted ({@link LoginThrottle}). It sits inside the login audit, which records each attempt.
 */
class LoginGuard extends OncePerRequestFilter {

    /** The client address the throttle used, for the login audit's entry. */
    static final String SOURCE_ATTRIBUTE = "io.commgov.login.source";
    /** Set when {@code identity/verify} answered a wrong password: the user name tried, for the login audit. */
    static final String VERIFY_FAILED_ATTRIBUTE = "io.commgov.login.verify-failed";
    /** Set when the guard answered 429: the user name that must wait, for the login audit. */
    static final String THROTTLED_ATTRIBUTE = "io.commgov.login.throttled";
    static final String WEBAPP_LOGIN = "/camunda/api/admin/auth/user/";
    /** Camunda's password check, on the REST API and on the webapps' mount of it (with the session and CSRF token). */
    static final Pattern VERIFY = Pattern.compile("/engine-rest/identity/verify|/camunda/api/engine/engine/[^/]+/identity/verify");
    private static final int MAX_LOGIN_BODY = 16 * 1024;
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final LoginThrottle throttle;
    private final List<String> trustedProxies;
    private final ObjectMapper json = new ObjectMapper();

    LoginGuard(LoginThrottle throttle, LoginProperties properties) {
        this.throttle = throttle;
        this.trustedProxies = properties.trustedProxies();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean post = "POST".equals(request.getMethod());
        boolean webappLogin = post && path.startsWith(WEBAPP_LOGIN) && path.contains("/login/");
        boolean verify = post && VERIFY.matcher(path).matches();
        String source = clientAddress(request);
        request.setAttribute(SOURCE_ATTRIBUTE, source);

        HttpServletRequest forward = request;
        String namedUser = null;
        if (webappLogin || verify) {
            byte[] body = request.getInputStream().readNBytes(MAX_LOGIN_BODY + 1);
            if (body.length > MAX_LOGIN_BODY) {
                response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "a login body is at most " + MAX_LOGIN_BODY + " bytes");
                return;
            }
            forward = new BufferedBody(request, body);
            namedUser = webappLogin ? formValue(body, "username") : jsonUser(body);
        }
        // HTTP Basic is how /api and /engine-rest log in; the webapps ignore it
        boolean basicRoute = path.startsWith("/api/") || path.startsWith("/engine-rest/");
        String basicUser = basicRoute ? basicUser(request.getHeader("Authorization")) : null;
        if (basicUser == null && namedUser == null) {
            chain.doFilter(forward, response);
            return;
        }

        LoginThrottle.Standing basic = basicUser == null ? null : throttle.standing(source, basicUser);
        LoginThrottle.Standing named = namedUser == null ? null : throttle.standing(source, namedUser);
        if (basic != null && basic.retryAfter().isPresent()) {
            refuse(request, response, basicUser, basic.retryAfter().get());
            return;
        }
        if (named != null && named.retryAfter().isPresent()) {
            refuse(request, response, namedUser, named.retryAfter().get());
            return;
        }

        // only identity/verify's answer is read (whether the password was right); an outer filter's wrapper is not ours to copy
        ContentCachingResponseWrapper cached = verify ? new ContentCachingResponseWrapper(response) : null;
        HttpServletResponse answer = cached != null ? cached : response;
        try {
            chain.doFilter(forward, answer);
            int status = answer.getStatus();
            if (basicUser != null) {
                count(source, basicUser, basic, status == HttpServletResponse.SC_UNAUTHORIZED ? Optional.of(false)
                        : Optional.of(true));
            }
            if (webappLogin && namedUser != null) {
                // 403: the password was right, the user may not use that webapp
                count(source, namedUser, named, status == HttpServletResponse.SC_UNAUTHORIZED ? Optional.of(false)
                        : status == HttpServletResponse.SC_OK || status == HttpServletResponse.SC_FORBIDDEN ? Optional.of(true) : Optional.empty());
            }
            if (verify && namedUser != null && status == HttpServletResponse.SC_OK) {
                Optional<Boolean> right = verified(cached.getContentAsByteArray());
                count(source, namedUser, named, right);
                if (right.isPresent() && !right.get()) {
                    request.setAttribute(VERIFY_FAILED_ATTRIBUTE, namedUser);
                }
            }
        } finally {
            if (cached != null) {
                cached.copyBodyToResponse();
            }
        }
    }

    private void count(String source, String user, LoginThrottle.Standing standing, Optional<Boolean> passwordRight) {
        if (passwordRight.isEmpty()) {
            return;
        }
        if (!passwordRight.get()) {
            throttle.failed(source, user);
        } else if (standing.hasFailures()) {
            throttle.succeeded(source, user);
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String user, Duration wait) throws IOException {
        request.setAttribute(THROTTLED_ATTRIBUTE, user);
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(seconds));
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"LoginThrottled\",\"field\":\"username\",\"rule\":\"login-throttle\",\"retryAfterSeconds\":"
                + seconds + ",\"message\":\"too many failed logins for this user name from this address: try again in " + seconds
                + " s\"}");
    }

    /**
     * The connection's address; behind a configured reverse proxy, the nearest address in {@code X-Forwarded-For} that is
     * not one of the proxies (the client can write the left part of that header, not the part its proxies append).
     */
    String clientAddress(HttpServletRequest request) {
        String remote = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || !trustedProxies.contains(remote)) {
            return remote;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (hop.isEmpty() || trustedProxies.contains(hop)) {
                continue;
            }
            return IP_LITERAL.matcher(hop).matches() ? hop : remote;
        }
        return remote;
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

    private String jsonUser(byte[] body) {
        try {
            JsonNode user = json.readTree(body).path("username");
            return user.isTextual() ? user.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private Optional<Boolean> verified(byte[] body) {
        try {
            JsonNode authenticated = json.readTree(body).path("authenticated");
            return authenticated.isBoolean() ? Optional.of(authenticated.asBoolean()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String formValue(byte[] body, String name) {
        List<String> values = form(body).get(name);
        return values == null ? null : values.get(0);
    }

    private static Map<String, List<String>> form(byte[] body) {
        var fields = new LinkedHashMap<String, List<String>>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    fields.computeIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), k -> new ArrayList<>())
                            .add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException malformed) {
                    // not a field: the login endpoint answers the request as it is
                }
            }
        }
        return fields;
    }

    /** The request with its body read once by the guard and served again to the login endpoint. */
    private static final class BufferedBody extends HttpServletRequestWrapper {

        private final byte[] body;
        private final Map<String, String[]> parameters;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
            var merged = new LinkedHashMap<String, String[]>(request.getParameterMap());
            String type = request.getContentType();
            if (type != null && type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
                form(body).forEach((name, values) -> merged.merge(name, values.toArray(String[]::new), (a, b) -> {
                    String[] both = java.util.Arrays.copyOf(a, a.length + b.length);
                    System.arraycopy(b, 0, both, a.length, b.length);
                    return both;
                }));
            }
            this.parameters = Collections.unmodifiableMap(merged);
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the login body is already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters.get(name);
        }
    }
}
