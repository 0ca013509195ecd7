package io.ocean.examples.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * {@link MappingBenchmark#mapOnePullRequest()} per second of this thread's CPU time, not of wall time: on a
 * machine shared with other builds, JMH's wall-clock figure measures the neighbours, this one much less so.
 * 8 s of CPU warm-up, then five rounds of 3 s. {@code java -cp ocean-benchmarks.jar
 * io.ocean.examples.benchmarks.MappingCpuTime [label]}.
 */
public final class MappingCpuTime {

    private MappingCpuTime() {
    }

    /** Prints the label and the five rounds, in entities per CPU-second. */
    public static void main(String[] args) throws Exception {
        MappingBenchmark benchmark = new MappingBenchmark();
        benchmark.setUp();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long warm = threads.getCurrentThreadCpuTime() + 8_000_000_000L;
        int entities = 0;
        while (threads.getCurrentThreadCpuTime() < warm) {
            entities += run(benchmark, 1000);
        }
        StringBuilder out = new StringBuilder(args.length > 0 ? args[0] : "entities/CPU-s");
        for (int round = 0; round < 5; round++) {
            long start = threads.getCurrentThreadCpuTime();
            long ops = 0;
            while (threads.getCurrentThreadCpuTime() - start < 3_000_000_000L) {
                entities += run(benchmark, 1000);
                ops += 1000;
            }
            out.append(String.format(" %.0f", ops / ((threads.getCurrentThreadCpuTime() - start) / 1e9)));
        }
        System.out.println(out + (entities < 0 ? "" : ""));
    }

    private static int run(MappingBenchmark benchmark, int times) {
        int entities = 0;
        for (int i = 0; i < times; i++) {
            entities += benchmark.mapOnePullRequest().passed().size();
        }
        return entities;
    }
}
