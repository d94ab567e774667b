package io.commgov.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;

/**
 * CommGov's API for Tasklist's own pages: the person logged in to the webapps is accepted when the call carries the
 * session's CSRF token (as Tasklist's calls do), so another site cannot act for them; everyone else uses HTTP Basic.
 */
public class SessionOrBasicAuthentication extends HttpBasicAuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        var session = request.getSession(false);
        if (session != null && request.getHeader("Authorization") == null) {
            Object token = session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
            String sent = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
            var authentications = AuthenticationUtil.getAuthsFromSession(session);
            var user = authentications == null ? null : authentications.getAuthenticationForProcessEngine(engine.getName());
            if (user != null && token != null && token.equals(sent)) {
                return AuthenticationResult.successful(user.getName());
            }
        }
        return super.extractAuthenticatedUser(request, engine);
    }

    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
        super.augmentResponseByAuthenticationChallenge(response, engine);
    }
}
