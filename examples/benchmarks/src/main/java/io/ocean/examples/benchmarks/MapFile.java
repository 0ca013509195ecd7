package io.ocean.examples.benchmarks;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocean.core.Entity;
import io.ocean.jq.ItemReader;
import io.ocean.jq.Jq;
import io.ocean.jq.JqEntityMapper;
import io.ocean.jq.MappingResult;
import io.ocean.core.config.ResourceConfig;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Maps a JSON array of pull requests with the 8-field mapping and prints one entity per line, like
 * {@code jq -c '<PullRequestMapping.JQ>' file}: the whole-process comparison of {@code scripts/mapping.sh}.
 * {@code MapFile <items.json>}; {@code MapFile --write <n> <items.json>} writes the input file first;
 * {@code MapFile --program} prints the equivalent jq program ({@link PullRequestMapping#JQ}) for jq and gojq.
 */
public final class MapFile {

    private MapFile() {
    }

    /** Maps the file to stdout. */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("--program")) {
            System.out.println(PullRequestMapping.JQ);
            return;
        }
        if (args[0].equals("--write")) {
            ObjectMapper json = new ObjectMapper();
            int n = Integer.parseInt(args[1]);
            List<JsonNode> items = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                items.add(PullRequestMapping.pullRequest(json, 1_000_000L + i));
            }
            json.writeValue(new File(args[2]), items);
            return;
        }
        // This thread only cuts the file into items (a byte scan); parsing, mapping and serialising run on a pool
        // of one thread per core, and the batches are written in input order. The file is read once, as a stream,
        // and never held whole. Start-up runs on the pool too, while this thread already cuts the file: the config
        // (YAML read by databind, a few hundred classes) on one thread, jq's builtins (loaded and compiled once per
        // JVM) on the other: 0.6-0.9 s of CPU that ran alone on this thread before the first byte was read.
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Future<Setup> setup = pool.submit(Setup::of);
        pool.submit(() -> Jq.compile("."));   // loads the builtins every program runs with
        ArrayDeque<Future<byte[]>> inFlight = new ArrayDeque<>();
        try (OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
             InputStream in = new FileInputStream(args[0])) {
            new ArrayItems(BATCH, batch -> {
                inFlight.add(pool.submit(() -> map(setup.get(), batch)));
                while (inFlight.size() > IN_FLIGHT * threads) {
                    write(out, inFlight.poll());
                }
            }).read(in);
            while (!inFlight.isEmpty()) {
                write(out, inFlight.poll());
            }
        } finally {
            pool.shutdown();
        }
    }

    /** What every batch maps with, built once. */
    private record Setup(JqEntityMapper mapper, ResourceConfig resource, ItemReader reader, ObjectMapper json) {
        static Setup of() {
            JqEntityMapper mapper = JqEntityMapper.create();
            ResourceConfig resource = PullRequestMapping.resource();
            // Items are read with only the fields the mapping can observe (the others are skipped, not built).
            return new Setup(mapper, resource, mapper.reader(resource), new ObjectMapper());
        }
    }

    /** Batches cut ahead of the one being written, per thread (more only makes the young collections copy more). */
    private static final int IN_FLIGHT = 2;

    private static final int BATCH = 100;

    private static byte[] map(Setup setup, ArrayItems.Batch batch) throws IOException {
        ObjectMapper json = setup.json();
        List<JsonNode> items = new ArrayList<>(batch.count());
        for (int i = 0; i < batch.count(); i++) {
            try (JsonParser parser = json.getFactory().createParser(batch.bytes(), batch.start(i),
                    batch.ends()[i] - batch.start(i))) {
                items.add(setup.reader().read(parser));
            }
        }
        MappingResult result = setup.mapper().map(setup.resource(), items);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(batch.count() * 256);
        // one generator per batch, not one per entity; entities one per line, as jq -c prints them
        try (JsonGenerator out = json.getFactory().createGenerator(bytes)) {
            out.setRootValueSeparator(null);
            for (Entity entity : result.passed()) {
                json.writeValue(out, entity);
                out.writeRaw('\n');
            }
        }
        return bytes.toByteArray();
    }

    private static void write(OutputStream out, Future<byte[]> batch) {
        try {
            out.write(batch.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
