package io.ocean.examples.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this process by thread group (the thread's name without its numbers: {@code ocean-worker-webhook},
 * {@code JettyServerThreadPool}, {@code qtp} = FakePort's WireMock...), between a snapshot and now: where an
 * event's CPU goes, measured as CPU rather than wall time, so that it holds on a machine shared with other work.
 * Threads that started and ended in between count only in the process total ("ended threads").
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> startByThread = new HashMap<>();
    private final long processStart;

    private ThreadCpu() {
        for (long id : THREADS.getAllThreadIds()) {
            startByThread.put(id, Math.max(0, THREADS.getThreadCpuTime(id)));
        }
        processStart = processCpuNanos();
    }

    /** A snapshot of every thread's CPU time now. */
    static ThreadCpu snapshot() {
        return new ThreadCpu();
    }

    /** "group µs/event, ..." since the snapshot, largest first, for {@code events} events. */
    String perEvent(int events) {
        Map<String, Long> byGroup = new TreeMap<>();
        long sum = 0;
        for (long id : THREADS.getAllThreadIds()) {
            java.lang.management.ThreadInfo info = THREADS.getThreadInfo(id);
            long now = THREADS.getThreadCpuTime(id);
            if (info == null || now < 0) {
                continue;
            }
            long used = now - startByThread.getOrDefault(id, 0L);
            byGroup.merge(group(info.getThreadName()), used, Long::sum);
            sum += used;
        }
        long total = processCpuNanos() - processStart;
        byGroup.put("ended threads, JVM (GC, JIT)", Math.max(0, total - sum));
        StringBuilder out = new StringBuilder(String.format("process CPU %.0f us/event:", total / 1e3 / events));
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(e -> e.getValue() / 1e3 / events >= 1)
                .forEach(e -> out.append(String.format(" %s %.0f,", e.getKey(), e.getValue() / 1e3 / events)));
        out.setLength(out.length() - 1);
        return out.toString();
    }

    /** The name without its numbers: pools name their threads name-1, name-2... */
    static String group(String name) {
        String group = name.replaceAll("[0-9]+", "").replaceAll("-+", "-").replaceAll("-$", "");
        return group.isEmpty() ? name : group;
    }

    /** This process's CPU time so far, all threads (ended ones included), in nanoseconds. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
