package io.commgov.identity;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * HTTP Basic against Camunda's identity service for Camunda's REST API and CommGov's own (which also accepts the
 * webapp session with its CSRF token, for Tasklist's CommGov actions): anonymous calls and wrong passwords get 401, and the engine checks every call against the caller's authorizations.
 * Too many wrong passwords for one name from one address get 429 for a while ({@link LoginGuard}), never a lock.
 */
@Configuration
@EnableConfigurationProperties(LoginProperties.class)
class ApiAuthentication {

    /** Every route that checks a password, throttled per address and user name before the authentication runs. */
    @Bean
    FilterRegistrationBean<LoginGuard> loginGuard(LoginThrottle throttle, LoginProperties properties) {
        var registration = new FilterRegistrationBean<>(new LoginGuard(throttle, properties));
        registration.setName("login-guard");
        registration.addUrlPatterns("/api/*", "/engine-rest/*", LoginGuard.WEBAPP_LOGIN + "*", "/camunda/api/engine/*");
        // inside the login audit (HIGHEST_PRECEDENCE + 5), which records throttled attempts, outside the authentication
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 8);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        return basicAuthentication("engine-rest", "/engine-rest", HttpBasicAuthenticationProvider.class);
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> commGovApiAuthentication() {
        // Tasklist's CommGov actions (withdraw, take back…) call /api with the webapp session and its CSRF token
        return basicAuthentication("commgov-api", "/api", SessionOrBasicAuthentication.class);
    }

    private static FilterRegistrationBean<ProcessEngineAuthenticationFilter> basicAuthentication(String name, String prefix,
                                                                                                Class<?> provider) {
        var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName(name + "-authentication");
        registration.addUrlPatterns(prefix + "/*");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                provider.getName());
        registration.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, prefix);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
