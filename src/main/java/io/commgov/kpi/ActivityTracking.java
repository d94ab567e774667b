package io.commgov.kpi;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Daily active users from use of the APIs: the first authenticated call of a user on a day is recorded as a
 * {@code login} activity (after the API authentication has identified the caller).
 */
@Configuration
class ActivityTracking {

    static final String LOGIN = "login";

    @Bean
    FilterRegistrationBean<Filter> kpiActivityFilter(IdentityService identityService, KpiService kpis) {
        var registration = new FilterRegistrationBean<Filter>(new SeenToday(identityService, kpis));
        registration.setName("kpi-activity");
        registration.addUrlPatterns("/engine-rest/*", "/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);   // after the API authentication (+10)
        return registration;
    }

    /** Records a user once a day; a failure to record never fails the caller's request. */
    static final class SeenToday implements Filter {

        private static final Logger log = LoggerFactory.getLogger(SeenToday.class);

        private final IdentityService identityService;
        private final KpiService kpis;
        private final Map<String, LocalDate> lastSeen = new ConcurrentHashMap<>();

        SeenToday(IdentityService identityService, KpiService kpis) {
            this.identityService = identityService;
            this.kpis = kpis;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
            Authentication authentication = identityService.getCurrentAuthentication();
            if (authentication != null && authentication.getUserId() != null) {
                var now = KpiService.now();
                LocalDate today = now.atZone(Quarter.ZONE).toLocalDate();
                if (!today.equals(lastSeen.put(authentication.getUserId(), today))) {
                    try {
                        kpis.recordActivity(authentication.getUserId(), LOGIN, now, "api");
                    } catch (RuntimeException e) {
                        lastSeen.remove(authentication.getUserId());
                        log.warn("Activity of {} not recorded: {}", authentication.getUserId(), e.getMessage());
                    }
                }
            }
            chain.doFilter(request, response);
        }
    }
}
