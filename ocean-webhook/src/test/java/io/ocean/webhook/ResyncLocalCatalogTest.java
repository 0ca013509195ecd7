package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.Entity;
import io.ocean.core.OceanException;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Without Port credentials a resync writes the local catalog and prunes its file; the resync settings. */
class ResyncLocalCatalogTest {

    private static final PortAppConfig ISSUES = PortAppConfig.fromYaml("""
            resources:
              - kind: issue
                port:
                  entity:
                    mappings:
                      identifier: .id
                      title: .title
                      blueprint: '"issue"'
            """);

    private final Path stateDir = TestOceans.tempDir();
    private final AtomicReference<List<JsonNode>> listing = new AtomicReference<>(List.of());
    private Ocean ocean;

    @AfterEach
    void stop() {
        if (ocean != null) {
            ocean.stop();
        }
    }

    private static List<JsonNode> items(int... ids) {
        return IntStream.of(ids).mapToObj(i -> (JsonNode) Json.MAPPER.createObjectNode().put("id", "i" + i)
                .put("title", "issue " + i)).toList();
    }

    private Ocean start() {
        ocean = TestOceans.create(cfg -> {
            cfg.webhooks.stateDir = stateDir;
            cfg.localCatalog.file = stateDir.resolve("entities.jsonl");
            cfg.portAppConfig(ISSUES);
            cfg.resync.onStart = false;
        });
        // two pages: the first two items, then the rest
        ocean.onResync("issue", kind -> Stream.of(listing.get().subList(0, Math.min(2, listing.get().size())),
                listing.get().subList(Math.min(2, listing.get().size()), listing.get().size())));
        return ocean.start();
    }

    @Test
    void aResyncWritesTheLocalCatalogThenPrunesWhatNoLongerExistsFromItsFile() throws Exception {
        start();
        listing.set(items(1, 2, 3, 4, 5));
        ResyncOutcome first = ocean.resync().get(20, TimeUnit.SECONDS);
        assertThat(first.status()).isEqualTo(ResyncStatus.COMPLETED);
        assertThat(ocean.localCatalog().entities()).extracting(Entity::identifierText)
                .containsExactly("i1", "i2", "i3", "i4", "i5");

        listing.set(items(1, 3, 5));
        ResyncOutcome second = ocean.resync().get(20, TimeUnit.SECONDS);

        assertThat(second.deletion("issue").deleted()).isEqualTo(2);
        assertThat(second.kind("issue").unchanged()).isEqualTo(3);
        assertThat(second.kind("issue").upserted()).isZero();
        assertThat(ocean.localCatalog().entities()).extracting(Entity::identifierText)
                .containsExactly("i1", "i3", "i5");
        List<String> lines = Files.readAllLines(stateDir.resolve("entities.jsonl"));
        assertThat(lines).hasSize(3).noneMatch(line -> line.contains("\"i2\"") || line.contains("\"i4\""))
                .allMatch(line -> line.contains("\"op\":\"upsert\""));
    }

    @Test
    void perKindMetricsGoToTheRegistry() throws Exception {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        ocean = TestOceans.create(cfg -> {
            cfg.portAppConfig(ISSUES);
            cfg.resync.onStart = false;
            cfg.metrics.registry(registry);
        });
        ocean.onResync("issue", kind -> Stream.of(listing.get()));
        ocean.start();
        listing.set(items(1, 2, 3));
        ocean.resync().get(20, TimeUnit.SECONDS);
        listing.set(items(1, 2));
        ocean.resync().get(20, TimeUnit.SECONDS);

        assertThat(registry.counter("ocean.resync.runs", "status", "completed").count()).isEqualTo(2);
        assertThat(registry.counter("ocean.resync.items", "kind", "issue").count()).isEqualTo(5);
        assertThat(registry.counter("ocean.resync.entities", "kind", "issue", "result", "upserted").count())
                .isEqualTo(3);
        assertThat(registry.counter("ocean.resync.entities", "kind", "issue", "result", "unchanged").count())
                .isEqualTo(2);
        assertThat(registry.counter("ocean.resync.entities", "kind", "issue", "result", "deleted").count())
                .isEqualTo(1);
        assertThat(registry.timer("ocean.resync.kind.duration", "kind", "issue").count()).isEqualTo(2);
    }

    private static final PortAppConfig ISSUES_AND_PRS = PortAppConfig.fromYaml("""
            resources:
              - kind: issue
                port:
                  entity:
                    mappings:
                      identifier: .id
                      blueprint: '"issue"'
              - kind: pr
                port:
                  entity:
                    mappings:
                      identifier: .id
                      blueprint: '"pr"'
              - kind: label
                port:
                  entity:
                    mappings:
                      identifier: .id
                      blueprint: '"label"'
            """);

    @Test
    void severalHandlersOfAKindRunInTurnTheCatchAllGetsItsKindAndAKindWithoutHandlerKeepsItsEntities()
            throws Exception {
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        ocean = TestOceans.create(cfg -> {
            cfg.portAppConfig(ISSUES_AND_PRS);
            cfg.resync.onStart = false;
        });
        ocean.onResync("issue", kind -> {
            calls.add("issue#1");
            return Stream.of(items(1));
        });
        ocean.onResync("issue", kind -> {
            calls.add("issue#2");
            return Stream.of(items(2));
        });
        ocean.start();
        ocean.registerRaw("label", items(7));

        ResyncOutcome outcome = ocean.resync().get(20, TimeUnit.SECONDS);

        assertThat(calls).containsExactly("issue#1", "issue#2");
        assertThat(outcome.kind("issue").items()).isEqualTo(2);
        assertThat(outcome.kind("label").error()).contains("no onResync handler");
        assertThat(outcome.deletion("label").deleted()).isZero();
        assertThat(outcome.deletion("label").skipped()).contains("label");
        assertThat(ocean.localCatalog().entity("label", "i7")).isPresent();
        assertThat(outcome.status()).isEqualTo(ResyncStatus.COMPLETED);
    }

    @Test
    void theCatchAllHandlerServesEveryKindWithoutItsOwn() throws Exception {
        List<String> kinds = new java.util.concurrent.CopyOnWriteArrayList<>();
        ocean = TestOceans.create(cfg -> {
            cfg.portAppConfig(ISSUES_AND_PRS);
            cfg.resync.onStart = false;
        });
        ocean.onResync("issue", kind -> Stream.of(items(1)));
        ocean.onResync(kind -> {
            kinds.add(kind);
            return Stream.of(items(2));
        });
        ocean.start();

        ocean.resync().get(20, TimeUnit.SECONDS);

        assertThat(kinds).containsExactly("pr", "label");
        assertThat(ocean.localCatalog().entity("pr", "i2")).isPresent();
        assertThat(ocean.localCatalog().entity("label", "i2")).isPresent();
    }

    @Test
    void aFailedResyncSkipsTheCompleteHooksAndAFailingStartHookRunsNoKind() throws Exception {
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean failStart = new java.util.concurrent.atomic.AtomicBoolean();
        ocean = TestOceans.create(cfg -> {
            cfg.portAppConfig(ISSUES);
            cfg.resync.onStart = false;
        });
        ocean.onResyncStart(() -> {
            if (failStart.get()) {
                throw new IllegalStateException("no token");
            }
        });
        ocean.onResync("issue", kind -> {
            calls.add("issue");
            throw new java.io.IOException("the API is down");
        });
        ocean.onResyncComplete(() -> calls.add("complete"));
        ocean.start();

        ResyncOutcome failed = ocean.resync().get(20, TimeUnit.SECONDS);
        failStart.set(true);
        ResyncOutcome notStarted = ocean.resync().get(20, TimeUnit.SECONDS);

        assertThat(failed.status()).isEqualTo(ResyncStatus.FAILED);
        assertThat(failed.kind("issue").error()).contains("the API is down");
        assertThat(notStarted.status()).isEqualTo(ResyncStatus.FAILED);
        assertThat(notStarted.kinds()).isEmpty();
        assertThat(notStarted.errors()).singleElement().asString().contains("no token");
        assertThat(calls).containsExactly("issue");
    }

    @Test
    void aMappingErrorBlocksDeletionOfItsBlueprint() throws Exception {
        ocean = TestOceans.create(cfg -> {
            cfg.portAppConfig(PortAppConfig.fromYaml("""
                    resources:
                      - kind: issue
                        port:
                          entity:
                            mappings:
                              identifier: .id
                              title: .title | ascii_downcase
                              blueprint: '"issue"'
                    """));
            cfg.resync.onStart = false;
        });
        ocean.onResync("issue", kind -> Stream.of(listing.get()));
        ocean.start();
        listing.set(items(1, 2, 3));
        ocean.resync().get(20, TimeUnit.SECONDS);
        listing.set(List.of(items(1).get(0), Json.MAPPER.createObjectNode().put("id", "i2").put("title", 42)));

        ResyncOutcome outcome = ocean.resync().get(20, TimeUnit.SECONDS);

        assertThat(outcome.kind("issue").errors()).isPositive();
        assertThat(outcome.deletion("issue").deleted()).isZero();
        assertThat(ocean.localCatalog().entity("issue", "i3")).isPresent();
    }

    @Test
    void withoutAnyHandlerAResyncIsSkippedAndNothingIsDeleted() throws Exception {
        ocean = TestOceans.create(cfg -> cfg.portAppConfig(ISSUES));
        ocean.start();
        ocean.registerRaw("issue", items(1));

        ResyncOutcome outcome = ocean.resync().get(20, TimeUnit.SECONDS);

        assertThat(outcome.status()).isEqualTo(ResyncStatus.SKIPPED);
        assertThat(ocean.localCatalog().size()).isEqualTo(1);
    }

    @Test
    void resyncSettingsComeFromVariablesIncludingThePythonName() {
        OceanConfig python = Ocean.create(Map.of("OCEAN__SCHEDULED_RESYNC_INTERVAL", "15"), cfg -> { }).config();
        OceanConfig ours = Ocean.create(Map.of("OCEAN__RESYNC__INTERVAL_MINUTES", "30",
                "OCEAN__SCHEDULED_RESYNC_INTERVAL", "15", "OCEAN__RESYNC__ON_START", "false"), cfg -> { }).config();

        assertThat(python.resync.intervalMinutes).isEqualTo(15);
        assertThat(python.resync.onStart).isTrue();
        assertThat(ours.resync.intervalMinutes).isEqualTo(30);
        assertThat(ours.resync.onStart).isFalse();
        assertThat(Ocean.create(Map.of(), cfg -> { }).config().resync.intervalMinutes).isNull();
    }

    @Test
    void badResyncSettingsFailNamingTheField() {
        assertThatThrownBy(() -> Ocean.create(Map.of("OCEAN__RESYNC__INTERVAL_MINUTES", "0"), cfg -> { }))
                .isInstanceOf(OceanException.class).hasMessageContaining("resync.intervalMinutes must be > 0");
        assertThatThrownBy(() -> Ocean.create(Map.of("OCEAN__RESYNC__INTERVAL_MINUTES", "hourly"), cfg -> { }))
                .isInstanceOf(OceanException.class).hasMessageContaining("OCEAN__RESYNC__INTERVAL_MINUTES");
        assertThatThrownBy(() -> Ocean.create(cfg -> cfg.resync.pollIntervalSeconds = -1))
                .isInstanceOf(OceanException.class).hasMessageContaining("resync.pollIntervalSeconds");
    }

    @Test
    void handlersAreRegisteredBeforeStartAndResyncNeedsAStartedOcean() {
        ocean = TestOceans.create(cfg -> cfg.portAppConfig(ISSUES));
        assertThatThrownBy(() -> ocean.resync()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("started");
        ocean.start();
        assertThatThrownBy(() -> ocean.onResync("issue", kind -> Stream.empty()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before start()");
    }
}
