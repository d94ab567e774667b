package io.commgov.validation;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
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

/**
 * {@code /error} is where the server forwards a failed request to render its answer; asked for directly it has no error
 * to render and Spring Boot answers 500. A direct request for it is a page that does not exist: 404, JSON, no trace.
 * Only direct requests ({@link DispatcherType#REQUEST}) pass here; the server's own forwards (ERROR) do not.
 */
class DirectErrorRequests extends OncePerRequestFilter {

    private final ObjectMapper objectMapper;

    DirectErrorRequests(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        objectMapper.writeValue(response.getOutputStream(), new ErrorBody("NotFound", "there is no such page", List.of()));
    }

    @Configuration
    static class Registration {

        @Bean
        FilterRegistrationBean<DirectErrorRequests> directErrorRequests(ObjectMapper objectMapper) {
            var registration = new FilterRegistrationBean<>(new DirectErrorRequests(objectMapper));
            registration.addUrlPatterns("/error", "/error/*");
            registration.setDispatcherTypes(DispatcherType.REQUEST);
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }
}
