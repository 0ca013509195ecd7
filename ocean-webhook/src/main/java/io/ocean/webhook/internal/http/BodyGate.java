package io.ocean.webhook.internal.http;

import io.ocean.core.WebhookEvent;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Reads every request body whole, without holding a thread while it waits for the network, before the request
 * reaches Javalin; the routes then read it from memory. A blocking read would hold one of Jetty's threads per slow
 * sender: 300 senders trickling one byte every 10 s held them all and a real delivery waited 50 s.
 *
 * <p>A body that arrives whole (a webhook of a few KiB sent with its headers) passes straight through. A body that
 * must wait for more data is cut off with 408 once it is older than {@link Limits#bodyReadTimeoutMillis} or slower,
 * after its first second, than {@link Limits#minBytesPerSecond}; and once it is older than a second or larger than
 * 64 KiB it needs one of {@link Limits#maxConcurrentReads} slots, or is answered 503 with {@code Retry-After} at
 * once. The slots bound the memory slow bodies hold; the free first second keeps a delivery whose body trails its
 * headers by a packet from being refused while slow senders hold every slot.
 */
final class BodyGate extends Handler.Wrapper {

    /** The request attribute holding the whole body the gate read (a {@code byte[]} its holder must not change). */
    static final String WHOLE_BODY = "io.ocean.webhook.wholeBody";

    private static final Logger log = LoggerFactory.getLogger(BodyGate.class);
    private static final long FREE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int FREE_BYTES = 64 * 1024;
    private static final long SWEEP_MILLIS = 100;
    private static final long SUMMARY_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** What the gate allows; see {@code HttpConfig} for each. */
    record Limits(long maxBodyBytes, long minBytesPerSecond, long bodyReadTimeoutMillis, int maxConcurrentReads) {
    }

    private final Limits limits;
    private final Semaphore slots;
    private final Set<PendingBody> waiting = ConcurrentHashMap.newKeySet();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
    private volatile Scheduler.Task sweep;
    private long lastSummary = System.nanoTime();

    BodyGate(Limits limits) {
        this.limits = limits;
        this.slots = new Semaphore(limits.maxConcurrentReads());
    }

    /** How many slots bodies hold now. */
    int slotsInUse() {
        return limits.maxConcurrentReads() - slots.availablePermits();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        scheduleSweep();
    }

    @Override
    protected void doStop() throws Exception {
        Scheduler.Task task = sweep;
        if (task != null) {
            task.cancel();
        }
        waiting.forEach(body -> body.reject(Answer.unavailable("shutting_down", "the server is stopping",
                WebhookEvent.newTraceId(), 1), "the server stops"));
        super.doStop();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long declared = request.getLength();
        boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        // no body, or one the routes refuse from its Content-Length without reading it
        if ((declared <= 0 && !chunked) || declared > limits.maxBodyBytes()) {
            return super.handle(request, response, callback);
        }
        PendingBody body = new PendingBody(request, response, callback, declared);
        byte[] whole = body.readAvailable();
        // the common case, a body that arrived with its headers, runs on this thread with no hand-over
        return whole == null || super.handle(new BufferedRequest(request, whole), response, callback);
    }

    private void scheduleSweep() {
        Scheduler scheduler = getServer().getScheduler();
        sweep = scheduler.schedule(() -> {
            long now = System.nanoTime();
            try {
                waiting.forEach(body -> body.check(now));
                summarize(now);
            } catch (RuntimeException e) {
                log.error("the body deadline sweep failed; it runs again", e);
            }
            if (isRunning()) {
                scheduleSweep();
            }
        }, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * One warning per ten seconds for all refused bodies: under attack a line per refusal would flood the log.
     * Each refusal is at debug level with the trace id its answer carries.
     */
    private void summarize(long now) {
        if (now - lastSummary < SUMMARY_NANOS) {
            return;
        }
        lastSummary = now;
        StringBuilder counts = new StringBuilder();
        long total = 0;
        for (Map.Entry<String, LongAdder> entry : refused.entrySet()) {
            long count = entry.getValue().sumThenReset();
            if (count > 0) {
                counts.append(counts.length() == 0 ? "" : ", ").append(count).append(' ').append(entry.getKey());
                total += count;
            }
        }
        if (total > 0) {
            log.warn("refused {} request bod{} in the last {} s: {}", total, total == 1 ? "y" : "ies",
                    TimeUnit.NANOSECONDS.toSeconds(SUMMARY_NANOS), counts);
        }
    }

    private void forward(Request request, byte[] whole, Response response, Callback callback) {
        try {
            if (!super.handle(new BufferedRequest(request, whole), response, callback)) {
                Response.writeError(request, response, callback, 404);
            }
        } catch (Throwable e) {
            Response.writeError(request, response, callback, e);
        }
    }

    /** One body being read: only Jetty's demand callbacks read it; the sweep only decides and answers. */
    private final class PendingBody {

        private final Request request;
        private final Response response;
        private final Callback callback;
        private final long declared;
        private final long started = System.nanoTime();
        private final GrowingBytes bytes;
        private boolean done;
        private boolean slot;

        PendingBody(Request request, Response response, Callback callback, long declared) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.declared = declared;
            this.bytes = new GrowingBytes(declared);
        }

        /** Reads what has arrived; returns the whole body when it is complete now, else null. */
        byte[] readAvailable() {
            while (true) {
                synchronized (this) {
                    if (done) {
                        return null;
                    }
                }
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    if (mayWait()) {
                        request.demand(this::readAndForward);
                    }
                    return null;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    failed(chunk.getFailure());
                    return null;
                }
                boolean last = chunk.isLast();
                ByteBuffer buffer = chunk.getByteBuffer();
                boolean tooLarge = bytes.size() + (long) buffer.remaining() > limits.maxBodyBytes();
                if (!tooLarge) {
                    bytes.append(buffer);
                }
                chunk.release();
                if (tooLarge) {
                    reject(Answer.error(413, "payload_too_large", "the body exceeds " + limits.maxBodyBytes()
                            + " bytes", WebhookEvent.newTraceId()), "the body exceeds the limit");
                    return null;
                }
                if (last) {
                    return finish() ? bytes.toByteArray() : null;
                }
            }
        }

        private void readAndForward() {
            byte[] whole = readAvailable();
            if (whole != null) {
                forward(request, whole, response, callback);
            }
        }

        /** Whether the body may wait for more data; refuses it with 503 when it needs a slot and none is free. */
        private boolean mayWait() {
            synchronized (this) {
                if (done) {
                    return false;
                }
                waiting.add(this);
                if (slot || !needsSlot(System.nanoTime()) || (slot = slots.tryAcquire())) {
                    return true;
                }
            }
            refuseForWantOfSlot();
            return false;
        }

        /** Called by the sweep: the deadline, the rate, and the slot of a body that has grown out of its free start. */
        void check(long now) {
            long elapsed = now - started;
            Answer answer = null;
            String why = null;
            boolean noSlot = false;
            synchronized (this) {
                if (done) {
                    return;
                }
                long received = bytes.size();
                if (elapsed > TimeUnit.MILLISECONDS.toNanos(limits.bodyReadTimeoutMillis())) {
                    answer = Answer.error(408, "body_timeout", "the body did not arrive within "
                            + limits.bodyReadTimeoutMillis() + " ms", WebhookEvent.newTraceId());
                    why = "the body read deadline passed after " + received + " bytes";
                } else if (tooSlow(elapsed, received)) {
                    answer = Answer.error(408, "body_too_slow", "the body arrived slower than "
                            + limits.minBytesPerSecond() + " bytes per second", WebhookEvent.newTraceId());
                    why = received + " bytes in " + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms";
                } else if (!slot && needsSlot(now) && !(slot = slots.tryAcquire())) {
                    noSlot = true;
                }
            }
            if (noSlot) {
                refuseForWantOfSlot();
            } else if (answer != null) {
                reject(answer, why);
            }
        }

        private boolean needsSlot(long now) {
            return now - started > FREE_NANOS || bytes.size() > FREE_BYTES;
        }

        private boolean tooSlow(long elapsed, long received) {
            long rate = limits.minBytesPerSecond();
            if (rate == 0 || elapsed <= FREE_NANOS) {
                return false;
            }
            long due = rate * TimeUnit.NANOSECONDS.toMillis(elapsed - FREE_NANOS) / 1000;
            return received < (declared > 0 ? Math.min(due, declared) : due);
        }

        private void refuseForWantOfSlot() {
            long retryAfter = Math.max(1, TimeUnit.MILLISECONDS.toSeconds(limits.bodyReadTimeoutMillis()));
            reject(Answer.unavailable("too_many_uploads", "too many request bodies are arriving at once; retry later",
                    WebhookEvent.newTraceId(), (int) retryAfter), "all " + limits.maxConcurrentReads()
                    + " body read slots are taken");
        }

        /** Marks the body done; true for the one caller that gets to answer or forward. */
        private boolean finish() {
            synchronized (this) {
                if (done) {
                    return false;
                }
                done = true;
                if (slot) {
                    slot = false;
                    slots.release();
                }
            }
            waiting.remove(this);
            return true;
        }

        void reject(Answer answer, String why) {
            if (!finish()) {
                return;
            }
            refused.computeIfAbsent(answer.status() + " " + answer.error(), code -> new LongAdder()).increment();
            if (log.isDebugEnabled()) {
                MDC.put("traceId", answer.traceId());
                try {
                    log.debug("answered {} {} to {} {}: {}", answer.status(), answer.error(), request.getMethod(),
                            request.getHttpURI().getPath(), why);
                } finally {
                    MDC.remove("traceId");
                }
            }
            try {
                response.setStatus(answer.status());
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                // the rest of the body is never read: the connection cannot carry another request
                response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
                if (answer.retryAfterSeconds() != null) {
                    response.getHeaders().put(HttpHeader.RETRY_AFTER, answer.retryAfterSeconds());
                }
                response.write(true, ByteBuffer.wrap(answer.body()), callback);
            } catch (RuntimeException e) {
                callback.failed(e);
            }
        }

        private void failed(Throwable cause) {
            if (finish()) {
                log.debug("a request body failed while it was read: {}", cause.toString());
                callback.failed(cause);
            }
        }
    }

    /**
     * A byte array that grows as chunks arrive: first sized to the first chunk (or the declared length, if smaller),
     * never to a declared length a sender may lie about. Written by the one reading thread, sized by the sweep.
     */
    private static final class GrowingBytes {

        private final long declared;
        private byte[] bytes;
        private int size;

        GrowingBytes(long declared) {
            this.declared = declared;
        }

        synchronized void append(ByteBuffer buffer) {
            int length = buffer.remaining();
            if (bytes == null) {
                int first = Math.max(length, 16 * 1024);
                bytes = new byte[declared > 0 ? (int) Math.min(declared, first) : first];
            }
            if (size + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + length, bytes.length * 2));
            }
            buffer.get(bytes, size, length);
            size += length;
        }

        synchronized int size() {
            return size;
        }

        synchronized byte[] toByteArray() {
            if (bytes == null) {
                return new byte[0];
            }
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }
    }

    /** The request with its body already in memory: reads never wait and never touch the network. */
    private static final class BufferedRequest extends Request.Wrapper {

        private Content.Chunk next;

        BufferedRequest(Request request, byte[] body) {
            super(request);
            this.next = Content.Chunk.from(ByteBuffer.wrap(body), true);
            // The routes take the bytes as they are instead of copying them out of the stream again.
            setAttribute(WHOLE_BODY, body);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = next;
            next = Content.Chunk.EOF;
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run();
        }

        @Override
        public boolean consumeAvailable() {
            next = Content.Chunk.EOF;
            return true;
        }
    }
}
