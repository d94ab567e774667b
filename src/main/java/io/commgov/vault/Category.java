package io.commgov.vault;

/** What a record holds (R-SEC); each category has its own data key. */
public enum Category {
    CLIENT_PERSONAL_DATA,
    FINANCE_DATA,
    CONTRACT,
    /** The title and body of an announcement that was rejected (R-ANN-1): it may hold customer data or trade secrets. */
    REJECTED_CONTENT
}
