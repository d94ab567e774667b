package io.commgov.identity;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Response headers of CommGov's and Camunda's APIs (the webapps under {@code /camunda} get theirs from Camunda's
 * header security): {@code X-Content-Type-Options: nosniff} always, so a browser never runs an answer as script, and
 * over HTTPS ({@code tls} profile) {@code Strict-Transport-Security}, so a browser that has seen HTTPS never falls
 * back to plain HTTP, where HTTP Basic passwords travel in clear.
 */
@Configuration
class TransportHeaders {

    static final String HSTS = "max-age=31536000";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> transportHeadersFilter() {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                if (path.startsWith("/api/") || path.equals("/api") || path.startsWith("/engine-rest")) {
                    response.setHeader("X-Content-Type-Options", "nosniff");
                }
                if (request.isSecure()) {
                    response.setHeader("Strict-Transport-Security", HSTS);
                }
                chain.doFilter(request, response);
            }
        });
        registration.setName("transport-headers");
        registration.addUrlPatterns("/*");
        // first of all, so refusals (401, 429) carry the headers too
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
