package io.commgov.approvals;

/** A refusal with its HTTP status: 403 not yours, 404 unknown, 409 too late or taken, 429 too soon. */
class OperationRefused extends RuntimeException {

    final int status;
    final long retryAfterSeconds;

    OperationRefused(int status, String message) {
        this(status, message, 0);
    }

    OperationRefused(int status, String message, long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }
}
