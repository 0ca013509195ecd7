package io.ocean.core.port.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.internal.Json;
import io.ocean.core.port.PortApiException;
import io.ocean.core.port.PortClientConfig;
import java.util.concurrent.CompletableFuture;

/**
 * The access token: fetched once, shared by every call, refreshed a minute before it expires or after a 401.
 * Concurrent callers share one refresh. Neither the secret nor the token is ever logged.
 */
final class PortAuth {

    private static final long REFRESH_MARGIN_NANOS = 60_000_000_000L;

    private record Token(String header, long expiresAtNanos) {
    }

    private final PortHttp http;
    private final PortClientConfig config;
    private Token current;
    private CompletableFuture<String> refreshing;

    PortAuth(PortHttp http, PortClientConfig config) {
        this.http = http;
        this.config = config;
    }

    /** The {@code Authorization} header value, fetching a token when there is no fresh one. */
    synchronized CompletableFuture<String> header() {
        if (current != null && System.nanoTime() - current.expiresAtNanos() < -REFRESH_MARGIN_NANOS) {
            return CompletableFuture.completedFuture(current.header());
        }
        if (refreshing != null) {
            return refreshing;
        }
        CompletableFuture<String> fetch;
        try {
            fetch = fetch();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        refreshing = fetch;
        // a fetch that failed at once completes here, on this thread, and clears the field before we return it:
        // so the local future is what the caller gets, never the field
        fetch.whenComplete((header, error) -> {
            synchronized (this) {
                if (refreshing == fetch) {
                    refreshing = null;
                }
            }
        });
        return fetch;
    }

    /** Forgets the token a request was refused with, unless a newer one replaced it already. */
    synchronized void invalidate(String header) {
        if (current != null && current.header().equals(header)) {
            current = null;
        }
    }

    private CompletableFuture<String> fetch() {
        byte[] body = PortHttp.json(Json.MAPPER.createObjectNode()
                .put("clientId", config.clientId()).put("clientSecret", config.clientSecret()));
        return http.send(new PortHttp.Request("POST", "/v1/auth/access_token", body, false)).thenApply(response -> {
            if (!response.ok()) {
                throw response.toException();
            }
            JsonNode token = response.body();
            String accessToken = token.path("accessToken").asText(null);
            if (accessToken == null) {
                throw new PortApiException(response.status(), "invalid_token_response",
                        "the access token response has no accessToken", null);
            }
            String type = token.path("tokenType").asText("Bearer");
            long expiresIn = token.path("expiresIn").asLong(3600);
            String header = type + " " + accessToken;
            synchronized (this) {
                current = new Token(header, System.nanoTime() + expiresIn * 1_000_000_000L);
            }
            return header;
        });
    }
}
