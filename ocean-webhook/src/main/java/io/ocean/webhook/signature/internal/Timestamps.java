package io.ocean.webhook.signature.internal;

import io.ocean.webhook.signature.VerificationResult;
import io.ocean.webhook.signature.VerificationResult.Failure;
import java.time.Clock;
import java.time.Duration;

/** The replay window of timestamped schemes. */
final class Timestamps {

    private Timestamps() {
    }

    /** Null when {@code seconds} (a Unix time as text) is within the tolerance of now; else the failure. */
    static VerificationResult outside(String header, String seconds, Clock clock, Duration tolerance) {
        long timestamp;
        try {
            timestamp = Long.parseLong(seconds.trim());
        } catch (NumberFormatException e) {
            return VerificationResult.failed(Failure.BAD_FORMAT, header + " is not a Unix time in seconds");
        }
        long distance = Math.abs(clock.instant().getEpochSecond() - timestamp);
        if (distance > tolerance.toSeconds()) {
            return VerificationResult.failed(Failure.OUTSIDE_TOLERANCE, header + " is " + distance
                    + " s from now; the tolerance is " + tolerance.toSeconds() + " s");
        }
        return null;
    }
}
