package io.ocean.webhook.internal.run;

import java.util.List;

/**
 * The outcome of routing one event on its path.
 *
 * @param verdict what the sender is told
 * @param passed  the processors that matched and passed both checks (empty unless {@link Verdict#ACCEPTED})
 */
public record RoutingDecision(Verdict verdict, List<MatchedProcessor> passed) {

    /** What routing concluded. */
    public enum Verdict {
        /** At least one processor matched and passed: queue it. */
        ACCEPTED,
        /** No processor matched. */
        IGNORED,
        /** Matches existed, none passed, at least one failed authentication. */
        UNAUTHORIZED,
        /** Matches existed, none passed, all failed validation. */
        INVALID
    }

    /** Copies the list. */
    public RoutingDecision {
        passed = List.copyOf(passed);
    }
}
