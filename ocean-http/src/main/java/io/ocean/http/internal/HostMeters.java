package io.ocean.http.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ocean.http.HostStats;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Per-host counts of requests, retries and waits, and the same into a Micrometer registry when there is one. */
public final class HostMeters {

    private static final class Counts {
        final LongAdder requests = new LongAdder();
        final LongAdder retries = new LongAdder();
        final LongAdder waits = new LongAdder();
        final LongAdder waitedNanos = new LongAdder();
    }

    private final MeterRegistry registry;
    private final Map<String, Counts> hosts = new ConcurrentHashMap<>();

    /** Meters into {@code registry}, which may be null. */
    public HostMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** An attempt was answered with {@code status} (0: an I/O error). */
    public void request(String host, int status) {
        counts(host).requests.increment();
        if (registry != null) {
            Counter.builder("ocean.http.requests").description("Attempts sent to a third-party API")
                    .tag("host", host).tag("status", status == 0 ? "io-error" : Integer.toString(status))
                    .register(registry).increment();
        }
    }

    /** An attempt is a retry. */
    public void retry(String host) {
        counts(host).retries.increment();
        if (registry != null) {
            Counter.builder("ocean.http.retries").description("Retries of requests to a third-party API")
                    .tag("host", host).register(registry).increment();
        }
    }

    /** A request starts waiting for {@code reason}; counted when the wait starts. */
    public void waiting(String host, String reason) {
        counts(host).waits.increment();
    }

    /** A wait ended after {@code waited}. */
    public void waited(String host, String reason, Duration waited) {
        counts(host).waitedNanos.add(waited.toNanos());
        if (registry != null) {
            Timer.builder("ocean.http.waits").description("Waits before requests to a third-party API")
                    .tag("host", host).tag("reason", reason).register(registry).record(waited);
        }
    }

    /** The counts per host, by host name. */
    public Map<String, HostStats> stats() {
        Map<String, HostStats> out = new TreeMap<>();
        hosts.forEach((host, c) -> out.put(host, new HostStats(host, c.requests.sum(), c.retries.sum(), c.waits.sum(),
                Duration.ofNanos(c.waitedNanos.sum()))));
        return out;
    }

    private Counts counts(String host) {
        return hosts.computeIfAbsent(host, h -> new Counts());
    }
}
