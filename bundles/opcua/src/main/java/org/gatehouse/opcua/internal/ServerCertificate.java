package org.gatehouse.opcua.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Period;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's application certificate: a self-signed RSA 2048 certificate whose subjectAltName holds the
 * application URI and the host names, created on first start as the PKCS#12 key store {@code server.pfx} with a
 * generated password in {@code server.pfx.password} beside it (both readable by the owner only), reused afterwards.
 *
 * @param keyPair     the key pair
 * @param certificate the certificate
 * @param applicationUri the URI in its subjectAltName (the server's application URI)
 */
public record ServerCertificate(KeyPair keyPair, X509Certificate certificate, String applicationUri) {
    private static final Logger LOG = LoggerFactory.getLogger(ServerCertificate.class);
    static final String STORE = "server.pfx";
    static final String ALIAS = "gatehouse-opcua";

    /** Loads the certificate from the directory, or creates it there. */
    public static ServerCertificate loadOrCreate(Path directory, OpcUaSettings settings) throws IOException,
            GeneralSecurityException {
        Files.createDirectories(directory);
        Path store = directory.resolve(STORE);
        Path passwordFile = directory.resolve(STORE + ".password");
        if (Files.exists(store) && Files.exists(passwordFile)) {
            char[] password = Files.readString(passwordFile, StandardCharsets.UTF_8).trim().toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, password);
            }
            Key key = ks.getKey(ALIAS, password);
            X509Certificate cert = (X509Certificate) ks.getCertificate(ALIAS);
            if (key instanceof PrivateKey privateKey && cert != null) {
                String uri = CertificateUtil.getSanUri(cert).orElse(settings.applicationUri());
                return new ServerCertificate(new KeyPair(cert.getPublicKey(), privateKey), cert, uri);
            }
            throw new GeneralSecurityException(store + " holds no key " + ALIAS);
        }
        KeyPair pair;
        X509Certificate cert;
        try {
            pair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
            SelfSignedCertificateBuilder builder = new SelfSignedCertificateBuilder(pair)
                    .setCommonName("Gatehouse OPC UA server")
                    .setOrganization("Gatehouse")
                    .setApplicationUri(settings.applicationUri())
                    .setValidityPeriod(Period.ofYears(10));
            for (String name : hostNames(settings)) {
                if (name.matches("[0-9.]+") || name.contains(":")) {
                    builder.addIpAddress(name);
                } else {
                    builder.addDnsName(name);
                }
            }
            cert = builder.build();
        } catch (GeneralSecurityException e) {
            throw e;
        } catch (Exception e) {
            throw new GeneralSecurityException("cannot create the application certificate: " + e.getMessage(), e);
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(ALIAS, pair.getPrivate(), password, new X509Certificate[]{cert});
        Path tmpPass = ownerOnly(Files.createTempFile(directory, "pass", ".tmp"));
        Files.writeString(tmpPass, new String(password) + "\n", StandardCharsets.UTF_8);
        Path tmpStore = ownerOnly(Files.createTempFile(directory, "store", ".tmp"));
        try (OutputStream out = Files.newOutputStream(tmpStore)) {
            ks.store(out, password);
        }
        Files.move(tmpPass, passwordFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmpStore, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("OPC UA application certificate created: {} ({}), thumbprint {}", store,
                settings.applicationUri(), Pki.thumbprint(cert));
        return new ServerCertificate(pair, cert, settings.applicationUri());
    }

    private static Set<String> hostNames(OpcUaSettings settings) {
        Set<String> names = new LinkedHashSet<>();
        names.add(settings.hostname());
        names.add("localhost");
        names.add("127.0.0.1");
        try {
            InetAddress bind = InetAddress.getByName(settings.bindAddress());
            if (!bind.isAnyLocalAddress()) {
                names.add(settings.bindAddress());
            }
            names.add(InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            // the names above are enough
        }
        return names;
    }

    private static Path ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
        return file;
    }
}
