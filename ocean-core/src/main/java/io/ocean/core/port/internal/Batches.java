package io.ocean.core.port.internal;

import java.util.ArrayList;
import java.util.List;

/** Splits serialised items into batches of at most {@code maxItems} and at most {@code maxBytes} of JSON array. */
final class Batches {

    private Batches() {
    }

    /** Batches of indexes into {@code sizes}; an item bigger than the limit alone goes in a batch of its own. */
    static List<List<Integer>> of(List<Integer> sizes, int maxItems, long maxBytes, int envelopeBytes) {
        List<List<Integer>> batches = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        long bytes = envelopeBytes;
        for (int i = 0; i < sizes.size(); i++) {
            long added = sizes.get(i) + (current.isEmpty() ? 0 : 1);
            if (!current.isEmpty() && (current.size() >= maxItems || bytes + added > maxBytes)) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = envelopeBytes;
                added = sizes.get(i);
            }
            current.add(i);
            bytes += added;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
