package io.commgov.accounts;

/** Where an account is in its life: requested, then active, then disabled (rejected, expired, resigned). */
public enum AccountState {
    REQUESTED,
    ACTIVE,
    DISABLED
}
