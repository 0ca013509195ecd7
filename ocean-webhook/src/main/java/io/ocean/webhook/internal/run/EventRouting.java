package io.ocean.webhook.internal.run;

import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.WebhookEvent;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes an event among the processors of its path, synchronously, before the sender gets an answer:
 * {@code shouldProcessEvent} on one instance of each, then {@code authenticate} and {@code validatePayload} on
 * each match. Exceptions propagate: the edge answers 500.
 */
public final class EventRouting {

    private static final Logger log = LoggerFactory.getLogger(EventRouting.class);

    private EventRouting() {
    }

    /** Routes the event; the trace id is expected in the MDC already. */
    public static RoutingDecision route(WebhookEvent event, List<ProcessorRegistration> registrations) throws Exception {
        List<MatchedProcessor> matches = new ArrayList<>();
        for (ProcessorRegistration registration : registrations) {
            AbstractWebhookProcessor processor = registration.create(event);
            if (processor.shouldProcessEvent(event)) {
                matches.add(new MatchedProcessor(registration, processor));
            }
        }
        if (matches.isEmpty()) {
            return new RoutingDecision(RoutingDecision.Verdict.IGNORED, List.of());
        }
        List<MatchedProcessor> passed = new ArrayList<>();
        boolean anyUnauthenticated = false;
        for (MatchedProcessor match : matches) {
            AbstractWebhookProcessor processor = match.routingInstance();
            if (!processor.authenticate(event.payload(), event.headers())) {
                anyUnauthenticated = true;
                log.warn("{} rejected the event: authentication failed", match.name());
            } else if (!processor.validatePayload(event.payload())) {
                log.warn("{} rejected the event: payload failed validation", match.name());
            } else {
                passed.add(match);
            }
        }
        if (!passed.isEmpty()) {
            return new RoutingDecision(RoutingDecision.Verdict.ACCEPTED, passed);
        }
        return new RoutingDecision(anyUnauthenticated
                ? RoutingDecision.Verdict.UNAUTHORIZED : RoutingDecision.Verdict.INVALID, List.of());
    }

    /**
     * Routes an event again for a replay or a restart: {@code shouldProcessEvent} and {@code validatePayload}, but
     * not {@code authenticate}, since the event passed it when it was received (and signatures with a timestamp
     * would have expired since). Returns the processors that pass.
     */
    public static List<MatchedProcessor> reroute(WebhookEvent event, List<ProcessorRegistration> registrations)
            throws Exception {
        List<MatchedProcessor> passed = new ArrayList<>();
        for (ProcessorRegistration registration : registrations) {
            AbstractWebhookProcessor processor = registration.create(event);
            if (processor.shouldProcessEvent(event) && processor.validatePayload(event.payload())) {
                passed.add(new MatchedProcessor(registration, processor));
            }
        }
        return passed;
    }
}
