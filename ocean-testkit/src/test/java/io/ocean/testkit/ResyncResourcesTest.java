package io.ocean.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.Entity;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.config.ResourceConfig;
import io.ocean.core.internal.Json;
import io.ocean.webhook.Ocean;
import io.ocean.webhook.ResyncHandler;
import io.ocean.webhook.ResyncOutcome;
import io.ocean.webhook.ResyncStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Resync handlers see the resource config; live-only kinds and partial listings never delete what they do not list. */
class ResyncResourcesTest {

    /** Merge requests listed by the selector's own {@code state} filter; pipelines come only from live events. */
    private static final PortAppConfig MAPPING = PortAppConfig.fromYaml("""
            resources:
              - kind: merge_request
                selector:
                  query: 'true'
                  state: opened
                port:
                  entity:
                    mappings:
                      identifier: .id
                      blueprint: '"mr"'
              - kind: pipeline
                port:
                  entity:
                    mappings:
                      identifier: .id
                      blueprint: '"pipeline"'
            """);

    private static JsonNode item(String id) {
        return Json.MAPPER.createObjectNode().put("id", id);
    }

    private static Ocean ocean() {
        return Ocean.create(Map.of(), cfg -> {
            cfg.resync.onStart = false;
            cfg.resync.pollIntervalSeconds = 0;
        });
    }

    private static ResyncOutcome resync(Ocean app) throws Exception {
        return app.resync().get(60, TimeUnit.SECONDS);
    }

    private static List<String> ids(FakePort port, String blueprint) {
        return port.entities().stream().filter(e -> e.blueprint().equals(blueprint)).map(Entity::identifierText)
                .sorted().toList();
    }

    @Test
    void aPerResourceHandlerReceivesTheKindSelectorAndMapping() {
        List<ResourceConfig> seen = new CopyOnWriteArrayList<>();
        Ocean ocean = ocean();
        ocean.onResync("merge_request", ResyncHandler.forEachResource(resource -> {
            seen.add(resource);
            return Stream.of(List.of(item(resource.selector().extra("state").asText() + "-1")));
        }));
        ocean.liveOnly("pipeline");

        OceanTest.run(ocean, MAPPING, (app, port, client) -> {
            assertThat(resync(app).status()).isEqualTo(ResyncStatus.COMPLETED);

            assertThat(seen).singleElement().satisfies(resource -> {
                assertThat(resource.kind()).isEqualTo("merge_request");
                assertThat(resource.selector().query()).isEqualTo("true");
                assertThat(resource.port().entity().mappings().blueprint()).isEqualTo("\"mr\"");
            });
            assertThat(ids(port, "mr")).containsExactly("opened-1");
        });
    }

    @Test
    void aPartialListingDeletesNothingItDidNotList() {
        Ocean ocean = ocean();
        ocean.onResync("merge_request", kind -> Stream.of(List.of(item("open-1"))));
        // the listing yields open merge requests only; live events keep the closed ones
        ocean.partialListing("merge_request");
        ocean.liveOnly("pipeline");

        OceanTest.run(ocean, MAPPING, (app, port, client) -> {
            for (String id : List.of("open-1", "closed-1", "closed-2")) {
                port.putOwnedEntity(Entity.in("mr", id));
            }

            ResyncOutcome outcome = resync(app);

            assertThat(outcome.status()).isEqualTo(ResyncStatus.COMPLETED);
            assertThat(ids(port, "mr")).containsExactly("closed-1", "closed-2", "open-1");
            assertThat(outcome.deletion("mr").deleted()).isZero();
            assertThat(outcome.deletion("mr").skipped()).contains("list partially");
        });
    }

    @Test
    void withoutThePartialDeclarationTheSameListingDeletesTheUnlisted() {
        Ocean ocean = ocean();
        ocean.onResync("merge_request", kind -> Stream.of(List.of(item("open-1"), item("open-2"), item("open-3"))));
        ocean.liveOnly("pipeline");

        OceanTest.run(ocean, MAPPING, (app, port, client) -> {
            // below entityDeletionThreshold: 1 of the 4 owned is stale
            for (String id : List.of("open-1", "open-2", "open-3", "closed-1")) {
                port.putOwnedEntity(Entity.in("mr", id));
            }

            assertThat(resync(app).deletion("mr").deleted()).isEqualTo(1);
            assertThat(ids(port, "mr")).containsExactly("open-1", "open-2", "open-3");
        });
    }

    @Test
    void aLiveOnlyKindIsNotWarnedAboutAndItsEntitiesStay() {
        Logger logger = (Logger) LoggerFactory.getLogger("io.ocean.webhook.internal.resync.ResyncRun");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Ocean ocean = ocean();
        ocean.onResync("merge_request", kind -> Stream.of(List.of(item("open-1"))));
        ocean.liveOnly("pipeline");
        try {
            OceanTest.run(ocean, MAPPING, (app, port, client) -> {
                port.putOwnedEntity(Entity.in("pipeline", "p-1"));

                ResyncOutcome outcome = resync(app);

                assertThat(outcome.status()).isEqualTo(ResyncStatus.COMPLETED);
                assertThat(ids(port, "pipeline")).containsExactly("p-1");
                assertThat(outcome.kind("pipeline").error()).contains("live-only");
            });
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .noneMatch(e -> e.getFormattedMessage().contains("pipeline"));
    }
}
