package io.ocean.webhook;

/**
 * What a resync decided about the stale entities of one blueprint.
 *
 * @param blueprint   the blueprint
 * @param ownedBefore entities of the blueprint this integration owned when the resync started
 * @param stale       owned entities the resync did not produce (live changes during the resync excluded)
 * @param deleted     stale entities deleted
 * @param skipped     why nothing was deleted, or null when the stale entities were deleted
 */
public record ResyncDeletion(String blueprint, long ownedBefore, long stale, long deleted, String skipped) {
}
