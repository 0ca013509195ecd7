package io.ocean.testkit.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** A {@link CrashIntegration} in its own JVM, started on a state directory and ended by SIGTERM or kill -9. */
final class Child {

    final Process process;
    final int port;
    final int run;

    private Child(Process process, int port, int run) {
        this.process = process;
        this.port = port;
        this.run = run;
    }

    /** Starts run {@code run} and waits until it listens. */
    static Child start(Path work, int run, long millisPerEvent, String maxHeap, String... extraArgs)
            throws IOException {
        Path portFile = work.resolve(CrashIntegration.PORT_FILE);
        Files.deleteIfExists(portFile);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-XX:+UseSerialGC",
                "-Dlogback.configurationFile=crash-logback.xml",
                "-cp", System.getProperty("java.class.path"),
                CrashIntegration.class.getName(),
                work.resolve("state").toString(), work.resolve("journal.txt").toString(), String.valueOf(run),
                String.valueOf(millisPerEvent)));
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("child-" + run + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(portFile)) {
            if (!process.isAlive()) {
                throw new AssertionError("run " + run + " ended with " + process.exitValue() + " before listening; see "
                        + work.resolve("child-" + run + ".log") + ":\n" + tail(work.resolve("child-" + run + ".log")));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("run " + run + " did not listen within 90 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return new Child(process, Integer.parseInt(Files.readString(portFile).trim()), run);
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the shutdown hook stops the Ocean, which drains. Does not wait. */
    void terminate() {
        process.destroy();
    }

    /** SIGTERM and wait for the end. */
    void stop() throws InterruptedException {
        terminate();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("run " + run + " did not stop within 60 s of SIGTERM");
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
