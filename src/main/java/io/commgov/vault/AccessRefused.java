package io.commgov.vault;

/** An opening that was not allowed; it is on the audit trail already. */
public class AccessRefused extends RuntimeException {

    AccessRefused(Opening opening) {
        super(opening.userId() + " may not open the records of " + opening.objectType() + " " + opening.objectId()
                + "; the attempt is recorded");
    }
}
