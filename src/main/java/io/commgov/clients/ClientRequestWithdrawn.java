package io.commgov.clients;

import io.commgov.approvals.RequestWithdrawn;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A withdrawn client request keeps none of the client's personal data (Data Security Law): erased in the same transaction. */
@Component
class ClientRequestWithdrawn {

    private final Clients clients;

    ClientRequestWithdrawn(Clients clients) {
        this.clients = clients;
    }

    @EventListener
    void on(RequestWithdrawn withdrawn) {
        clients.withdraw(withdrawn.processInstanceId(), withdrawn.withdrawnBy());
    }
}
