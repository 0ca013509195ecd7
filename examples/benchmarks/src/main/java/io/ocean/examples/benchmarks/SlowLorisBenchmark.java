package io.ocean.examples.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.core.config.PortAppConfig;
import io.ocean.testkit.Fixtures;
import io.ocean.webhook.Ocean;
import io.ocean.webhook.signature.SignatureVerifier;
import io.ocean.webhook.signature.Verifiers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed deliveries while slow-loris senders keep {@code connections} requests open, each declaring
 * {@code Content-Length: 1000000} and sending one byte every 10 s; a sender the server cuts off reconnects at once,
 * as an attacker would. Prints the latency of each signed delivery and what the senders were answered.
 * {@code SlowLorisBenchmark [connections] [deliveries]}.
 */
public final class SlowLorisBenchmark {

    private static final String SECRET = "slow-loris-benchmark";
    private static final SignatureVerifier GITHUB = Verifiers.github(SECRET);

    /** Accepts only deliveries signed with the benchmark's secret. */
    static final class Signed extends IngestServers.TrivialProcessor {
        Signed(WebhookEvent event) {
            super(event);
        }

        @Override
        public boolean authenticate(JsonNode payload, EventHeaders headers) {
            return GITHUB.verify(event());
        }
    }

    private SlowLorisBenchmark() {
    }

    /** Starts Ocean, opens the slow senders, measures the signed deliveries, prints. */
    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int deliveries = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Ocean ocean = Ocean.create(Map.of(), cfg -> {
            cfg.http.port = 0;
            cfg.http.host = "127.0.0.1";
            cfg.startup.shutdownHook = false;
            cfg.portAppConfig(PortAppConfig.fromYaml("resources: []"));
            try {
                cfg.webhooks.stateDir = Files.createTempDirectory("ocean-slow-loris-");
                cfg.localCatalog.file = cfg.webhooks.stateDir.resolve("entities.jsonl");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        ocean.addWebhookProcessor("/webhook", Signed::new);
        ocean.start();
        byte[] body = Fixtures.bytes("github/issues.opened.json");
        HttpRequest delivery = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + ocean.port() + "/integration/webhook"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 500; i++) { // warm-up, no attack
            client.send(delivery, HttpResponse.BodyHandlers.discarding());
        }

        // the same deliveries without the attack first: on a shared machine, what the machine alone costs
        long[] quiet = deliver(client, delivery, deliveries, null, null);

        Attack attack = new Attack(ocean.port(), connections);
        Thread attacker = new Thread(attack::run, "slow-loris");
        attacker.setDaemon(true);
        attacker.start();
        long rampDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (attack.held.get() < connections && System.nanoTime() < rampDeadline) {
            Thread.sleep(50); // a benchmark main waiting for its own load generator to ramp up
        }
        int[] heldDuring = new int[deliveries];
        int[] ok = new int[1];
        long[] attacked = deliver(client, delivery, deliveries, attack, heldDuring, ok);
        attack.stop.set(true);
        attacker.join(10_000);
        ocean.stop();

        System.out.printf("slow senders: %d wanted, %d to %d held open by the server during the deliveries;"
                        + " answers they got: %s%n", connections, Arrays.stream(heldDuring).min().orElse(0),
                Arrays.stream(heldDuring).max().orElse(0), attack.answers());
        System.out.printf("signed deliveries: %d of %d answered 200; latency %s (without the attack: %s)%n",
                ok[0], deliveries, summary(attacked), summary(quiet));
        System.exit(0);
    }

    private static long[] deliver(HttpClient client, HttpRequest delivery, int count, Attack attack,
                                  int[] heldDuring, int... ok) throws Exception {
        long[] millis = new long[count];
        for (int i = 0; i < count; i++) {
            if (heldDuring != null) {
                heldDuring[i] = attack.held.get();
            }
            long start = System.nanoTime();
            HttpResponse<Void> response = client.send(delivery, HttpResponse.BodyHandlers.discarding());
            millis[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (ok.length > 0 && response.statusCode() == 200) {
                ok[0]++;
            }
            if (System.getProperty("slowloris.trace") != null) {
                System.err.println(millis[i] + " ms" + (attack == null ? "" : "; held " + heldDuring[i]));
            }
            Thread.sleep(100);
        }
        return millis;
    }

    private static String summary(long[] millis) {
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        return "p50 " + sorted[sorted.length / 2] + " ms, p99 " + sorted[(int) Math.ceil(sorted.length * 0.99) - 1]
                + " ms, max " + sorted[sorted.length - 1] + " ms";
    }

    private static String sign(byte[] raw) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(raw));
    }

    /**
     * The slow senders, on one thread with non-blocking sockets spread over loopback addresses. {@code held} counts
     * the requests the server holds open: connected, headers sent, not yet answered.
     */
    private static final class Attack {

        private static final byte[] HEAD = ("POST /integration/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII);

        /** One slow sender's connection. */
        private static final class Sender {
            final SocketChannel channel;
            boolean sent;
            long lastByte = System.nanoTime();

            Sender(SocketChannel channel) {
                this.channel = channel;
            }
        }

        private final int port;
        private final int wanted;
        private final AtomicInteger held = new AtomicInteger();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Map<String, Integer> answers = new TreeMap<>();
        private int sourceAddress;

        Attack(int port, int wanted) {
            this.port = port;
            this.wanted = wanted;
        }

        void run() {
            List<Sender> senders = new ArrayList<>();
            ByteBuffer scratch = ByteBuffer.allocate(4096);
            try {
                while (!stop.get()) {
                    while (senders.size() < wanted) {
                        senders.add(connect());
                    }
                    long now = System.nanoTime();
                    int holding = 0;
                    for (int i = 0; i < senders.size(); i++) {
                        Sender sender = senders.get(i);
                        int read;
                        try {
                            if (!sender.sent) {
                                if (!sender.channel.finishConnect()) {
                                    continue;
                                }
                                sender.channel.write(ByteBuffer.wrap(HEAD));
                                sender.sent = true;
                                sender.lastByte = now;
                            }
                            scratch.clear();
                            read = sender.channel.read(scratch);
                        } catch (IOException e) {
                            read = -1;
                        }
                        if (read != 0) { // answered or closed: note the status, reconnect
                            count(read > 0 ? statusOf(scratch) : "closed without answer");
                            sender.channel.close();
                            senders.set(i, connect());
                            continue;
                        }
                        holding++;
                        if (now - sender.lastByte > TimeUnit.SECONDS.toNanos(10)) {
                            sender.channel.write(ByteBuffer.wrap(new byte[] {' '}));
                            sender.lastByte = now;
                        }
                    }
                    held.set(holding);
                    Thread.sleep(10);
                }
            } catch (IOException e) {
                System.err.println("the attack stopped: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                for (Sender sender : senders) {
                    try {
                        sender.channel.close();
                    } catch (IOException e) {
                        // closing anyway
                    }
                }
            }
        }

        private Sender connect() throws IOException {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            // 127.0.0.2 .. 127.0.0.41: reconnects would otherwise run out of ephemeral ports to one address
            channel.bind(new InetSocketAddress("127.0.0." + (2 + sourceAddress++ % 40), 0));
            channel.connect(new InetSocketAddress("127.0.0.1", port));
            return new Sender(channel);
        }

        private synchronized void count(String what) {
            answers.merge(what, 1, Integer::sum);
        }

        synchronized String answers() {
            return answers.toString();
        }

        private static String statusOf(ByteBuffer buffer) {
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
            int space = text.indexOf(' ');
            return space < 0 || text.length() < space + 4 ? "partial answer" : text.substring(space + 1, space + 4);
        }
    }
}
