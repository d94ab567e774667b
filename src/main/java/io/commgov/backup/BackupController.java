package io.commgov.backup;

import java.util.List;
import java.util.Map;

import io.commgov.identity.CurrentUser;
import io.commgov.identity.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The record of backups and restore drills (size, digest, duration, outcome), for the IT head and administrators. */
@RestController
@RequestMapping("/api/backups")
class BackupController {

    private final BackupService backups;
    private final CurrentUser currentUser;

    BackupController(BackupService backups, CurrentUser currentUser) {
        this.backups = backups;
        this.currentUser = currentUser;
    }

    @GetMapping
    List<Map<String, Object>> runs() {
        if (!currentUser.isIn(Role.IT_HEAD, Role.CAMUNDA_ADMIN)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return backups.recentRuns(100);
    }
}
