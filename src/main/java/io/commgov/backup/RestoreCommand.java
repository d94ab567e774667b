package io.commgov.backup;

import java.nio.file.Path;
import java.sql.DriverManager;

import io.commgov.crypto.SensitiveData;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.ComponentScan;

/**
 * Restores a backup into an EMPTY database without starting the application (only the keys are loaded, from the
 * same configuration: {@code COMMGOV_SM4_KEY} in production):
 * {@code java -cp target/commgov-*.jar -Dloader.main=io.commgov.backup.RestoreCommand
 * org.springframework.boot.loader.launch.PropertiesLauncher <backup.sql.gz.sm4> <jdbc-url> [user] [password]}.
 */
public final class RestoreCommand {

    /** Just the crypto module: its keys decrypt the backup (no stereotype, so the application's own scan skips it). */
    @ComponentScan("io.commgov.crypto")
    static class Keys {
    }

    private RestoreCommand() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: RestoreCommand <backup.sql.gz.sm4> <jdbc-url of an empty database> [user] [password]");
            System.exit(2);
        }
        try (var keys = new SpringApplicationBuilder(Keys.class).web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false).run()) {
            System.out.println(restore(Path.of(args[0]), args[1], args.length > 2 ? args[2] : "", args.length > 3 ? args[3] : "",
                    keys.getBean(SensitiveData.class)));
        }
    }

    /** Restores and answers a one-line summary. */
    static String restore(Path backup, String url, String user, String password, SensitiveData keys) throws Exception {
        try (var target = DriverManager.getConnection(url, user, password)) {
            BackupManifest manifest = BackupArchive.restore(backup, target, BackupService.sealer(keys));
            return "Restored " + manifest.file() + " (" + manifest.createdAt() + ", " + manifest.rowCounts().size() + " tables, "
                    + manifest.rowCounts().values().stream().mapToLong(Long::longValue).sum() + " rows) into " + url;
        }
    }
}
