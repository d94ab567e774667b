package io.commgov.clients;

/** Where a client is: with the sales head, with IT, active, or ended (rejected, expired at project end, revoked, withdrawn by its requester). */
enum ClientState {
    REQUESTED,
    CONFIGURING,
    ACTIVE,
    REJECTED,
    EXPIRED,
    REVOKED,
    WITHDRAWN
}
