package io.ocean.examples.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.port.PortClient;
import io.ocean.core.port.PortClientConfig;
import io.ocean.webhook.Ocean;
import io.ocean.webhook.ResyncOutcome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A full resync of generated items into a FakePort running in another process: items per second, heap after GC at
 * every tenth of the run (it must not grow with the items yielded), then a second resync in which 1 % of the items
 * have disappeared, and the stale entities it deleted. {@code ResyncBenchmark [items] [pageSize]}.
 */
public final class ResyncBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAPPING = """
            resources:
              - kind: item
                selector:
                  query: .archived | not
                port:
                  entity:
                    mappings:
                      identifier: .id
                      title: .name
                      blueprint: '"benchItem"'
                      properties:
                        owner: .owner.login
                        labels: '[.labels[].name]'
                        size: .size
                        url: .html_url
                      relations:
                        team: .team
            """;

    private ResyncBenchmark() {
    }

    /** Runs both resyncs and prints one line each. */
    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int pageSize = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Process fakePort = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-cp", System.getProperty("java.class.path"), FakePortServer.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String[] port = new BufferedReader(new InputStreamReader(fakePort.getInputStream())).readLine().split(" ");
        boolean[] onePercentGone = {false};
        List<String> heap = new ArrayList<>();
        Ocean ocean = Ocean.create(Map.of(), cfg -> {
            cfg.http.port = 0;
            cfg.http.host = "127.0.0.1";
            cfg.startup.shutdownHook = false;
            cfg.port.baseUrl = port[0];
            cfg.port.clientId = port[1];
            cfg.port.clientSecret = port[2];
            cfg.integration.identifier = "resync-bench";
            cfg.resync.onStart = false;
            cfg.resync.pollIntervalSeconds = 0;
            cfg.portAppConfig(PortAppConfig.fromYaml(MAPPING));
            try {
                cfg.webhooks.stateDir = Files.createTempDirectory("ocean-resync-bench-");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        int pages = (items + pageSize - 1) / pageSize;
        ocean.onResync("item", kind -> Stream.iterate(0, page -> page + 1).limit(pages).map(page -> {
            if (page % Math.max(1, pages / 10) == 0) {
                heap.add(String.format("%d%%:%d", 100L * page / pages, usedHeapAfterGc() >> 20));
            }
            return page(page, pageSize, items, onePercentGone[0]);
        }));
        ocean.start();
        try {
            System.out.printf("items %d, page size %d, heap max %d MiB, FakePort in process %d%n", items, pageSize,
                    Runtime.getRuntime().maxMemory() >> 20, fakePort.pid());
            run("first resync (empty Port)", ocean, heap, items);
            onePercentGone[0] = true;
            ResyncOutcome second = run("second resync (1 % gone)", ocean, heap, items);
            System.out.printf("stale entities deleted: %d (expected %d); entities in Port now: %d%n",
                    second.deleted(), items / 100, owned(port));
        } finally {
            ocean.stop();
            fakePort.getOutputStream().close();
            fakePort.waitFor(10, TimeUnit.SECONDS);
            fakePort.destroy();
        }
        System.exit(0);
    }

    private static ResyncOutcome run(String name, Ocean ocean, List<String> heap, int items) throws Exception {
        heap.clear();
        long start = System.nanoTime();
        ResyncOutcome outcome = ocean.resync().get(30, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        var kind = outcome.kind("item");
        System.out.printf("%s: %s, %d items in %.1f s = %.0f items/s; %d upserted, %d errors; "
                        + "heap after GC (progress:MiB) %s; after the run %d MiB%n", name, outcome.status(),
                kind.items(), seconds, kind.items() / seconds, kind.upserted(), kind.errors(), String.join(" ", heap),
                usedHeapAfterGc() >> 20);
        return outcome;
    }

    /** Page {@code page}; with {@code onePercentGone} every item whose number ends in 42 (of 100) is left out. */
    private static List<JsonNode> page(int page, int pageSize, int items, boolean onePercentGone) {
        return IntStream.range(page * pageSize, Math.min(items, (page + 1) * pageSize))
                .filter(i -> !onePercentGone || i % 100 != 42)
                .mapToObj(ResyncBenchmark::item).toList();
    }

    private static JsonNode item(int i) {
        var item = JSON.createObjectNode().put("id", "item-" + i).put("name", "Item number " + i)
                .put("archived", false).put("size", i % 997).put("html_url", "https://example.test/items/" + i)
                .put("team", "team-" + (i % 50));
        item.putObject("owner").put("login", "user-" + (i % 1000));
        item.putArray("labels").addObject().put("name", i % 2 == 0 ? "even" : "odd");
        return item;
    }

    private static long owned(String[] port) {
        try (PortClient client = PortClient.create(PortClientConfig.custom().baseUrl(port[0]).clientId(port[1])
                .clientSecret(port[2]).integration("custom", "0.0.0", "resync-bench").build())) {
            return client.ownedEntities().join().size();
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
