package io.ocean.webhook.internal.store;

import io.ocean.webhook.store.StoreSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** A child JVM for {@link LegacyImportTest}: imports the legacy files of {@code args[0]} and prints the result. */
public final class ImportInSmallHeap {

    private ImportInSmallHeap() {
    }

    /** Opens a SQLite store on the state directory, imports, and prints the counts. */
    public static void main(String[] args) {
        try (SqliteEventStore store = new SqliteEventStore()) {
            store.open(new StoreSettings(Path.of(args[0]), 10_000, 1L << 30, 10_000, 1L << 30,
                    Duration.ofMinutes(10), Clock.systemUTC()));
            LegacyImport.Result result = LegacyImport.run(Path.of(args[0]), store);
            System.out.println("imported " + result.deadLetters() + " dead letters, "
                    + store.stats("/webhook").deadBytes() + " bytes");
        }
    }
}
