package io.ocean.webhook.internal.console;

import java.util.Arrays;

/**
 * The recent payloads, copied one after another into one byte array allocated once, wrapping around: the newest
 * overwrite the oldest. Keeping a payload allocates nothing that outlives the request, so the console adds no
 * long-lived garbage for the collector to promote and sweep; a payload is read back only while it is intact.
 */
final class PayloadArena {

    private final byte[] bytes;
    private long written;

    PayloadArena(int capacity) {
        this.bytes = new byte[capacity];
    }

    /** Whether a payload of this size can be kept at all. */
    boolean fits(int length) {
        return length <= bytes.length;
    }

    /** Copies the payload in; returns where it starts (an absolute position), or -1 when it cannot fit. */
    synchronized long put(byte[] raw) {
        if (raw.length > bytes.length || bytes.length == 0) {
            return -1;
        }
        int at = (int) (written % bytes.length);
        if (at + raw.length > bytes.length) {
            // never split a payload: skip the tail end and start again at the front
            written += bytes.length - at;
            at = 0;
        }
        System.arraycopy(raw, 0, bytes, at, raw.length);
        long start = written;
        written += raw.length;
        return start;
    }

    /** A copy of the payload put at {@code start}, or null when newer payloads have overwritten it. */
    synchronized byte[] get(long start, int length) {
        if (start < 0 || written - start > bytes.length) {
            return null;
        }
        int at = (int) (start % bytes.length);
        return Arrays.copyOfRange(bytes, at, at + length);
    }

    /** The bytes of payloads held, at most the capacity. */
    synchronized long held() {
        return Math.min(written, bytes.length);
    }

    int capacity() {
        return bytes.length;
    }
}
