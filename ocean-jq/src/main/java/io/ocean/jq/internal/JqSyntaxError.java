package io.ocean.jq.internal;

/** A program jq 1.7.1 rejects at compile time that jackson-jq would accept; the message is jq's. */
final class JqSyntaxError extends RuntimeException {

    JqSyntaxError(String message) {
        super(message, null, false, false);
    }
}
