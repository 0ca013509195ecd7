package io.ocean.webhook.signature;

/**
 * Whether a request's signature checked out, and if not, why — never the signature or the secret.
 *
 * @param ok      whether it verified
 * @param failure why not, or null
 * @param detail  a short explanation for the log, or null
 */
public record VerificationResult(boolean ok, Failure failure, String detail) {

    /** Why a check failed. */
    public enum Failure {
        /** No secret is configured; {@link Verifiers} refuses to build such a verifier, so only a defensive case. */
        NO_SECRET,
        /** A header the scheme needs is absent. */
        MISSING_HEADER,
        /** A header is there but not in the scheme's format (wrong prefix, unknown version, bad encoding). */
        BAD_FORMAT,
        /** The signature does not match any configured secret. */
        MISMATCH,
        /** The signed timestamp is further from now than the tolerance. */
        OUTSIDE_TOLERANCE
    }

    private static final VerificationResult OK = new VerificationResult(true, null, null);

    /** Verified. */
    public static VerificationResult success() {
        return OK;
    }

    /** Not verified, for this reason. */
    public static VerificationResult failed(Failure failure, String detail) {
        return new VerificationResult(false, failure, detail);
    }
}
