package io.commgov.identity;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * HTTP Basic against Camunda's identity service for Camunda's REST API and CommGov's own: anonymous calls and
 * wrong passwords get 401, and the engine checks every call against the caller's authorizations.
 */
@Configuration
class ApiAuthentication {

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        return basicAuthentication("engine-rest", "/engine-rest");
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> commGovApiAuthentication() {
        return basicAuthentication("commgov-api", "/api");
    }

    private static FilterRegistrationBean<ProcessEngineAuthenticationFilter> basicAuthentication(String name, String prefix) {
        var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName(name + "-authentication");
        registration.addUrlPatterns(prefix + "/*");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        registration.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, prefix);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
