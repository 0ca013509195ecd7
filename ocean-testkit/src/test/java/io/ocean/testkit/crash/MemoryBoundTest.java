package io.ocean.testkit.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heap holds no queued payloads: 5 000 events of 20 KB (about 100 MB) behind a processor that never returns, in
 * a child JVM with a 64 MiB heap. The path holds its capacity (in the SQLite store, on disk), the rest is answered
 * 503, nothing runs out of memory, and the heap after a GC stays small. (The 100 000-event run at -Xmx256m is
 * {@code examples/benchmarks/scripts/memory.sh}.)
 */
class MemoryBoundTest {

    @TempDir
    Path work;

    @Test
    void eventsBehindAStalledProcessorLiveInTheStoreNotTheHeap() throws Exception {
        Child child = Child.start(work, 1, -1, "64m", "4000");
        try {
            Sender sender = new Sender(20_000);
            sender.send(child.port, 5_000);

            assertThat(child.process.isAlive()).as("no OutOfMemoryError").isTrue();
            assertThat(sender.statuses.get(200)).as("accepted up to the capacity").isEqualTo(4_000);
            assertThat(sender.statuses.get(503)).as("503 past the capacity").isEqualTo(1_000);
            long heap = Long.parseLong(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + child.port + "/heap")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            System.out.printf("memory bound: 5000 events of 20 KB, %s; heap after GC %d MiB of 64%n",
                    sender.statuses, heap >> 20);
            assertThat(heap).as("heap after GC").isLessThan(40L << 20);
            assertThat(Files.readString(work.resolve("child-1.log"))).doesNotContain("OutOfMemoryError");
        } finally {
            child.kill();
        }
    }
}
