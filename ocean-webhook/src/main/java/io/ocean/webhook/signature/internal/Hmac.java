package io.ocean.webhook.signature.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC over byte parts, and constant-time comparison. */
public final class Hmac {

    private Hmac() {
    }

    /** The HMAC of the concatenated parts; {@code algorithm} is a JCA name such as {@code HmacSHA256}. */
    public static byte[] of(String algorithm, byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("HMAC " + algorithm + " is not available: " + e.getMessage(), e);
        }
    }

    /** Lower-case hex. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Whether two strings are equal, in time independent of where they differ. */
    public static boolean equal(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether two hex strings are equal, ignoring case, in constant time. */
    public static boolean equalHex(String expected, String given) {
        return equal(expected.toLowerCase(Locale.ROOT), given.toLowerCase(Locale.ROOT));
    }

    /** ASCII bytes of a string. */
    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
