package io.commgov.audit;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The login audit wraps the authentication filters of the APIs and the webapps' login. */
@Configuration
class AuditWebConfiguration {

    @Bean
    FilterRegistrationBean<LoginAuditFilter> loginAuditFilter(AuditTrail trail) {
        var registration = new FilterRegistrationBean<>(new LoginAuditFilter(trail));
        registration.setName("audit-login");
        // the webapps' mount of the engine API: for its identity/verify (a password check), see LoginAuditFilter
        registration.addUrlPatterns("/api/*", "/engine-rest/*", LoginAuditFilter.WEBAPP_LOGIN + "*", "/camunda/api/engine/*");
        // outside the authentication filters (HIGHEST_PRECEDENCE + 10), so it sees their answer
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }
}
