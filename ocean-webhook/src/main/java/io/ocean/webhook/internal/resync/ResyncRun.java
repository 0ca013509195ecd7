package io.ocean.webhook.internal.resync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.Entity;
import io.ocean.core.EntityChanges;
import io.ocean.core.EntityRef;
import io.ocean.core.ThrowingRunnable;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.config.ResourceConfig;
import io.ocean.core.internal.Json;
import io.ocean.core.internal.RefusedEntitiesException;
import io.ocean.jq.JqEntityMapper;
import io.ocean.jq.MappingResult;
import io.ocean.webhook.ResyncDeletion;
import io.ocean.webhook.ResyncHandler;
import io.ocean.webhook.ResyncKindStats;
import io.ocean.webhook.ResyncOutcome;
import io.ocean.webhook.ResyncStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One resync, from the fresh config to the last state report. Runs on the resync thread; batches are applied through
 * the {@link LiveChangeGuard} with a few in flight while the handler fetches the next one.
 */
final class ResyncRun {

    private static final Logger log = LoggerFactory.getLogger(ResyncRun.class);
    private static final Pattern CONSTANT = Pattern.compile("\\s*\"([^\"\\\\]+)\"\\s*");

    /** What every run shares. */
    record Setup(ResyncTarget target, LiveChangeGuard guard, JqEntityMapper jq,
                 Map<String, List<ResyncHandler>> byKind, List<ResyncHandler> anyKind,
                 List<ThrowingRunnable> startHooks, List<ThrowingRunnable> completeHooks, int batchesInFlight,
                 ResyncSchedule schedule, BooleanSupplier aborting, Clock clock, ResyncMetrics metrics,
                 Set<String> liveOnly, Set<String> partial) {
    }

    private final Setup setup;
    private final String trigger;
    private final List<String> errors = new ArrayList<>();
    private final List<KindCounters> kinds = new ArrayList<>();
    private final List<ResyncDeletion> deletions = new ArrayList<>();

    ResyncRun(Setup setup, String trigger) {
        this.setup = setup;
        this.trigger = trigger;
    }

    ResyncOutcome run() {
        String traceId = "resync-" + UUID.randomUUID();
        MDC.put("traceId", traceId);
        Instant started = setup.clock().instant();
        long start = setup.guard().beginResync();
        try {
            setup.target().report(state("running", started, null));
            log.info("resync started ({})", trigger);
            ResyncStatus status = execute(start);
            Instant ended = setup.clock().instant();
            setup.target().report(state(status.name().toLowerCase(java.util.Locale.ROOT), started, ended));
            ResyncOutcome outcome = new ResyncOutcome(status, trigger, started, ended,
                    kinds.stream().map(KindCounters::stats).toList(), deletions, errors);
            outcome.kinds().forEach(ResyncRun::summary);
            setup.metrics().record(outcome);
            log.info("resync {} in {} ms: {} kind(s), {} stale entit(ies) deleted{}", status.name().toLowerCase(
                    java.util.Locale.ROOT), ended.toEpochMilli() - started.toEpochMilli(), kinds.size(),
                    outcome.deleted(), errors.isEmpty() ? "" : "; errors: " + String.join("; ", errors));
            return outcome;
        } finally {
            setup.guard().endResync();
            MDC.remove("traceId");
        }
    }

    private ResyncStatus execute(long start) {
        PortAppConfig config;
        try {
            config = setup.target().freshConfig();
        } catch (Exception e) {
            errors.add("cannot read the port app config: " + e.getMessage());
            return ResyncStatus.FAILED;
        }
        for (ThrowingRunnable hook : setup.startHooks()) {
            try {
                hook.run();
            } catch (Exception e) {
                log.error("an onResyncStart hook failed; the resync stops before any kind", e);
                errors.add("onResyncStart failed: " + e);
                return ResyncStatus.FAILED;
            }
        }
        StaleEntities stale = ownedBefore();
        for (String kind : new LinkedHashSet<>(config.resources().stream().map(ResourceConfig::kind).toList())) {
            if (setup.aborting().getAsBoolean()) {
                break;
            }
            kinds.add(runKind(kind, config.resourcesOfKind(kind), config, stale));
        }
        if (setup.aborting().getAsBoolean()) {
            log.warn("resync aborted: the integration is stopping; nothing is deleted");
            return ResyncStatus.ABORTED;
        }
        if (stale != null) {
            deleteStale(stale, config, start);
        }
        boolean failed = !errors.isEmpty() || kinds.stream().anyMatch(k -> k.errors.get() > 0);
        if (failed) {
            return ResyncStatus.FAILED;
        }
        for (ThrowingRunnable hook : setup.completeHooks()) {
            try {
                hook.run();
            } catch (Exception e) {
                log.error("an onResyncComplete hook failed", e);
                errors.add("onResyncComplete failed: " + e);
                return ResyncStatus.FAILED;
            }
        }
        return ResyncStatus.COMPLETED;
    }

    private StaleEntities ownedBefore() {
        try {
            List<EntityRef> owned = setup.target().owned();
            return owned == null ? null : new StaleEntities(owned);
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null
                    ? e.getCause() : e;
            errors.add("cannot list the entities this integration owns, so none is deleted: " + cause.getMessage());
            log.error("cannot list the entities this integration owns; stale entities stay", cause);
            return null;
        }
    }

    private KindCounters runKind(String kind, List<ResourceConfig> resources, PortAppConfig config,
                                 StaleEntities stale) {
        KindCounters counters = new KindCounters(kind);
        for (ResourceConfig resource : resources) {
            Matcher constant = CONSTANT.matcher(resource.port().entity().mappings().blueprint());
            if (stale != null && constant.matches()) {
                stale.associate(kind, constant.group(1));
            }
        }
        List<ResyncHandler> handlers = setup.byKind().getOrDefault(kind, setup.anyKind());
        if (setup.liveOnly().contains(kind) && !setup.byKind().containsKey(kind)) {
            // only live events bring this kind: no listing to run, and none of its entities is stale
            counters.notSynced("live-only kind: refreshed by live events, never listed");
            log.debug("resync: kind {} is live-only; its entities are neither listed nor deleted", kind);
            handlers = List.of();
        } else if (handlers.isEmpty()) {
            counters.notSynced("no onResync handler for kind " + kind);
            log.warn("resync: no onResync handler for kind {}; its entities are neither refreshed nor deleted "
                    + "(ocean.liveOnly(\"{}\") marks a kind that only live events bring)", kind, kind);
        }
        Deque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
        for (ResyncHandler handler : handlers) {
            if (handler instanceof PerResourceHandler perResource) {
                for (ResourceConfig resource : resources) {
                    if (setup.aborting().getAsBoolean()) {
                        break;
                    }
                    consume(kind, () -> perResource.resync(resource), counters, List.of(resource), config, stale,
                            inFlight);
                }
            } else {
                if (setup.aborting().getAsBoolean()) {
                    break;
                }
                consume(kind, () -> handler.resync(kind), counters, resources, config, stale, inFlight);
            }
        }
        inFlight.forEach(CompletableFuture::join);
        counters.end();
        return counters;
    }

    /** What yields one listing's batches. */
    @FunctionalInterface
    private interface Listing {
        Stream<List<JsonNode>> open() throws Exception;
    }

    /** Pulls one listing's batches and applies each, with a few in flight; a failure fails the kind, not the run. */
    private void consume(String kind, Listing listing, KindCounters counters, List<ResourceConfig> resources,
                         PortAppConfig config, StaleEntities stale, Deque<CompletableFuture<Void>> inFlight) {
        try (Stream<List<JsonNode>> batches = listing.open()) {
            Iterator<List<JsonNode>> iterator = batches.iterator();
            while (!setup.aborting().getAsBoolean()) {
                long stamp = setup.guard().stamp();
                if (!iterator.hasNext()) {
                    break;
                }
                List<JsonNode> items = iterator.next();
                if (items != null && !items.isEmpty()) {
                    inFlight.add(apply(counters, items, resources, config, stale, stamp));
                }
                while (inFlight.size() > setup.batchesInFlight()) {
                    inFlight.poll().join();
                }
            }
        } catch (Exception e) {
            log.error("resync: a handler of kind {} failed; batches already yielded stay applied", kind, e);
            counters.error(1, "handler failed: " + e);
        }
    }

    /** The one summary line of a kind, written when the resync ends (so that it includes the deletions). */
    private static void summary(ResyncKindStats s) {
        log.info("resync kind {}: {} item(s), {} upserted, {} unchanged, {} superseded by live events, {} deleted, "
                        + "{} error(s) in {} ms{}", s.kind(), s.items(), s.upserted(), s.unchanged(), s.superseded(),
                s.deleted(), s.errors(), s.duration().toMillis(), s.error() == null ? "" : "; " + s.error());
    }

    /** Maps a batch with every resource of the kind and hands it to the sink; the stage never fails. */
    private CompletableFuture<Void> apply(KindCounters counters, List<JsonNode> items, List<ResourceConfig> resources,
                                          PortAppConfig config, StaleEntities stale, long stamp) {
        counters.items.addAndGet(items.size());
        List<Entity> selected = new ArrayList<>(items.size());
        for (ResourceConfig resource : resources) {
            MappingResult mapped = setup.jq().map(resource, items);
            if (!mapped.errors().isEmpty()) {
                var first = mapped.errors().get(0);
                counters.error(mapped.errors().size(), "mapping " + first.field() + " (" + first.expression() + "): "
                        + first.message());
            }
            for (Entity entity : mapped.passed()) {
                if (stale != null) {
                    stale.produced(counters.kind, entity);
                }
                selected.add(entity);
            }
        }
        List<Entity> upserts = new ArrayList<>(selected.size());
        java.util.function.Predicate<Entity> unchanged = unchanged(selected, config);
        for (Entity entity : selected) {
            if (unchanged.test(entity)) {
                counters.unchanged.incrementAndGet();
            } else {
                upserts.add(entity);
            }
        }
        LiveChangeGuard.Applied applied = setup.guard().applyResync(new EntityChanges(upserts, List.of()), config,
                stamp);
        counters.superseded.addAndGet(applied.dropped());
        int sent = applied.kept().upserts().size();
        return applied.done().handle((ignored, error) -> {
            if (error == null) {
                counters.upserted.addAndGet(sent);
                return null;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            int refused = cause instanceof RefusedEntitiesException r ? r.count() : sent;
            counters.upserted.addAndGet(sent - refused);
            counters.error(refused, cause.getMessage());
            return null;
        });
    }

    /** The target's view of which entities are unchanged; when it cannot tell, every entity is sent. */
    private java.util.function.Predicate<Entity> unchanged(List<Entity> selected, PortAppConfig config) {
        if (selected.isEmpty()) {
            return entity -> false;
        }
        try {
            return setup.target().unchanged(selected, config);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("resync: cannot compare a batch with the catalog ({}); sending all of it", e.getMessage());
            return entity -> false;
        }
    }

    private void deleteStale(StaleEntities stale, PortAppConfig config, long start) {
        Set<String> failedKinds = new LinkedHashSet<>();
        kinds.stream().filter(k -> !k.succeeded()).forEach(k -> failedKinds.add(k.kind));
        for (String blueprint : stale.blueprints()) {
            int owned = stale.ownedBefore(blueprint);
            List<EntityRef> candidates = stale.notProduced(blueprint).stream()
                    .map(id -> new EntityRef(blueprint, id))
                    .filter(ref -> !setup.guard().changedAfter(ref, start)).toList();
            String declared = declaredKeep(blueprint, stale);
            String blocked = blocked(blueprint, stale, failedKinds);
            if (candidates.isEmpty()) {
                deletions.add(new ResyncDeletion(blueprint, owned, 0, 0, null));
            } else if (declared != null) {
                // what the code declared is no surprise: no WARN at every resync
                log.info("resync: {} unlisted {} entit(ies) kept: {}", candidates.size(), blueprint, declared);
                deletions.add(new ResyncDeletion(blueprint, owned, candidates.size(), 0, declared));
            } else if (blocked != null) {
                log.warn("resync: {} stale {} entit(ies) kept: {}", candidates.size(), blueprint, blocked);
                deletions.add(new ResyncDeletion(blueprint, owned, candidates.size(), 0, blocked));
            } else if ((double) candidates.size() / owned > config.entityDeletionThreshold()) {
                String why = String.format(java.util.Locale.ROOT, "deleting %d of the %d %s entities owned before the "
                        + "resync (%.1f%%) is above entityDeletionThreshold %.2f", candidates.size(), owned, blueprint,
                        100.0 * candidates.size() / owned, config.entityDeletionThreshold());
                log.warn("resync: nothing deleted: {}", why);
                deletions.add(new ResyncDeletion(blueprint, owned, candidates.size(), 0, why));
            } else {
                deletions.add(delete(blueprint, owned, candidates, config, start, stale));
            }
        }
        if (deletions.stream().anyMatch(d -> d.deleted() > 0)) {
            try {
                setup.target().afterDeletion();
            } catch (RuntimeException e) {
                log.error("resync: tidying the catalog after deleting failed", e);
                errors.add("after deleting: " + e.getMessage());
            }
        }
    }

    private ResyncDeletion delete(String blueprint, int owned, List<EntityRef> candidates, PortAppConfig config,
                                  long start, StaleEntities stale) {
        LiveChangeGuard.Applied applied = setup.guard().applyResync(new EntityChanges(List.of(), candidates), config,
                start);
        int deleted = applied.kept().deletes().size();
        try {
            applied.done().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String why = "deleting " + deleted + " stale " + blueprint + " entities failed: " + cause.getMessage();
            log.error("resync: {}", why, cause);
            errors.add(why);
            return new ResyncDeletion(blueprint, owned, candidates.size(), 0, why);
        }
        log.info("resync: deleted {} stale {} entit(ies) of {} owned before", deleted, blueprint, owned);
        kinds.stream().filter(k -> stale.kindsOf(blueprint).contains(k.kind)).findFirst()
                .ifPresent(k -> k.deleted.addAndGet(deleted));
        return new ResyncDeletion(blueprint, owned, candidates.size(), deleted, null);
    }

    /** Why the code declared that the blueprint's stale entities stay (live-only or partial kinds), or null. */
    private String declaredKeep(String blueprint, StaleEntities stale) {
        Set<String> producers = stale.kindsOf(blueprint);
        Set<String> ran = new LinkedHashSet<>();
        kinds.forEach(k -> ran.add(k.kind));
        List<String> partial = setup.partial().stream().filter(ran::contains)
                .filter(kind -> producers.isEmpty() || producers.contains(kind)).sorted().toList();
        List<String> live = setup.liveOnly().stream().filter(producers::contains).sorted().toList();
        if (!live.isEmpty()) {
            return "kind(s) " + live + " are live-only: their entities come from live events, never from a listing";
        }
        if (!partial.isEmpty()) {
            // a partial listing (say, open merge requests only) says nothing about what it did not list
            return "kind(s) " + partial + " list partially, so what they did not list is not stale";
        }
        return null;
    }

    /** Why the blueprint's stale entities must stay, or null when they may go. */
    private String blocked(String blueprint, StaleEntities stale, Set<String> failedKinds) {
        String searched = stale.searchedBy(blueprint);
        if (searched != null) {
            return "kind " + searched + " identifies " + blueprint + " entities by a search";
        }
        Set<String> producers = stale.kindsOf(blueprint);
        if (producers.isEmpty()) {
            return failedKinds.isEmpty() ? null
                    : "no kind is known to produce " + blueprint + " and kind(s) " + failedKinds + " did not finish";
        }
        List<String> failed = producers.stream().filter(failedKinds::contains).sorted().toList();
        return failed.isEmpty() ? null : "kind(s) " + failed + " of this blueprint did not finish without error";
    }

    private ObjectNode state(String status, Instant started, Instant ended) {
        ObjectNode state = Json.MAPPER.createObjectNode().put("status", status)
                .put("lastResyncStart", started.toString());
        if (ended == null) {
            state.putNull("lastResyncEnd");
        } else {
            state.put("lastResyncEnd", ended.toString());
        }
        Instant next = setup.schedule().next();
        if (next == null) {
            state.putNull("nextResync");
        } else {
            state.put("nextResync", next.toString());
        }
        Integer minutes = setup.schedule().minutes();
        if (minutes == null) {
            state.putNull("intervalInMinuets");
        } else {
            state.put("intervalInMinuets", minutes);
        }
        return state;
    }
}
