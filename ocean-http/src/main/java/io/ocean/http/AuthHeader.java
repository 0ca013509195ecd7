package io.ocean.http;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The header that authenticates every request, its value read per attempt (so a rotated token is picked up).
 * The {@code toString()} of the built-in headers never shows the value, and the client never logs it.
 */
public interface AuthHeader {

    /** The header's name, such as {@code Authorization} or {@code PRIVATE-TOKEN}. */
    String name();

    /** The header's value for the next attempt. */
    String value();

    /** {@code Authorization: Bearer <token>}. */
    static AuthHeader bearer(String token) {
        Objects.requireNonNull(token, "token");
        return bearer(() -> token);
    }

    /** {@code Authorization: Bearer <token>}, the token read per attempt. */
    static AuthHeader bearer(Supplier<String> token) {
        Objects.requireNonNull(token, "token");
        return of("Authorization", () -> "Bearer " + token.get());
    }

    /** Any header with a fixed value, such as GitLab's {@code PRIVATE-TOKEN}. */
    static AuthHeader of(String name, String value) {
        Objects.requireNonNull(value, "value");
        return of(name, () -> value);
    }

    /** Any header, its value read per attempt. */
    static AuthHeader of(String name, Supplier<String> value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        return new AuthHeader() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String value() {
                return value.get();
            }

            @Override
            public String toString() {
                return "AuthHeader[" + name + ": ***]";
            }
        };
    }
}
