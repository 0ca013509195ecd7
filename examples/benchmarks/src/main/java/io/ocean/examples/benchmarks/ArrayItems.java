package io.ocean.examples.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a JSON array into the bytes of its items without parsing them: a byte scanner that tracks only strings,
 * escapes and nesting depth, so the parsing itself (the costly part) can run on every core. Items are handed over in
 * batches: one byte array and the end offset of each item in it.
 */
final class ArrayItems {

    /** A batch of items: item {@code i} is {@code bytes[ends[i-1] .. ends[i])} (from 0 for the first). */
    record Batch(byte[] bytes, int[] ends, int count) {
        int start(int i) {
            return i == 0 ? 0 : ends[i - 1];
        }
    }

    private final int batchSize;
    private final Consumer<Batch> sink;
    private byte[] bytes = new byte[1 << 20];
    private int length;
    private int[] ends;
    private int count;

    ArrayItems(int batchSize, Consumer<Batch> sink) {
        this.batchSize = batchSize;
        this.sink = sink;
        this.ends = new int[batchSize];
    }

    /** Reads the whole stream, a JSON array of objects or arrays, and hands over every batch (the last may be short). */
    void read(InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 16];
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        boolean started = false;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            int itemFrom = depth >= 2 ? 0 : -1;   // where the part of the current item in this buffer starts
            for (int i = 0; i < n; i++) {
                if (inString) {
                    if (escaped) {
                        escaped = false;
                        continue;
                    }
                    // most of the bytes are inside strings: skip to the next quote or backslash in a tight loop
                    while (i < n && buffer[i] != '"' && buffer[i] != '\\') {
                        i++;
                    }
                    if (i == n) {
                        break;
                    }
                    if (buffer[i] == '\\') {
                        escaped = true;
                    } else {
                        inString = false;
                    }
                    continue;
                }
                byte b = buffer[i];
                if (b == '"') {
                    if (depth < 2) {
                        throw new IOException("only objects and arrays are supported as items");
                    }
                    inString = true;
                } else if (b == '{' || b == '[') {
                    depth++;
                    if (depth == 1) {
                        if (b != '[' || started) {
                            throw new IOException("not a JSON array");
                        }
                        started = true;
                    } else if (depth == 2) {
                        itemFrom = i;
                    }
                } else if (b == '}' || b == ']') {
                    depth--;
                    if (depth == 1) {
                        append(buffer, itemFrom, i + 1 - itemFrom);
                        itemFrom = -1;
                        endItem();
                    }
                } else if (depth == 1 && b != ',' && b > ' ') {
                    throw new IOException("only objects and arrays are supported as items");
                }
            }
            if (itemFrom >= 0) {
                append(buffer, itemFrom, n - itemFrom);
            }
        }
        if (depth != 0 || inString || !started) {
            throw new IOException("truncated JSON array");
        }
        if (count > 0) {
            flush();
        }
    }

    private void append(byte[] from, int offset, int size) {
        if (length + size > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + size));
        }
        System.arraycopy(from, offset, bytes, length, size);
        length += size;
    }

    private void endItem() {
        ends[count++] = length;
        if (count == batchSize) {
            flush();
        }
    }

    private void flush() {
        sink.accept(new Batch(Arrays.copyOf(bytes, length), ends, count));
        length = 0;
        ends = new int[batchSize];
        count = 0;
    }
}
