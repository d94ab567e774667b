package io.commgov.approvals;

/**
 * A requester withdrew a request before anyone decided on it; published in the withdrawal's transaction, so the
 * capabilities that keep records of the request (accounts, clients) close them in the same commit or not at all.
 */
public record RequestWithdrawn(String processInstanceId, String processDefinitionKey, String withdrawnBy, String reason) {
}
