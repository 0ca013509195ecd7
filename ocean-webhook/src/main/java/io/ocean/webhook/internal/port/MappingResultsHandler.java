package io.ocean.webhook.internal.port;

import io.ocean.core.EntityChanges;
import io.ocean.core.EntitySink;
import io.ocean.core.EventResultsHandler;
import io.ocean.core.ResourceRawResults;
import io.ocean.core.WebhookEvent;
import io.ocean.core.config.PortAppConfig;
import io.ocean.webhook.internal.console.ConsoleRecorder;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** The default results handler: maps an event's raw results with jq and applies the changes to the entity sink. */
public final class MappingResultsHandler implements EventResultsHandler {

    private final EntityChangeMapper mapper;
    private final EntitySink sink;
    private final Supplier<PortAppConfig> config;
    private final ConsoleRecorder console;

    /** Maps with {@code mapper} and applies to {@code sink} with the current port app config; tells the console. */
    public MappingResultsHandler(EntityChangeMapper mapper, EntitySink sink, Supplier<PortAppConfig> config,
                                 ConsoleRecorder console) {
        this.mapper = mapper;
        this.sink = sink;
        this.config = config;
        this.console = console;
    }

    @Override
    public void handle(WebhookEvent event, List<ResourceRawResults> results) throws Exception {
        handleAsync(event, results).toCompletableFuture().get();
    }

    @Override
    public CompletionStage<Void> handleAsync(WebhookEvent event, List<ResourceRawResults> results) {
        EntityChanges changes;
        try {
            changes = mapper.changes(results);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (changes.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return sink.applyAsync(changes, config.get()).thenRun(() -> console.changed(event.traceId(), changes));
    }
}
