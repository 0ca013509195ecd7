package io.ocean.webhook.signature;

import java.util.Locale;
import java.util.Objects;

/**
 * How a sender puts an HMAC of the raw body in a header: {@code <header>: <prefix><hex or base64 of HMAC(secret,
 * body)>}. Immutable; used by {@link Verifiers#hmac(HmacSignature, String...)} and the testkit's matching signer.
 *
 * <pre>{@code
 * HmacSignature jiraLike = HmacSignature.custom()
 *         .header("X-Signature").algorithm(HmacSignature.Algorithm.SHA256)
 *         .encoding(HmacSignature.Encoding.HEX).prefix("sha256=").build();
 * // or, the common shapes:
 * HmacSignature.sha256Hex("X-Signature").withPrefix("sha256=");
 * }</pre>
 *
 * @param header    the header that carries the signature, such as {@code X-Signature}
 * @param algorithm the HMAC algorithm
 * @param encoding  how the HMAC bytes are written
 * @param prefix    what precedes the encoded HMAC, such as {@code sha256=}; empty for none
 */
public record HmacSignature(String header, Algorithm algorithm, Encoding encoding, String prefix) {

    /** The HMAC algorithms every Java runtime provides. */
    public enum Algorithm {
        /** HMAC-SHA1; only for legacy senders. */
        SHA1("HmacSHA1"),
        /** HMAC-SHA256, what most senders use. */
        SHA256("HmacSHA256"),
        /** HMAC-SHA384. */
        SHA384("HmacSHA384"),
        /** HMAC-SHA512. */
        SHA512("HmacSHA512");

        private final String jcaName;

        Algorithm(String jcaName) {
            this.jcaName = jcaName;
        }

        /** The Java Cryptography Architecture name, such as {@code HmacSHA256}. */
        public String jcaName() {
            return jcaName;
        }

        /**
         * Reads an algorithm name as senders' docs spell it, case-insensitively: {@code sha256}, {@code SHA-256},
         * {@code hmac-sha256}, {@code HmacSHA256} (likewise for sha1, sha384, sha512).
         *
         * @throws IllegalArgumentException listing the accepted values for anything else
         */
        public static Algorithm parse(String name) {
            if (name != null) {
                String plain = name.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
                if (plain.startsWith("hmac")) {
                    plain = plain.substring("hmac".length());
                }
                for (Algorithm algorithm : values()) {
                    if (algorithm.name().toLowerCase(Locale.ROOT).equals(plain)) {
                        return algorithm;
                    }
                }
            }
            throw new IllegalArgumentException("algorithm must be one of sha1, sha256, sha384, sha512 (also written "
                    + "SHA-256, hmac-sha256 or HmacSHA256), got " + name);
        }
    }

    /** How the HMAC bytes are written in the header. */
    public enum Encoding {
        /** Lower- or upper-case hexadecimal; compared ignoring case. */
        HEX,
        /** Standard base64 with padding. */
        BASE64;

        /**
         * Reads {@code hex} or {@code base64}, case-insensitively.
         *
         * @throws IllegalArgumentException listing the accepted values for anything else
         */
        public static Encoding parse(String name) {
            if (name != null) {
                for (Encoding encoding : values()) {
                    if (encoding.name().equalsIgnoreCase(name.trim())) {
                        return encoding;
                    }
                }
            }
            throw new IllegalArgumentException("encoding must be hex or base64, got " + name);
        }
    }

    /** Checks the fields; a null prefix becomes empty. */
    public HmacSignature {
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException("header must not be blank");
        }
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(encoding, "encoding");
        prefix = prefix == null ? "" : prefix;
    }

    /** HMAC-SHA256 as hex in {@code header}, no prefix. */
    public static HmacSignature sha256Hex(String header) {
        return new HmacSignature(header, Algorithm.SHA256, Encoding.HEX, "");
    }

    /** HMAC-SHA256 as base64 in {@code header}, no prefix (Shopify's {@code X-Shopify-Hmac-Sha256} shape). */
    public static HmacSignature sha256Base64(String header) {
        return new HmacSignature(header, Algorithm.SHA256, Encoding.BASE64, "");
    }

    /** HMAC-SHA512 as hex in {@code header}, no prefix. */
    public static HmacSignature sha512Hex(String header) {
        return new HmacSignature(header, Algorithm.SHA512, Encoding.HEX, "");
    }

    /** The same signature with {@code prefix} before the encoded HMAC, such as {@code sha256=}. */
    public HmacSignature withPrefix(String prefix) {
        return new HmacSignature(header, algorithm, encoding, prefix);
    }

    /** A builder; header, algorithm and encoding are required, the prefix is empty unless set. */
    public static Builder custom() {
        return new Builder();
    }

    /** Builds an {@link HmacSignature} field by field. */
    public static final class Builder {

        private String header;
        private Algorithm algorithm;
        private Encoding encoding;
        private String prefix = "";

        private Builder() {
        }

        /** The header carrying the signature. */
        public Builder header(String header) {
            this.header = header;
            return this;
        }

        /** The HMAC algorithm. */
        public Builder algorithm(Algorithm algorithm) {
            this.algorithm = algorithm;
            return this;
        }

        /** The HMAC algorithm by name; see {@link Algorithm#parse} for the accepted spellings. */
        public Builder algorithm(String name) {
            return algorithm(Algorithm.parse(name));
        }

        /** How the HMAC is written. */
        public Builder encoding(Encoding encoding) {
            this.encoding = encoding;
            return this;
        }

        /** How the HMAC is written, by name: {@code hex} or {@code base64}. */
        public Builder encoding(String name) {
            return encoding(Encoding.parse(name));
        }

        /** What precedes the encoded HMAC; empty by default. */
        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /**
         * The signature.
         *
         * @throws IllegalArgumentException naming the field that is missing
         */
        public HmacSignature build() {
            if (algorithm == null) {
                throw new IllegalArgumentException("algorithm must be set (sha1, sha256, sha384 or sha512)");
            }
            if (encoding == null) {
                throw new IllegalArgumentException("encoding must be set (hex or base64)");
            }
            return new HmacSignature(header, algorithm, encoding, prefix);
        }
    }
}
