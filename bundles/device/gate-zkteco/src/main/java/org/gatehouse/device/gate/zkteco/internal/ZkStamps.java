package org.gatehouse.device.gate.zkteco.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stamps of the uploads a terminal last got acknowledged (ATTLOG, OPERLOG, ATTPHOTO), told back in the handshake
 * so that it does not upload everything again. Kept in a small properties file in the bundle's data area when there
 * is one, so that a restart of the server does not make the terminal send its whole log again.
 */
final class ZkStamps {
    static final String NONE = "None";

    private static final Logger LOG = LoggerFactory.getLogger(ZkStamps.class);

    private final Path file;
    private final Properties values = new Properties(); // guarded by this
    private boolean warned; // guarded by this

    /** @param file where they are kept, null for memory only */
    ZkStamps(Path file) {
        this.file = file;
        if (file != null && Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("Cannot read the upload stamps in {}: {} (the terminal may upload its log again)", file,
                        e.getMessage());
            }
        }
    }

    /** @return the stamp of a table, {@value #NONE} when none was acknowledged */
    synchronized String get(String table) {
        String value = values.getProperty(table);
        return ZkProtocol.isToken(value) ? value : NONE;
    }

    /** Keeps the stamp of an acknowledged upload; a stamp that is not a plain token is ignored. */
    synchronized void set(String table, String stamp) {
        if (!ZkProtocol.isToken(stamp) || stamp.equals(values.getProperty(table))) {
            return;
        }
        values.setProperty(table, stamp);
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                values.store(out, "upload stamps of one ZKTeco terminal");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            warned = false;
        } catch (IOException e) {
            if (!warned) {
                LOG.warn("Cannot keep the upload stamps in {}: {} (kept in memory)", file, e.toString());
                warned = true;
            }
        }
    }
}
