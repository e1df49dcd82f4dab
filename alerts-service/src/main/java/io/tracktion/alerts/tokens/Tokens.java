package io.tracktion.alerts.tokens;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring tokens for the links in messages: what they are for, whom they are about (a subscription id or
 * a recipient's address) and until when, signed with HMAC-SHA256. Nobody can make one without the key, and one made
 * to confirm cannot unsubscribe or manage (pure, apart from the key).
 */
public final class Tokens {

    /** What a token lets its bearer do, and for how long. */
    public enum Purpose {
        /** Activate one pending subscription: the link in its confirmation mail. */
        CONFIRM('c', Duration.ofDays(7)),
        /** End one subscription: the one-click link in every message. */
        UNSUBSCRIBE('u', Duration.ofDays(90)),
        /** See and end all of one address's subscriptions. */
        MANAGE('m', Duration.ofDays(30));

        final char code;
        final Duration lifetime;

        Purpose(char code, Duration lifetime) {
            this.code = code;
            this.lifetime = lifetime;
        }

        public Duration lifetime() {
            return lifetime;
        }
    }

    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();
    private static final int MAX_LENGTH = 1024;

    private final SecretKeySpec key;

    /** @param key at least 32 bytes */
    public Tokens(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("The token key needs at least 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** A token for {@code purpose} about {@code subject}, valid for the purpose's lifetime from {@code now}. */
    public String issue(Purpose purpose, String subject, Instant now) {
        String body = purpose.code + "|" + now.plus(purpose.lifetime).getEpochSecond() + "|" + subject;
        String encoded = ENCODE.encodeToString(body.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + ENCODE.encodeToString(sign(encoded));
    }

    /** The subject of a genuine, unexpired token for {@code purpose}; empty for anything else. */
    public Optional<String> verify(Purpose purpose, String token, Instant now) {
        if (token == null || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String encoded = token.substring(0, dot);
        try {
            byte[] signature = DECODE.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, sign(encoded))) {
                return Optional.empty();
            }
            String[] parts = new String(DECODE.decode(encoded), StandardCharsets.UTF_8).split("\\|", 3);
            if (parts.length != 3 || parts[0].length() != 1 || parts[0].charAt(0) != purpose.code
                    || Long.parseLong(parts[1]) < now.getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(parts[2]);
        } catch (IllegalArgumentException e) { // not base64, not a number
            return Optional.empty();
        }
    }

    private byte[] sign(String encoded) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(encoded.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("Every Java platform must provide HmacSHA256", e);
        }
    }
}
