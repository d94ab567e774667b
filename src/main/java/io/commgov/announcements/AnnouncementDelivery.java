package io.commgov.announcements;

import java.time.Duration;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The outer delivery loop ({@code ${announcementDelivery…}} in the model): after a failed round (itself several
 * attempts with backoff, see {@code commgov.notify.im}) the process waits, doubling the wait each round; after the
 * last round an {@code it} task is created. The announcement is never lost in between: it waits in the engine.
 */
@Component
public class AnnouncementDelivery {

    private final int rounds;
    private final Duration firstWait;
    private final String channel;

    AnnouncementDelivery(@Value("${commgov.announcements.delivery.rounds:3}") int rounds,
                         @Value("${commgov.announcements.delivery.first-wait:PT5M}") Duration firstWait,
                         @Value("${commgov.announcements.delivery.channel:announcements}") String channel) {
        this.rounds = rounds;
        this.firstWait = firstWait;
        this.channel = channel;
    }

    public boolean roundsLeft(DelegateExecution execution) {
        return roundsDone(execution) < rounds;
    }

    /** ISO-8601 duration for the timer before the next round: first-wait, doubled each round. */
    public String waitBeforeNextRound(DelegateExecution execution) {
        int done = Math.max(1, roundsDone(execution));
        return firstWait.multipliedBy(1L << Math.min(done - 1, 10)).toString();
    }

    String channel() {
        return channel;
    }

    int rounds() {
        return rounds;
    }

    static int roundsDone(DelegateExecution execution) {
        Object value = execution.getVariable("deliveryRounds");
        return value instanceof Number n ? n.intValue() : 0;
    }
}
