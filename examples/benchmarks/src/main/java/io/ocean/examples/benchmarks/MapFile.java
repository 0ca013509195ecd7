package io.ocean.examples.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocean.core.Entity;
import io.ocean.jq.JqEntityMapper;
import io.ocean.jq.MappingResult;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a JSON array of pull requests with the 8-field mapping and prints one entity per line, like
 * {@code jq -c '<PullRequestMapping.JQ>' file}: the whole-process comparison of {@code scripts/mapping.sh}.
 * {@code MapFile <items.json>}; {@code MapFile --write <n> <items.json>} writes the input file first.
 */
public final class MapFile {

    private MapFile() {
    }

    /** Maps the file to stdout. */
    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        if (args[0].equals("--program")) {
            System.out.println(PullRequestMapping.JQ);
            return;
        }
        if (args[0].equals("--write")) {
            int n = Integer.parseInt(args[1]);
            List<JsonNode> items = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                items.add(PullRequestMapping.pullRequest(json, 1_000_000L + i));
            }
            json.writeValue(new File(args[2]), items);
            return;
        }
        // Parse on this thread, map and serialise batches on the pool, write them in order: the file is read once,
        // as a stream, and never held whole.
        JqEntityMapper mapper = JqEntityMapper.create();
        io.ocean.core.config.ResourceConfig resource = PullRequestMapping.resource();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.ArrayDeque<java.util.concurrent.Future<byte[]>> inFlight = new java.util.ArrayDeque<>();
        try (OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
             com.fasterxml.jackson.core.JsonParser parser = json.getFactory().createParser(new File(args[0]))) {
            if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
                throw new IllegalArgumentException(args[0] + " is not a JSON array");
            }
            List<JsonNode> batch = new ArrayList<>(BATCH);
            while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                batch.add(json.readTree(parser));
                if (batch.size() == BATCH) {
                    inFlight.add(submit(pool, mapper, resource, json, batch));
                    batch = new ArrayList<>(BATCH);
                    while (inFlight.size() > 4) {
                        out.write(inFlight.poll().get());
                    }
                }
            }
            if (!batch.isEmpty()) {
                inFlight.add(submit(pool, mapper, resource, json, batch));
            }
            while (!inFlight.isEmpty()) {
                out.write(inFlight.poll().get());
            }
        } finally {
            pool.shutdown();
        }
    }

    private static final int BATCH = 250;

    private static java.util.concurrent.Future<byte[]> submit(java.util.concurrent.ExecutorService pool,
            JqEntityMapper mapper, io.ocean.core.config.ResourceConfig resource, ObjectMapper json,
            List<JsonNode> batch) {
        return pool.submit(() -> {
            MappingResult result = mapper.map(resource, batch);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(batch.size() * 256);
            for (Entity entity : result.passed()) {
                bytes.write(json.writeValueAsBytes(entity));
                bytes.write('\n');
            }
            return bytes.toByteArray();
        });
    }
}
