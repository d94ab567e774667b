package io.commgov.backup;

import java.nio.file.Path;
import java.sql.DriverManager;

/**
 * Restores a backup into an EMPTY database, without starting the application:
 * {@code java -cp target/commgov-*.jar -Dloader.main=io.commgov.backup.RestoreCommand
 * org.springframework.boot.loader.launch.PropertiesLauncher <backup.sql.gz> <jdbc-url> [user] [password]}.
 */
public final class RestoreCommand {

    private RestoreCommand() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: RestoreCommand <backup.sql.gz> <jdbc-url of an empty database> [user] [password]");
            System.exit(2);
        }
        try (var target = DriverManager.getConnection(args[1], args.length > 2 ? args[2] : "", args.length > 3 ? args[3] : "")) {
            BackupManifest manifest = BackupArchive.restore(Path.of(args[0]), target);
            System.out.println("Restored " + manifest.file() + " (" + manifest.createdAt() + ", " + manifest.rowCounts().size()
                    + " tables, " + manifest.rowCounts().values().stream().mapToLong(Long::longValue).sum() + " rows) into " + args[1]);
        }
    }
}
