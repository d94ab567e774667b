package io.commgov.vault;

/** What a record holds (R-SEC); each category has its own data key. */
public enum Category {
    CLIENT_PERSONAL_DATA,
    FINANCE_DATA,
    CONTRACT
}
