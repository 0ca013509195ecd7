package io.ocean.http;

import java.time.Duration;

/**
 * What one host has seen since the client was created, from {@link HttpApi#stats()}. The same figures go to the
 * Micrometer registry when one is set: {@code ocean.http.requests} (tags {@code host}, {@code status}),
 * {@code ocean.http.retries} ({@code host}) and the timer {@code ocean.http.waits} ({@code host}, {@code reason}:
 * {@code retry}, {@code rate-limit}, {@code budget}, {@code concurrency}).
 *
 * @param host     the host name
 * @param requests attempts sent, retries included
 * @param retries  attempts that were a retry
 * @param waits    times a request waited (a backoff, a rate limit, the budget, a free connection slot)
 * @param waited   the time spent in those waits
 */
public record HostStats(String host, long requests, long retries, long waits, Duration waited) {
}
