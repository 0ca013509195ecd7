package io.ocean.webhook;

import io.ocean.core.EventResultsHandler;
import io.ocean.core.ResourceRawResults;
import io.ocean.core.WebhookEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Captures what reaches the results seam. */
final class Results implements EventResultsHandler {

    /** One call of the seam. */
    record Delivery(WebhookEvent event, List<ResourceRawResults> results) {
    }

    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    @Override
    public void handle(WebhookEvent event, List<ResourceRawResults> results) {
        deliveries.add(new Delivery(event, results));
    }

    Delivery only() {
        if (deliveries.size() != 1) {
            throw new AssertionError("expected one delivery, got " + deliveries.size());
        }
        return deliveries.get(0);
    }
}
