package io.ocean.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.Entity;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.internal.Json;
import io.ocean.webhook.Ocean;
import io.ocean.webhook.OceanConfig;
import io.ocean.webhook.ResyncOutcome;
import io.ocean.webhook.ResyncStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Full resyncs into (Fake)Port: pages, stale deletion and its safety rules, live events during a resync, triggers. */
class ResyncTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /** Two kinds, each to its own blueprint; the threshold is a parameter. */
    private static PortAppConfig mapping(double threshold) {
        return PortAppConfig.fromYaml("""
                entityDeletionThreshold: %s
                resources:
                  - kind: issue
                    port:
                      entity:
                        mappings:
                          identifier: .id
                          title: .title
                          blueprint: '"issue"'
                  - kind: pr
                    port:
                      entity:
                        mappings:
                          identifier: .id
                          title: .title
                          blueprint: '"pr"'
                """.formatted(threshold));
    }

    private static JsonNode item(String id, String title) {
        return Json.MAPPER.createObjectNode().put("id", id).put("title", title);
    }

    /** Pages of {@code size} items {@code prefix1..prefixN}, titled "v1". */
    private static List<List<JsonNode>> pages(String prefix, int count, int size) {
        List<List<JsonNode>> pages = new ArrayList<>();
        for (int page = 0; page < count; page++) {
            int first = page * size + 1;
            pages.add(IntStream.range(first, first + size).mapToObj(i -> item(prefix + i, "v1")).toList());
        }
        return pages;
    }

    /** What the "third-party service" lists now, per kind, as pages; tests change it between resyncs. */
    private final Map<String, Supplier<Stream<List<JsonNode>>>> source = new ConcurrentHashMap<>();

    private void serve(String kind, List<List<JsonNode>> pages) {
        source.put(kind, pages::stream);
    }

    private Ocean ocean(Consumer<OceanConfig> more) {
        Ocean ocean = Ocean.create(Map.of(), cfg -> {
            cfg.resync.onStart = false;
            cfg.resync.pollIntervalSeconds = 0;
            more.accept(cfg);
        });
        ocean.onResync(kind -> source.getOrDefault(kind, Stream::empty).get());
        return ocean;
    }

    private static ResyncOutcome resync(Ocean ocean) throws Exception {
        return ocean.resync().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    private static List<String> ids(FakePort port, String blueprint) {
        return port.entities().stream().filter(e -> e.blueprint().equals(blueprint)).map(Entity::identifierText)
                .sorted().toList();
    }

    @Test
    void twoKindsOfThreePagesEachLandInPortThenAResyncWithoutTwoItemsDeletesExactlyThose() {
        serve("issue", pages("i", 3, 5));
        serve("pr", pages("p", 3, 5));
        OceanTest.run(ocean(cfg -> { }), mapping(0.9), (app, port, client) -> {
            ResyncOutcome first = resync(app);

            assertThat(first.status()).isEqualTo(ResyncStatus.COMPLETED);
            assertThat(ids(port, "issue")).hasSize(15);
            assertThat(ids(port, "pr")).hasSize(15);
            assertThat(first.kind("issue").items()).isEqualTo(15);
            assertThat(first.kind("issue").upserted()).isEqualTo(15);
            assertThat(first.deleted()).isZero();

            List<List<JsonNode>> pages = new ArrayList<>(pages("i", 3, 5));
            pages.set(1, pages.get(1).stream().filter(i -> !List.of("i7", "i9").contains(i.path("id").asText()))
                    .toList());
            serve("issue", pages);
            ResyncOutcome second = resync(app);

            assertThat(second.status()).isEqualTo(ResyncStatus.COMPLETED);
            assertThat(second.kind("issue").unchanged()).isEqualTo(13);
            assertThat(second.kind("issue").upserted()).isZero();
            assertThat(second.deletion("issue").deleted()).isEqualTo(2);
            assertThat(second.deletion("issue").ownedBefore()).isEqualTo(15);
            assertThat(second.deletion("pr").deleted()).isZero();
            assertThat(second.kind("issue").deleted()).isEqualTo(2);
            assertThat(ids(port, "issue")).hasSize(13).doesNotContain("i7", "i9");
            assertThat(ids(port, "pr")).hasSize(15);
            assertThat(port.requests()).filteredOn(r -> r.url().contains("/bulk/entities/delete"))
                    .allSatisfy(r -> assertThat(r.url()).contains("/v1/blueprints/issue/").contains(
                            "delete_dependents=true"))
                    .isNotEmpty();

            // an entity edited by hand in Port is not "unchanged": the next resync repairs it
            Entity edited = port.entity("pr", "p4").orElseThrow();
            port.putEntity(new Entity(edited.identifier(), "pr", "edited by hand", null, null, Map.of(), Map.of()),
                    port.datasource("pr", "p4").orElseThrow());
            ResyncOutcome third = resync(app);
            assertThat(port.entity("pr", "p4").orElseThrow().title()).isEqualTo("v1");
            assertThat(third.kind("pr").upserted()).isEqualTo(1);
            assertThat(third.kind("pr").unchanged()).isEqualTo(14);
        });
    }

    @Test
    void aThresholdBreachDeletesNothingAndWarnsWithTheNumbers() {
        serve("issue", pages("i", 1, 10));
        ListAppender<ILoggingEvent> logs = capture();
        OceanTest.run(ocean(cfg -> { }), mapping(0.5), (app, port, client) -> {
            resync(app);
            serve("issue", pages("i", 1, 4));

            ResyncOutcome outcome = resync(app);

            assertThat(ids(port, "issue")).hasSize(10);
            assertThat(outcome.deletion("issue").deleted()).isZero();
            assertThat(outcome.deletion("issue").stale()).isEqualTo(6);
            assertThat(outcome.deletion("issue").skipped()).contains("6 of the 10").contains("0.50");
            assertThat(logs.list).anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).contains("6 of the 10 issue entities")
                        .contains("entityDeletionThreshold");
            });
        });
    }

    @Test
    void aFailingKindBlocksDeletionForItsBlueprintOnly() {
        serve("issue", pages("i", 2, 5));
        serve("pr", pages("p", 2, 5));
        OceanTest.run(ocean(cfg -> { }), mapping(0.9), (app, port, client) -> {
            resync(app);
            List<JsonNode> firstPage = List.of(item("i1", "v2"));
            source.put("issue", () -> Stream.of(0, 1).map(n -> {
                if (n == 1) {
                    throw new IllegalStateException("the issue API answered 500");
                }
                return firstPage;
            }));
            serve("pr", pages("p", 1, 5));

            ResyncOutcome outcome = resync(app);

            assertThat(outcome.status()).isEqualTo(ResyncStatus.FAILED);
            assertThat(outcome.kind("issue").errors()).isEqualTo(1);
            assertThat(outcome.kind("issue").error()).contains("the issue API answered 500");
            assertThat(port.entity("issue", "i1").orElseThrow().title()).isEqualTo("v2");
            assertThat(ids(port, "issue")).hasSize(10);
            assertThat(outcome.deletion("issue").skipped()).contains("issue");
            assertThat(outcome.deletion("pr").deleted()).isEqualTo(5);
            assertThat(ids(port, "pr")).containsExactly("p1", "p2", "p3", "p4", "p5");
        });
    }

    @Test
    void aLiveDeleteDuringAResyncIsNotResurrected() {
        CountDownLatch fetched = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        serve("issue", pages("i", 1, 5));
        OceanTest.run(ocean(cfg -> { }), mapping(0.9), (app, port, client) -> {
            resync(app);
            source.put("issue", () -> blockingSecondPage(List.of(item("i1", "v1"), item("i2", "v1")),
                    List.of(item("i3", "v1"), item("i4", "v1"), item("i5", "v1")), fetched, release));

            var running = app.resync();
            assertThat(fetched.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            app.unregisterRaw("issue", List.of(item("i3", "v1")));
            release.countDown();
            ResyncOutcome outcome = running.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

            assertThat(port.entity("issue", "i3")).isEmpty();
            assertThat(outcome.kind("issue").superseded()).isEqualTo(1);
            assertThat(ids(port, "issue")).containsExactly("i1", "i2", "i4", "i5");
        });
    }

    @Test
    void aLiveUpsertDuringAResyncIsNeitherDeletedNorOverwrittenByAnOlderSnapshot() {
        CountDownLatch fetched = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        serve("issue", pages("i", 1, 5));
        OceanTest.run(ocean(cfg -> { }), mapping(0.9), (app, port, client) -> {
            resync(app);
            // i4 and i5 are gone from the service's listing; i5 is upserted live during the resync
            source.put("issue", () -> blockingSecondPage(List.of(item("i1", "v1"), item("i2", "v1")),
                    List.of(item("i3", "old snapshot")), fetched, release));

            var running = app.resync();
            assertThat(fetched.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            app.registerRaw("issue", List.of(item("i3", "live"), item("i5", "live"), item("i9", "live")));
            release.countDown();
            ResyncOutcome outcome = running.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

            assertThat(outcome.status()).isEqualTo(ResyncStatus.COMPLETED);
            assertThat(port.entity("issue", "i3").orElseThrow().title()).isEqualTo("live");
            assertThat(port.entity("issue", "i5").orElseThrow().title()).isEqualTo("live");
            assertThat(port.entity("issue", "i9")).isPresent();
            assertThat(ids(port, "issue")).containsExactly("i1", "i2", "i3", "i5", "i9");
            assertThat(outcome.deletion("issue").deleted()).isEqualTo(1);
        });
    }

    /** A listing whose second page is read from the service, then waits for the test before it is yielded. */
    private static Stream<List<JsonNode>> blockingSecondPage(List<JsonNode> first, List<JsonNode> second,
                                                             CountDownLatch fetched, CountDownLatch release) {
        return Stream.of(0, 1).map(n -> {
            if (n == 0) {
                return first;
            }
            List<JsonNode> snapshot = List.copyOf(second);
            fetched.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return snapshot;
        });
    }

    @Test
    void aSecondTriggerDuringARunCoalescesAndAThirdAddsNoRun() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Ocean ocean = Ocean.create(Map.of(), cfg -> {
            cfg.resync.onStart = false;
            cfg.resync.pollIntervalSeconds = 0;
        });
        ocean.onResync("issue", kind -> {
            if (runs.incrementAndGet() == 1) {
                entered.countDown();
                release.await();
            }
            return Stream.of(List.of(item("i1", "v1")));
        });
        OceanTest.run(ocean, mapping(0.9), (app, port, client) -> {
            var first = app.resync();
            assertThat(entered.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            var second = app.resync();
            var third = app.resync();
            release.countDown();

            ResyncOutcome a = first.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            ResyncOutcome b = second.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            ResyncOutcome c = third.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

            assertThat(runs.get()).isEqualTo(2);
            assertThat(b).isSameAs(c).isNotSameAs(a);
            assertThat(b.startedAt()).isAfterOrEqualTo(a.endedAt());
            assertThat(app.resync().get(DEADLINE.toSeconds(), TimeUnit.SECONDS).status())
                    .isEqualTo(ResyncStatus.COMPLETED);
            assertThat(runs.get()).isEqualTo(3);
        });
    }

    @Test
    void statePatchesAreReportedInOrderWithTheScheduleAndPortsIntervalField() {
        serve("issue", pages("i", 1, 2));
        OceanTest.run(ocean(cfg -> cfg.resync.intervalMinutes = 60), mapping(0.9), (app, port, client) -> {
            Instant before = Instant.now();
            resync(app);
            source.put("issue", () -> {
                throw new IllegalStateException("down");
            });
            resync(app);

            List<JsonNode> states = port.resyncStates();
            assertThat(states).extracting(s -> s.path("status").asText())
                    .containsExactly("running", "completed", "running", "failed");
            JsonNode running = states.get(0);
            JsonNode completed = states.get(1);
            assertThat(running.path("lastResyncEnd").isNull()).isTrue();
            assertThat(Instant.parse(running.path("lastResyncStart").asText())).isAfterOrEqualTo(before.minusSeconds(1));
            assertThat(running.path("intervalInMinuets").asInt()).isEqualTo(60);
            assertThat(Instant.parse(running.path("nextResync").asText())).isAfter(Instant.now())
                    .isBefore(Instant.now().plus(Duration.ofMinutes(61)));
            assertThat(Instant.parse(completed.path("lastResyncEnd").asText()))
                    .isAfterOrEqualTo(Instant.parse(completed.path("lastResyncStart").asText()));
            assertThat(port.integration().orElseThrow().path("resyncState").path("status").asText()).isEqualTo("failed");
        });
    }

    @Test
    void aStopDuringAResyncFinishesTheCurrentBatchReportsAbortedAndDeletesNothing() throws Exception {
        CountDownLatch fetched = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        serve("issue", pages("i", 1, 5));
        try (FakePort port = FakePort.start().withPortAppConfig(mapping(0.9))) {
            Ocean app = ocean(cfg -> { });
            OceanTest.prepare(app.config(), port);
            app.start();
            try {
                resync(app);
                source.put("issue", () -> Stream.concat(blockingSecondPage(List.of(item("i1", "v2")),
                        List.of(item("i2", "v2")), fetched, release), Stream.of(List.of(item("i3", "never")))));
                var running = app.resync();
                assertThat(fetched.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
                var queued = app.resync();
                Thread stopper = new Thread(app::stop);
                stopper.start();
                assertThat(queued.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(ResyncStatus.ABORTED);
                release.countDown();
                ResyncOutcome outcome = running.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                stopper.join(DEADLINE.toMillis());

                assertThat(outcome.status()).isEqualTo(ResyncStatus.ABORTED);
                assertThat(port.entity("issue", "i2").orElseThrow().title()).isEqualTo("v2");
                assertThat(port.entity("issue", "i3").orElseThrow().title()).isEqualTo("v1");
                assertThat(ids(port, "issue")).hasSize(5);
                assertThat(port.resyncStates()).last().satisfies(s ->
                        assertThat(s.path("status").asText()).isEqualTo("aborted"));
            } finally {
                app.stop();
            }
        }
    }

    @Test
    void aResyncRunsAtStartAfterTheOnStartCallbacks() {
        List<String> order = new CopyOnWriteArrayList<>();
        Ocean ocean = Ocean.create(Map.of("OCEAN__RESYNC__POLL_INTERVAL_SECONDS", "0"), cfg -> { });
        ocean.onStart(() -> order.add("onStart"));
        ocean.onResyncStart(() -> order.add("resyncStart"));
        ocean.onResync("issue", kind -> {
            order.add("resync " + kind);
            return Stream.of(List.of(item("i1", "v1")));
        });
        ocean.onResyncComplete(() -> order.add("resyncComplete"));
        OceanTest.run(ocean, mapping(0.9), (app, port, client) -> {
            await("the start resync completed", () -> order.contains("resyncComplete"));
            assertThat(order).containsExactly("onStart", "resyncStart", "resync issue", "resyncComplete");
            assertThat(port.entity("issue", "i1")).isPresent();
        });
    }

    @Test
    void portAskingForAResyncTriggersOneAndOurOwnStateReportsDoNot() {
        AtomicInteger runs = new AtomicInteger();
        Ocean ocean = Ocean.create(Map.of(), cfg -> cfg.resync.pollIntervalSeconds = 1);
        ocean.onResync("issue", kind -> {
            runs.incrementAndGet();
            return Stream.of(List.of(item("i1", "v1")));
        });
        OceanTest.run(ocean, mapping(0.9), (app, port, client) -> {
            await("the start resync reported completed", () -> port.resyncStates().size() == 2);
            // several polls see the updatedAt our own reports caused: none of them is a request
            int polls = pollsOf(port) + 3;
            await("three more polls", () -> pollsOf(port) >= polls);
            assertThat(runs.get()).isEqualTo(1);

            port.requestResync();

            await("Port's request ran a second resync", () -> port.resyncStates().size() == 4);
            assertThat(runs.get()).isEqualTo(2);
        });
    }

    private static int pollsOf(FakePort port) {
        return (int) port.requests().stream().filter(r -> r.method().equals("GET")
                && r.url().startsWith("/v1/integration/")).count();
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger("io.ocean")).addAppender(appender);
        return appender;
    }
}
