package io.ocean.webhook.store;

import java.util.List;

/**
 * One page of an {@link EventQuery}, newest first.
 *
 * @param events       the events of the page
 * @param nextBeforeId the {@link EventQuery#beforeId()} of the next page; 0 when this page is the last
 */
public record EventPage(List<EventSummary> events, long nextBeforeId) {

    /** Copies the list. */
    public EventPage {
        events = List.copyOf(events);
    }

    /** The page of {@code matching} (newest first, already filtered, at most limit + 1 of them) for {@code query}. */
    public static EventPage of(List<EventSummary> matching, EventQuery query) {
        if (matching.size() <= query.limit()) {
            return new EventPage(matching, 0);
        }
        List<EventSummary> page = matching.subList(0, query.limit());
        return new EventPage(page, page.get(page.size() - 1).id());
    }
}
