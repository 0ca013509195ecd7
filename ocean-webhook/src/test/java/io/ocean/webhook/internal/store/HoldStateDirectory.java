package io.ocean.webhook.internal.store;

import io.ocean.webhook.store.StoreSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** A second process for {@link SqliteEventStoreTest}: opens a SQLite store on a state directory and holds it. */
public final class HoldStateDirectory {

    private HoldStateDirectory() {
    }

    /** Opens the store on {@code args[0]}, says "open", and keeps it until its standard input closes. */
    public static void main(String[] args) throws Exception {
        try (SqliteEventStore store = new SqliteEventStore()) {
            store.open(new StoreSettings(Path.of(args[0]), 10, 1024, 10, 1024, Duration.ofMinutes(1),
                    Clock.systemUTC()));
            System.out.println("open");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes our input
            }
        }
    }
}
