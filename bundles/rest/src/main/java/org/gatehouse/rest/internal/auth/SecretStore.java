package org.gatehouse.rest.internal.auth;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/** Loads or creates secrets and other private files. */
public final class SecretStore {
    static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretStore() {
    }

    /** @return the token secret of {@code ${karaf.data}/gatehouse/token.secret}, or an in-memory one without it */
    public static byte[] tokenSecret(String karafData) throws IOException {
        if (karafData == null || karafData.isBlank()) {
            return random(SECRET_BYTES);
        }
        return loadOrCreate(Path.of(karafData, "gatehouse", "token.secret"));
    }

    /** Reads a secret file, creating it with 32 random bytes (owner read/write only) if it is missing. */
    public static byte[] loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            byte[] existing = Files.readAllBytes(file);
            if (existing.length >= SECRET_BYTES) {
                return existing;
            }
            throw new IOException("secret file " + file + " is shorter than " + SECRET_BYTES + " bytes");
        }
        byte[] secret = random(SECRET_BYTES);
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".token", ".tmp");
        try {
            restrict(tmp);
            Files.write(tmp, secret);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file);
            }
        } catch (FileAlreadyExistsException e) {
            return Files.readAllBytes(file); // created concurrently
        } finally {
            Files.deleteIfExists(tmp);
        }
        return secret;
    }

    /** Writes a text file readable by its owner only. */
    public static void writePrivate(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        restrict(file);
        Files.writeString(file, text);
    }

    /** Sets POSIX permissions 600 where the file system supports them. */
    static void restrict(Path file) throws IOException {
        try {
            Set<PosixFilePermission> perms = PosixFilePermissions.fromString("rw-------");
            Files.setPosixFilePermissions(file, perms);
        } catch (UnsupportedOperationException e) {
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
            file.toFile().setWritable(false, false);
            file.toFile().setWritable(true, true);
        }
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
