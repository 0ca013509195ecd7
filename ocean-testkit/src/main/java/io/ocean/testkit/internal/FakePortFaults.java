package io.ocean.testkit.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** The scripted faults of the fake Port; each API request (not the token endpoint) consults them in order. */
public final class FakePortFaults {

    /** A forced answer: status, and a Retry-After in seconds or null. */
    public record Fault(int status, Integer retryAfterSeconds) {
    }

    private final Queue<Fault> next = new ArrayDeque<>();
    private final Set<String> partialFailures = new HashSet<>();
    private double randomRate;
    private int[] randomStatuses = new int[0];
    private boolean tooLargeOnce;
    private Duration delay = Duration.ZERO;
    private final java.util.Map<String, Integer> pathFailures = new java.util.LinkedHashMap<>();

    /** The next {@code times} API requests get {@code status}. */
    public synchronized void failNext(int status, int times) {
        for (int i = 0; i < times; i++) {
            next.add(new Fault(status, null));
        }
    }

    /** The next API request gets 429 with {@code Retry-After}. */
    public synchronized void rateLimitNext(int retryAfterSeconds) {
        next.add(new Fault(429, retryAfterSeconds));
    }

    /** From now on, each API request fails with probability {@code rate}, with one of the statuses. */
    public synchronized void failRandomly(double rate, int... statuses) {
        if (rate < 0 || rate > 1 || statuses.length == 0) {
            throw new IllegalArgumentException("failRandomly needs a rate from 0 to 1 and at least one status");
        }
        randomRate = rate;
        randomStatuses = statuses.clone();
    }

    /** Upserts of this identifier fail with 422 inside a 207 answer. */
    public synchronized void partialFailure(String identifier) {
        partialFailures.add(identifier);
    }

    /** The next bulk upsert gets 413. */
    public synchronized void tooLarge() {
        tooLargeOnce = true;
    }

    /** Requests whose path starts with {@code prefix} get {@code status} until {@link #heal(String)}. */
    public synchronized void failPath(String prefix, int status) {
        pathFailures.put(prefix, status);
    }

    /** Ends {@link #failPath(String, int)} for the prefix. */
    public synchronized void heal(String prefix) {
        pathFailures.remove(prefix);
    }

    synchronized Integer pathFailure(String path) {
        for (java.util.Map.Entry<String, Integer> failure : pathFailures.entrySet()) {
            if (path.startsWith(failure.getKey())) {
                return failure.getValue();
            }
        }
        return null;
    }

    /** Every answer waits this long. */
    public synchronized void delay(Duration value) {
        delay = value;
    }

    synchronized Fault take() {
        Fault fault = next.poll();
        if (fault != null) {
            return fault;
        }
        if (randomRate > 0 && ThreadLocalRandom.current().nextDouble() < randomRate) {
            return new Fault(randomStatuses[ThreadLocalRandom.current().nextInt(randomStatuses.length)], null);
        }
        return null;
    }

    synchronized boolean takeTooLarge() {
        boolean once = tooLargeOnce;
        tooLargeOnce = false;
        return once;
    }

    synchronized boolean failsPartially(String identifier) {
        return partialFailures.contains(identifier);
    }

    synchronized Duration delay() {
        return delay;
    }
}
