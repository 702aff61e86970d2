package io.atelier.bridge.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty's TLS context from {@link TlsSettings}: a keystore as it is, or a PEM pair loaded into an in-memory keystore
 * (the JDK reads PEM certificates but not PEM keys: the key's PKCS#8 bytes are between its armour lines).
 */
final class TlsContexts {
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519");

    private TlsContexts() {
    }

    static SslContextFactory.Server server(TlsSettings tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        if (tls.keystore() != null) {
            ssl.setKeyStorePath(tls.keystore().toAbsolutePath().toString());
            ssl.setKeyStorePassword(tls.keystorePassword());
            return ssl;
        }
        try {
            String password = UUID.randomUUID().toString();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("atelier", privateKey(Files.readString(tls.privateKeyPem())), password.toCharArray(),
                    certificates(tls).toArray(Certificate[]::new));
            ssl.setKeyStore(store);
            ssl.setKeyStorePassword(password);
            ssl.setKeyManagerPassword(password);
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the TLS certificate or key: " + e.getMessage(), e);
        }
    }

    private static List<? extends Certificate> certificates(TlsSettings tls) throws IOException,
            GeneralSecurityException {
        try (InputStream in = Files.newInputStream(tls.certificatePem())) {
            List<? extends Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509")
                    .generateCertificates(in));
            if (chain.isEmpty()) {
                throw new GeneralSecurityException("no certificate in " + tls.certificatePem());
            }
            return chain;
        }
    }

    private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new GeneralSecurityException("the key must be an unencrypted PKCS#8 PEM (BEGIN PRIVATE KEY); "
                    + "convert with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
        }
        String base64 = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27,
                pem.indexOf("-----END PRIVATE KEY-----")).replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisOne) {
                // Try the next algorithm.
            }
        }
        throw new GeneralSecurityException("the key is neither RSA, EC nor Ed25519");
    }
}
