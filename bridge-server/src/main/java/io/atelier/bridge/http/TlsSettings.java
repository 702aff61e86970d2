package io.atelier.bridge.http;

import java.nio.file.Path;

/**
 * The bridge's certificate and private key for HTTPS: a PKCS#12 or JKS keystore with its password, or a PEM pair
 * (certificate chain, unencrypted PKCS#8 key) as Let's Encrypt and most internal CAs hand them out.
 *
 * @param keystore         a keystore file; null when a PEM pair is given
 * @param keystorePassword its password (also the key's); null for a PEM pair
 * @param certificatePem   the certificate chain, leaf first; null with a keystore
 * @param privateKeyPem    the key, {@code -----BEGIN PRIVATE KEY-----}; null with a keystore
 */
public record TlsSettings(Path keystore, String keystorePassword, Path certificatePem, Path privateKeyPem) {

    public static TlsSettings keystore(Path file, String password) {
        return new TlsSettings(file, password, null, null);
    }

    public static TlsSettings pem(Path certificate, Path privateKey) {
        return new TlsSettings(null, null, certificate, privateKey);
    }
}
