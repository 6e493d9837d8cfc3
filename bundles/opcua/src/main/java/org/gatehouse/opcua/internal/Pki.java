package org.gatehouse.opcua.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.DefaultTrustListManager;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.opcua.OpcUaCertificate;
import org.gatehouse.api.opcua.OpcUaCertificate.State;

/**
 * The client certificates of the PKI directory ({@code trusted/certs}, {@code rejected}), through Milo's
 * {@link DefaultTrustListManager} (which also watches the folders, so files copied in by hand count).
 */
public final class Pki implements AutoCloseable {
    private final DefaultTrustListManager trustList;

    public Pki(Path directory) throws IOException {
        Files.createDirectories(directory);
        this.trustList = new DefaultTrustListManager(directory.toFile());
    }

    public DefaultTrustListManager trustList() {
        return trustList;
    }

    /** @return SHA-1 thumbprint, upper-case hex without colons */
    public static String thumbprint(X509Certificate cert) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the thumbprint as a client types it, normalised; null if it is not 40 hex digits */
    static String normalise(String thumbprint) {
        if (thumbprint == null) {
            return null;
        }
        String t = thumbprint.replace(":", "").replace(" ", "").toUpperCase(Locale.ROOT);
        return t.matches("[0-9A-F]{40}") ? t : null;
    }

    public static OpcUaCertificate describe(X509Certificate cert, State state) {
        return new OpcUaCertificate(thumbprint(cert), cert.getSubjectX500Principal().getName(),
                CertificateUtil.getSanUri(cert).orElse(null), cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant(), state);
    }

    private record Found(X509Certificate cert, State state, Instant modified) {
    }

    /** @return trusted and rejected certificates, newest file first */
    public synchronized List<OpcUaCertificate> certificates() {
        return found().stream().map(f -> describe(f.cert(), f.state())).toList();
    }

    private List<Found> found() {
        List<Found> all = new ArrayList<>();
        scan(trustList.getTrustedCertsDir(), State.TRUSTED, all);
        scan(trustList.getRejectedDir(), State.REJECTED, all);
        all.sort(Comparator.comparing(Found::modified).reversed());
        return all;
    }

    private static void scan(File dir, State state, List<Found> into) {
        if (dir == null || !dir.isDirectory()) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.toPath())) {
            for (Path file : files) {
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    X509Certificate cert = CertificateUtil.decodeCertificate(in);
                    into.add(new Found(cert, state, Files.getLastModifiedTime(file).toInstant()));
                } catch (IOException | UaException e) {
                    // not a certificate: skipped
                }
            }
        } catch (IOException e) {
            // folder unreadable: nothing in it
        }
    }

    private Found find(String thumbprint) {
        String t = normalise(thumbprint);
        if (t != null) {
            for (Found f : found()) {
                if (thumbprint(f.cert()).equals(t)) {
                    return f;
                }
            }
        }
        throw GatehouseException.notFound("unknown-certificate", "no client certificate with thumbprint "
                + thumbprint);
    }

    /** @return the certificate with that thumbprint, if it is trusted or rejected */
    public synchronized Optional<OpcUaCertificate> get(String thumbprint) {
        try {
            Found f = find(thumbprint);
            return Optional.of(describe(f.cert(), f.state()));
        } catch (GatehouseException e) {
            return Optional.empty();
        }
    }

    /** Moves a rejected certificate to the trusted ones (no-op for a trusted one). */
    public synchronized OpcUaCertificate trust(String thumbprint) {
        Found f = find(thumbprint);
        if (f.state() == State.REJECTED) {
            trustList.addTrustedCertificate(f.cert());
            trustList.removeRejectedCertificate(sha1(f.cert()));
        }
        return describe(f.cert(), State.TRUSTED);
    }

    /** Moves a trusted certificate to the rejected ones (no-op for a rejected one). */
    public synchronized OpcUaCertificate reject(String thumbprint) {
        Found f = find(thumbprint);
        if (f.state() == State.TRUSTED) {
            trustList.addRejectedCertificate(f.cert());
            trustList.removeTrustedCertificate(sha1(f.cert()));
        }
        return describe(f.cert(), State.REJECTED);
    }

    /** Deletes a certificate, trusted or rejected. */
    public synchronized OpcUaCertificate remove(String thumbprint) {
        Found f = find(thumbprint);
        if (f.state() == State.TRUSTED) {
            trustList.removeTrustedCertificate(sha1(f.cert()));
        } else {
            trustList.removeRejectedCertificate(sha1(f.cert()));
        }
        return describe(f.cert(), f.state());
    }

    /** Keeps a refused certificate among the rejected ones, unless it is there already. */
    public synchronized boolean addRejected(X509Certificate cert) {
        String t = thumbprint(cert);
        for (Found f : found()) {
            if (thumbprint(f.cert()).equals(t)) {
                return false;
            }
        }
        trustList.addRejectedCertificate(cert);
        return true;
    }

    static ByteString sha1(X509Certificate cert) {
        try {
            return CertificateUtil.thumbprint(cert);
        } catch (UaException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            trustList.close();
        } catch (IOException e) {
            // the watcher is gone anyway
        }
    }
}
