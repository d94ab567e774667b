package io.commgov.clients;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At start, moves the personal data of clients recorded before the encrypted store (sealed under the master key
 * directly, in {@code cg_client.legacy_*}) into the store, one client per transaction; until then they stay readable.
 */
@Component
class LegacyPersonalDataMove implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(LegacyPersonalDataMove.class);

    private final Clients clients;

    LegacyPersonalDataMove(Clients clients) {
        this.clients = clients;
    }

    @Override
    public void run(ApplicationArguments args) {
        int moved = moveAll();
        if (moved > 0) {
            log.info("Moved the personal data of {} clients into the encrypted store", moved);
        }
    }

    int moveAll() {
        int moved = 0;
        for (String id : clients.inLegacyColumns()) {
            // each move locks nothing but its client; another node moving the same one finds it done
            if (clients.moveToStore(id)) {
                moved++;
            }
        }
        return moved;
    }
}
