package io.ocean.webhook.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server reads bodies before its routes, and cuts off the slow ones, over raw sockets against a real server. */
class BodyGateTest {

    private static final Duration ANSWER = Duration.ofSeconds(15);

    private Javalin server;
    private final List<SlowSender> senders = new ArrayList<>();

    @AfterEach
    void stop() {
        senders.forEach(SlowSender::close);
        if (server != null) {
            server.stop();
        }
    }

    private void start(long minBytesPerSecond, long bodyReadTimeoutMillis, int maxConcurrentBodyReads) {
        server = OceanServer.start(new OceanServer.Settings("127.0.0.1", 0, 1_000_000, minBytesPerSecond,
                bodyReadTimeoutMillis, maxConcurrentBodyReads), () -> true, config ->
                config.routes.post("/echo", ctx -> ctx.result("read " + ctx.bodyAsBytes().length + " bytes"))
                        .post("/whole", ctx -> ctx.result(ctx.req().getAttribute(BodyGate.WHOLE_BODY) instanceof byte[] b
                                ? "whole " + new String(b, StandardCharsets.UTF_8) : "no whole body")));
    }

    private SlowSender open(long contentLength, byte[] firstBytes) {
        SlowSender sender = SlowSender.open(server.port(), "/echo", contentLength, firstBytes);
        senders.add(sender);
        return sender;
    }

    private BodyGate gate() {
        return server.jettyServer().server().getDescendant(BodyGate.class);
    }

    @Test
    void aBodyThatArrivesWholeReachesTheRoute() {
        start(256, 10_000, 4);

        SlowSender.Answer answer = open(11, "{\"a\":\"xyz\"}".getBytes(StandardCharsets.UTF_8)).awaitAnswer(ANSWER);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("read 11 bytes");
    }

    @Test
    void theRouteGetsTheBytesTheGateReadWithoutReadingThemAgain() {
        start(0, 10_000, 4);
        SlowSender whole = SlowSender.open(server.port(), "/whole", 7, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        senders.add(whole);
        SlowSender trickled = SlowSender.open(server.port(), "/whole", 7, "{\"a\"".getBytes(StandardCharsets.UTF_8));
        senders.add(trickled);
        trickled.send(":2}".getBytes(StandardCharsets.UTF_8));

        assertThat(whole.awaitAnswer(ANSWER).body()).isEqualTo("whole {\"a\":1}");
        assertThat(trickled.awaitAnswer(ANSWER).body()).isEqualTo("whole {\"a\":2}");
    }

    @Test
    void aBodyThatTricklesInWithinTheLimitsReachesTheRoute() {
        start(0, 10_000, 4);
        SlowSender sender = open(6, "{".getBytes(StandardCharsets.UTF_8));

        assertThat(sender.awaitAnswer(Duration.ofMillis(200))).as("no answer before the body is complete").isNull();
        sender.send("\"a\":".getBytes(StandardCharsets.UTF_8));
        sender.send("1}".getBytes(StandardCharsets.UTF_8));

        SlowSender.Answer answer = sender.awaitAnswer(ANSWER);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("read 6 bytes");
    }

    @Test
    void aBodyNotCompleteByTheDeadlineIsAnswered408AndItsConnectionClosed() {
        start(0, 300, 4);
        SlowSender sender = open(1_000, "{".getBytes(StandardCharsets.UTF_8));

        SlowSender.Answer answer = sender.awaitAnswer(ANSWER);

        assertThat(answer.status()).isEqualTo(408);
        assertThat(answer.body()).contains("\"error\":\"body_timeout\"").contains("traceId");
        assertThat(answer.header("Connection")).isEqualTo("close");
        assertThat(sender.closedByServer(ANSWER)).isTrue();
    }

    @Test
    void aBodySlowerThanTheMinimumRateIsAnswered408() {
        start(100_000, 60_000, 4);
        SlowSender sender = open(1_000_000, "{".getBytes(StandardCharsets.UTF_8));

        SlowSender.Answer answer = sender.awaitAnswer(ANSWER);

        assertThat(answer.status()).isEqualTo(408);
        assertThat(answer.body()).contains("\"error\":\"body_too_slow\"");
        assertThat(sender.closedByServer(ANSWER)).isTrue();
    }

    @Test
    void pastItsSlotsABodyThatMustWaitIsAnswered503WithRetryAfterAtOnce() {
        start(0, 60_000, 1);
        byte[] overTheFreeSize = new byte[70 * 1024];
        SlowSender first = open(200_000, overTheFreeSize);
        awaitTrue(() -> gate().slotsInUse() == 1);

        SlowSender second = open(200_000, overTheFreeSize);
        SlowSender.Answer refused = second.awaitAnswer(ANSWER);

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body()).contains("\"error\":\"too_many_uploads\"");
        assertThat(refused.header("Retry-After")).isEqualTo("60");
        assertThat(second.closedByServer(ANSWER)).isTrue();
        first.send(new byte[200_000 - overTheFreeSize.length]);
        SlowSender.Answer finished = first.awaitAnswer(ANSWER);
        assertThat(finished.status()).isEqualTo(200);
        assertThat(finished.body()).isEqualTo("read 200000 bytes");
        awaitTrue(() -> gate().slotsInUse() == 0);
    }

    @Test
    void aBodyThatArrivesWholeNeedsNoSlotWhileSlowBodiesHoldThemAll() {
        start(0, 60_000, 1);
        open(200_000, new byte[70 * 1024]);
        awaitTrue(() -> gate().slotsInUse() == 1);

        SlowSender.Answer answer = open(2, "{}".getBytes(StandardCharsets.UTF_8)).awaitAnswer(ANSWER);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("read 2 bytes");
    }

    @Test
    void aClosedSlowSenderGivesItsSlotBack() {
        start(0, 60_000, 1);
        SlowSender gone = open(200_000, new byte[70 * 1024]);
        awaitTrue(() -> gate().slotsInUse() == 1);

        gone.close();

        awaitTrue(() -> gate().slotsInUse() == 0);
    }

    @Test
    void aSenderThatExpects100ContinueGetsItAndThenItsAnswer() {
        start(256, 10_000, 4);
        SlowSender sender = SlowSender.open(server.port(), "/echo", 2, new byte[0], "Expect", "100-continue");
        senders.add(sender);

        SlowSender.Answer interim = sender.awaitAnswer(ANSWER);
        sender.send("{}".getBytes(StandardCharsets.UTF_8));
        SlowSender.Answer answer = sender.awaitAnswer(ANSWER);

        assertThat(interim.status()).isEqualTo(100);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("read 2 bytes");
    }

    @Test
    void theServerQueuesMoreConnectionsThanTheJvmDefaultBeforeAcceptingThem() {
        start(256, 10_000, 4);

        assertThat(((org.eclipse.jetty.server.ServerConnector) server.jettyServer().server().getConnectors()[0])
                .getAcceptQueueSize()).isEqualTo(1024);
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 15 s");
            }
            LockSupport.parkNanos(5_000_000); // poll, do not spin
        }
    }
}
