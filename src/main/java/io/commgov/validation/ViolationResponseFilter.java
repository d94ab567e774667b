package io.commgov.validation;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Camunda's REST API (and Tasklist's mount of it) answers an engine exception with its own body and often a 500;
 * a contract violation is the caller's error, so it becomes HTTP 400 with the violations (SPEC section 4).
 */
class ViolationResponseFilter extends OncePerRequestFilter {

    private final ObjectMapper objectMapper;

    ViolationResponseFilter(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("GET".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        RecentViolations.clear();
        var wrapper = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, wrapper);
            List<Violation> violations = RecentViolations.take();
            // a 409 says someone else finished the task at the same moment: what the contract saw was the winner's leftovers
            if (violations != null && wrapper.getStatus() >= 400 && wrapper.getStatus() != HttpServletResponse.SC_CONFLICT) {
                wrapper.resetBuffer();
                wrapper.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                wrapper.setContentType(MediaType.APPLICATION_JSON_VALUE);
                wrapper.setCharacterEncoding("UTF-8");
                objectMapper.writeValue(wrapper.getOutputStream(), ErrorBody.of(violations));
            }
        } finally {
            RecentViolations.clear();
            wrapper.copyBodyToResponse();
        }
    }

    @Configuration
    static class Registration {

        @Bean
        FilterRegistrationBean<ViolationResponseFilter> violationResponseFilter(ObjectMapper objectMapper) {
            var registration = new FilterRegistrationBean<>(new ViolationResponseFilter(objectMapper));
            registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }
}
