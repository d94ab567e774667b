package io.commgov.engine;

import java.io.IOException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The database cannot be reached (stopped, restarting, network down): a request answers 503 with a JSON message that
 * says so, on CommGov's API, the engine's REST API and anything in front of them (the login check reads the identity
 * service). Nothing was written: the transaction never began or was rolled back. The pool reconnects by itself
 * when the database is back.
 */
@Configuration
public class DatabaseUnavailable {

    public static final String TYPE = "ServiceUnavailable";
    private static final java.util.regex.Pattern CLOSED =
            java.util.regex.Pattern.compile("(?i)connection (is )?closed|connection reset|socket|communications link failure");

    public static final String MESSAGE = "the database is not reachable at the moment; nothing was changed; try again in a few seconds";

    /** Whether {@code exception} or one of its causes says that no connection to the database could be had or kept. */
    public static boolean causedBy(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof CannotGetJdbcConnectionException
                    || t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
            // SQLState class 08 is a connection exception; a connection the server closed may say so only in its message
            if (t instanceof java.sql.SQLException sql && (sql.getSQLState() != null && sql.getSQLState().startsWith("08")
                    || sql.getMessage() != null && CLOSED.matcher(sql.getMessage()).find())) {
                return true;
            }
        }
        return false;
    }

    /** The JSON body of a 503 ({@code type}, {@code message}, as every other error of both APIs). */
    public static String body() {
        return "{\"type\":\"" + TYPE + "\",\"message\":\"" + MESSAGE + "\"}";
    }

    /** Outermost, so an outage seen by the login check (before the API's own error handling) is a 503 too. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> databaseUnavailableFilter() {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                try {
                    chain.doFilter(request, response);
                } catch (ServletException | RuntimeException e) {
                    if (!causedBy(e) || response.isCommitted()) {
                        throw e;
                    }
                    response.resetBuffer();
                    response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                    response.setHeader("Retry-After", "5");
                    response.setContentType("application/json;charset=UTF-8");
                    response.getWriter().write(body());
                }
            }
        });
        registration.setName("database-unavailable");
        registration.addUrlPatterns("/api/*", "/engine-rest/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
