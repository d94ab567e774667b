package io.commgov.notify;

/**
 * The outcome of one notification: delivered, failed after every attempt, or skipped because the channel is off.
 * {@code idempotencyKey} is what the receiver saw (see {@link IdempotencyKey}).
 */
public record Delivery(String id, Kind kind, String target, Status status, int attempts, String error, String idempotencyKey) {

    public enum Kind { EMAIL, IM }

    public enum Status { DELIVERED, FAILED, SKIPPED }

    public boolean delivered() {
        return status == Status.DELIVERED;
    }
}
