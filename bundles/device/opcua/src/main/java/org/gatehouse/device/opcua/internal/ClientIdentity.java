package org.gatehouse.device.opcua.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's application instance certificate: created on first use in {@code <dir>/gatehouse-client.pfx} (a
 * PKCS#12 key store holding the key pair) with a copy of the certificate as {@code <dir>/gatehouse-client.der} for
 * the server's administrator, then reused by every connection of this installation.
 *
 * @param keyPair        the key pair
 * @param certificate    the certificate
 * @param applicationUri the application URI in the certificate (the client's URI in its sessions)
 */
record ClientIdentity(KeyPair keyPair, X509Certificate certificate, String applicationUri) {

    static final String KEYSTORE = "gatehouse-client.pfx";
    static final String CERTIFICATE = "gatehouse-client.der";
    private static final String ALIAS = "gatehouse-client";
    // the key store only keeps the key in one file; the folder's permissions protect it
    private static final char[] PASSWORD = "gatehouse".toCharArray();
    private static final Logger LOG = LoggerFactory.getLogger(ClientIdentity.class);

    /** @return the identity kept in the folder, created there on first use */
    static synchronized ClientIdentity loadOrCreate(Path dir) throws Exception {
        Path file = dir.resolve(KEYSTORE);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                ks.load(in, PASSWORD);
            }
            Key key = ks.getKey(ALIAS, PASSWORD);
            X509Certificate cert = (X509Certificate) ks.getCertificate(ALIAS);
            if (!(key instanceof PrivateKey pk) || cert == null) {
                throw new GeneralSecurityException(file + " holds no key '" + ALIAS + "'");
            }
            return new ClientIdentity(new KeyPair(cert.getPublicKey(), pk), cert, uri(cert));
        }
        Files.createDirectories(dir);
        String host = host();
        String uri = "urn:" + host + ":gatehouse:opcua-client";
        KeyPair kp = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        X509Certificate cert = new SelfSignedCertificateBuilder(kp)
                .setCommonName("Gatehouse OPC UA client")
                .setOrganization("Gatehouse")
                .setApplicationUri(uri)
                .addDnsName(host)
                .setValidityPeriod(java.time.Period.ofYears(10))
                .build();
        ks.load(null, PASSWORD);
        ks.setKeyEntry(ALIAS, kp.getPrivate(), PASSWORD, new X509Certificate[] {cert});
        Path tmp = dir.resolve(KEYSTORE + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ks.store(out, PASSWORD);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.write(dir.resolve(CERTIFICATE), cert.getEncoded());
        LOG.info("OPC UA client certificate created: {} ({}, thumbprint {}); trust {} on the servers",
                file, uri, thumbprint(cert), dir.resolve(CERTIFICATE));
        return new ClientIdentity(kp, cert, uri);
    }

    private static String uri(X509Certificate cert) {
        try {
            return CertificateUtil.getSanUri(cert).orElse("urn:gatehouse:opcua-client");
        } catch (RuntimeException e) {
            return "urn:gatehouse:opcua-client";
        }
    }

    private static String host() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            return h == null || h.isBlank() ? "localhost" : h;
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** @return the SHA-1 thumbprint in hex, as OPC UA tools show it */
    static String thumbprint(X509Certificate cert) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                    .digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            return "?";
        }
    }
}
