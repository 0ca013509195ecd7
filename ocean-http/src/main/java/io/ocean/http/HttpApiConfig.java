package io.ocean.http;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link HttpApi} talks to one third-party API:
 * {@code HttpApiConfig.custom().baseUrl("https://gitlab.com/api/v4").auth(AuthHeader.of("PRIVATE-TOKEN", token)).build()}.
 * Bad values fail at {@link Builder#build()} with a message naming the field. {@link #toString()} never shows the
 * credentials.
 *
 * @param baseUrl               the API's root, without a trailing slash; paths are appended to it
 * @param auth                  the authentication header, or null for none
 * @param userAgent             the {@code User-Agent}
 * @param connectTimeout        the limit of opening a connection
 * @param requestTimeout        the limit of one attempt, from sending to the whole body read
 * @param maxAttempts           attempts of one idempotent request, the first included
 * @param initialBackoff        the first retry delay without a {@code Retry-After}; it doubles per attempt
 * @param maxBackoff            the largest retry delay without a {@code Retry-After}
 * @param jitter                the fraction (0 to 1) by which each backoff is randomly shortened or lengthened
 * @param maxWait               the longest a live request waits in the calling thread (a backoff, a rate limit);
 *                              a longer wait is thrown as a {@link TransientHttpException} carrying it, which the
 *                              event runtime waits out in its store, without a worker
 * @param maxResyncWait         the same limit for requests of {@link HttpApi#forResync()}
 * @param maxConcurrentRequests requests in flight at once, for the whole client
 * @param rateLimit             requests allowed per {@code ratePeriod}, shared by live events and resyncs; 0 for no
 *                              budget of our own (the service's {@code RateLimit-*} headers are honoured anyway)
 * @param ratePeriod            the period of {@code rateLimit}
 * @param liveReservation       requests of the budget (and of the service's {@code RateLimit-Remaining}) that a
 *                              resync may not use, kept for live events
 * @param pagination            how {@link HttpApi#pages(String, Object...)} finds the next page
 * @param meterRegistry         where per-host meters go, or null for none
 */
public record HttpApiConfig(URI baseUrl, AuthHeader auth, String userAgent, Duration connectTimeout,
                            Duration requestTimeout, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
                            double jitter, Duration maxWait, Duration maxResyncWait, int maxConcurrentRequests,
                            int rateLimit, Duration ratePeriod, int liveReservation, Pagination pagination,
                            MeterRegistry meterRegistry) {

    /** Default {@code User-Agent}. */
    public static final String DEFAULT_USER_AGENT = "ocean-http";
    /** Default limit of opening a connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default limit of one attempt. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Default attempts of one idempotent request (the Python framework's {@code http_async_client} makes 10). */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /** Default first retry delay. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    /** Default largest retry delay. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    /** Default jitter fraction. */
    public static final double DEFAULT_JITTER = 0.2;
    /** Default longest wait of a live request in the calling thread. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(30);
    /** Default longest wait of a resync request in the calling thread. */
    public static final Duration DEFAULT_MAX_RESYNC_WAIT = Duration.ofMinutes(15);
    /** Default requests in flight at once. */
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 8;
    /** Default budget: none of our own. */
    public static final int DEFAULT_RATE_LIMIT = 0;
    /** Default period of the budget. */
    public static final Duration DEFAULT_RATE_PERIOD = Duration.ofMinutes(1);
    /** Default reservation for live events. */
    public static final int DEFAULT_LIVE_RESERVATION = 0;

    /** Checks every field and names the one that is wrong. */
    public HttpApiConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an http(s) URL with a host, got " + baseUrl);
        }
        String text = baseUrl.toString();
        if (text.endsWith("/")) {
            baseUrl = URI.create(text.substring(0, text.length() - 1));
        }
        if (userAgent == null || userAgent.isBlank()) {
            throw new IllegalArgumentException("userAgent must be set");
        }
        positive(connectTimeout, "connectTimeout");
        positive(requestTimeout, "requestTimeout");
        if (maxAttempts <= 0) {
            throw new IllegalArgumentException("maxAttempts must be > 0, got " + maxAttempts);
        }
        positive(initialBackoff, "initialBackoff");
        positive(maxBackoff, "maxBackoff");
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
        }
        notNegative(maxWait, "maxWait");
        notNegative(maxResyncWait, "maxResyncWait");
        if (maxConcurrentRequests <= 0) {
            throw new IllegalArgumentException("maxConcurrentRequests must be > 0, got " + maxConcurrentRequests);
        }
        if (rateLimit < 0) {
            throw new IllegalArgumentException("rateLimit must be >= 0, got " + rateLimit);
        }
        positive(ratePeriod, "ratePeriod");
        if (liveReservation < 0) {
            throw new IllegalArgumentException("liveReservation must be >= 0, got " + liveReservation);
        }
        if (rateLimit > 0 && liveReservation >= rateLimit) {
            throw new IllegalArgumentException("liveReservation must be < rateLimit (" + rateLimit + "), got "
                    + liveReservation);
        }
        Objects.requireNonNull(pagination, "pagination");
    }

    /** A builder with the defaults. */
    public static Builder custom() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "HttpApiConfig[baseUrl=" + baseUrl + ", auth=" + (auth == null ? "none" : auth.name() + ": ***")
                + ", maxAttempts=" + maxAttempts + ", maxConcurrentRequests=" + maxConcurrentRequests
                + ", rateLimit=" + rateLimit + "/" + ratePeriod + ", liveReservation=" + liveReservation + "]";
    }

    private static void positive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    private static void notNegative(Duration value, String name) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }

    /** Builds an {@link HttpApiConfig}; bad values fail at {@link #build()}. */
    public static final class Builder {
        private URI baseUrl;
        private AuthHeader auth;
        private String userAgent = DEFAULT_USER_AGENT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private double jitter = DEFAULT_JITTER;
        private Duration maxWait = DEFAULT_MAX_WAIT;
        private Duration maxResyncWait = DEFAULT_MAX_RESYNC_WAIT;
        private int maxConcurrentRequests = DEFAULT_MAX_CONCURRENT_REQUESTS;
        private int rateLimit = DEFAULT_RATE_LIMIT;
        private Duration ratePeriod = DEFAULT_RATE_PERIOD;
        private int liveReservation = DEFAULT_LIVE_RESERVATION;
        private Pagination pagination = Pagination.link();
        private MeterRegistry meterRegistry;

        private Builder() {
        }

        /** The API's root, such as {@code https://gitlab.com/api/v4}. */
        public Builder baseUrl(String url) {
            Objects.requireNonNull(url, "baseUrl");
            this.baseUrl = URI.create(url);
            return this;
        }

        /** The authentication header; none by default. */
        public Builder auth(AuthHeader header) {
            this.auth = header;
            return this;
        }

        /** The {@code User-Agent}. */
        public Builder userAgent(String value) {
            this.userAgent = value;
            return this;
        }

        /** The limits of opening a connection and of one attempt. */
        public Builder timeouts(Duration connect, Duration request) {
            this.connectTimeout = connect;
            this.requestTimeout = request;
            return this;
        }

        /** Attempts of one idempotent request, the first included. */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        /** The first and the largest retry delay, and the jitter fraction. */
        public Builder backoff(Duration initial, Duration max, double jitterFraction) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            this.jitter = jitterFraction;
            return this;
        }

        /** The longest waits in the calling thread, for live requests and for resync requests. */
        public Builder maxWait(Duration live, Duration resync) {
            this.maxWait = live;
            this.maxResyncWait = resync;
            return this;
        }

        /** Requests in flight at once. */
        public Builder maxConcurrentRequests(int max) {
            this.maxConcurrentRequests = max;
            return this;
        }

        /**
         * A budget of {@code requests} per {@code period}, of which {@code liveReservation} are kept for live
         * events: a resync uses at most {@code requests - liveReservation}.
         */
        public Builder rateLimit(int requests, Duration period, int liveReservation) {
            this.rateLimit = requests;
            this.ratePeriod = period;
            this.liveReservation = liveReservation;
            return this;
        }

        /**
         * Requests of the service's own {@code RateLimit-Remaining} that a resync leaves to live events, without a
         * budget of our own.
         */
        public Builder liveReservation(int requests) {
            this.liveReservation = requests;
            return this;
        }

        /** How {@link HttpApi#pages(String, Object...)} finds the next page; {@link Pagination#link()} by default. */
        public Builder pagination(Pagination value) {
            this.pagination = value;
            return this;
        }

        /** Records per-host meters here. */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = registry;
            return this;
        }

        /** The config. */
        public HttpApiConfig build() {
            if (baseUrl == null) {
                throw new IllegalArgumentException("baseUrl must be set");
            }
            return new HttpApiConfig(baseUrl, auth, userAgent, connectTimeout, requestTimeout, maxAttempts,
                    initialBackoff, maxBackoff, jitter, maxWait, maxResyncWait, maxConcurrentRequests, rateLimit,
                    ratePeriod, liveReservation, pagination, meterRegistry);
        }
    }
}
