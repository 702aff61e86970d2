package io.atelier.bridge.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Token secrets, their hashes and public ids. */
final class TokenHashing {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "atl_";

    private TokenHashing() {
    }

    /** A new secret: 256 random bits, URL-safe so it survives copy-paste into any plugin field. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    static byte[] sha256(String secret) {
        return SHA256.get().digest(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** A public id: a short prefix of the hash, enough to tell tokens apart in logs and limits. */
    static String idOf(byte[] hash) {
        return "tok_" + HexFormat.of().formatHex(hash, 0, 6);
    }
}
