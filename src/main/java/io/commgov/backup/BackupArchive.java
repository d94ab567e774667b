package io.commgov.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.commgov.crypto.Sm3;

/**
 * Backup files on disk: {@code commgov-<UTC time>.sql.gz.sm4} (the gzipped SQL dump, SM4-GCM encrypted) and its
 * {@code .manifest.json} with the SM3 digest of the file. Needs no running application, so the restore command
 * works against an empty database.
 */
final class BackupArchive {

    static final String SUFFIX = ".sql.gz.sm4";
    static final String MANIFEST_SUFFIX = ".manifest.json";
    static final String DIGEST_ALGORITHM = "SM3";
    static final String ENCRYPTION = "SM4-GCM";

    /** Encrypts and decrypts whole backups (R-SEC: backups hold client personal data and contracts). */
    interface Sealer {
        byte[] seal(byte[] plain);

        byte[] open(byte[] sealed);
    }
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private BackupArchive() {
    }

    /** Dumps the source database into {@code directory}; answers the manifest written beside the file. */
    static BackupManifest write(Connection source, Path directory, Instant at, Sealer sealer) throws SQLException, IOException {
        Files.createDirectories(directory);
        DatabaseDump dump = DatabaseDump.of(source);
        Path file = directory.resolve("commgov-" + NAME_TIME.format(at) + SUFFIX);
        Path partial = directory.resolve(file.getFileName() + ".partial");
        var plain = new java.io.ByteArrayOutputStream();
        java.util.Map<String, Long> counts;
        try (var out = new GZIPOutputStream(plain)) {
            counts = dump.dump(source, out);
        }
        try {
            Files.write(partial, sealer.seal(plain.toByteArray()));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        var manifest = new BackupManifest(file.getFileName().toString(), dump.kind(), at, ENCRYPTION, DIGEST_ALGORITHM, digest(file),
                Files.size(file), counts);
        JSON.writeValue(manifestPath(file).toFile(), manifest);
        return manifest;
    }

    /** Restores a backup into an empty database; refuses a file whose digest differs from its manifest. */
    static BackupManifest restore(Path file, Connection target, Sealer sealer) throws SQLException, IOException {
        BackupManifest manifest = verify(file);
        String targetKind = DatabaseDump.kindOf(target);
        if (!targetKind.equals(manifest.databaseKind())) {
            throw new IllegalArgumentException("Backup " + file.getFileName() + " is a " + manifest.databaseKind()
                    + " dump and cannot be restored into a " + targetKind + " database");
        }
        if (!DatabaseDump.tables(target).isEmpty()) {
            throw new IllegalArgumentException("The target database is not empty: a backup is restored into an empty database only");
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(sealer.open(Files.readAllBytes(file))))) {
            DatabaseDump.forKind(manifest.databaseKind()).restore(in, target);
        }
        return manifest;
    }

    static BackupManifest verify(Path file) throws IOException {
        BackupManifest manifest = manifest(file);
        String actual = digest(file);
        if (!actual.equals(manifest.digest())) {
            throw new BackupCorruptedException("Backup " + file.getFileName() + " is corrupted: its " + DIGEST_ALGORITHM
                    + " digest is " + actual + " but the manifest recorded " + manifest.digest() + "; it is not restored");
        }
        return manifest;
    }

    static BackupManifest manifest(Path file) throws IOException {
        Path path = manifestPath(file);
        if (!Files.exists(path)) {
            throw new BackupCorruptedException("Backup " + file.getFileName() + " has no manifest " + path.getFileName());
        }
        return JSON.readValue(path.toFile(), BackupManifest.class);
    }

    static Path manifestPath(Path file) {
        String name = file.getFileName().toString();
        return file.resolveSibling(name.substring(0, name.length() - SUFFIX.length()) + MANIFEST_SUFFIX);
    }

    /** Backup files of a directory, newest first. */
    static List<Path> list(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (var files = Files.list(directory)) {
            var found = new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).toList());
            found.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String digest(Path file) throws IOException {
        return Sm3.hashHex(Files.readAllBytes(file));
    }
}
