package io.ocean.webhook.store;

import io.ocean.webhook.internal.store.MemoryEventStore;
import io.ocean.webhook.internal.store.SqliteEventStore;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceLoader;

/** The stores that come with Ocean, and the one a setting names: {@code cfg.webhooks.store = EventStores.memory()}. */
public final class EventStores {

    /** The schema (or namespace) stores keep their tables in unless told otherwise. */
    public static final String DEFAULT_SCHEMA = "ocean";

    private EventStores() {
    }

    /**
     * The default: SQLite at {@code <stateDir>/events.db}, every accepted event committed to disk before the 200
     * (WAL; each answer waits for an fdatasync of the WAL begun after its commit, as durable as
     * {@code synchronous=FULL}; group commit with the sync pipelined on its own thread). One process per state
     * directory.
     */
    public static EventStore sqlite() {
        return new SqliteEventStore();
    }

    /** Everything in memory, as before the store existed: fast, and lost with the process. */
    public static EventStore memory() {
        return new MemoryEventStore();
    }

    /**
     * PostgreSQL, for several processes sharing the work, in schema {@value #DEFAULT_SCHEMA}; needs
     * {@code io.ocean:ocean-store-postgres} on the class path.
     *
     * @throws EventStoreException when that module is missing
     */
    public static EventStore postgres(String url, String user, String password) {
        return postgres(url, user, password, DEFAULT_SCHEMA);
    }

    /** PostgreSQL in the given schema, so two integrations can share a database. */
    public static EventStore postgres(String url, String user, String password, String schema) {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("a PostgreSQL store needs a jdbc:postgresql: URL, got " + url);
        }
        return fromSetting(url, user, password, schema);
    }

    /**
     * The store a setting names ({@code OCEAN__WEBHOOKS__STORE}): {@code sqlite} (or empty), {@code memory}, or a
     * URL that an {@link EventStoreProvider} on the class path accepts, such as {@code jdbc:postgresql://...}.
     *
     * @throws EventStoreException when no engine accepts the setting, naming the module to add
     */
    public static EventStore fromSetting(String setting, String user, String password, String schema) {
        String value = setting == null ? "" : setting.trim();
        switch (value.toLowerCase(Locale.ROOT)) {
            case "", "sqlite" -> {
                return sqlite();
            }
            case "memory" -> {
                return memory();
            }
            default -> {
                String inSchema = schema == null || schema.isBlank() ? DEFAULT_SCHEMA : schema;
                for (EventStoreProvider provider : ServiceLoader.load(EventStoreProvider.class,
                        EventStores.class.getClassLoader())) {
                    if (provider.accepts(value)) {
                        return provider.create(value, user, password, inSchema);
                    }
                }
                String hint = value.startsWith("jdbc:postgresql:")
                        ? "; add the dependency io.ocean:ocean-store-postgres" : "";
                throw new EventStoreException("webhooks.store: no event store engine accepts '" + redact(value)
                        + "' (expected sqlite, memory, or a jdbc:postgresql: URL)" + hint);
            }
        }
    }

    /** A URL may carry a password; never echo it. */
    private static String redact(String setting) {
        return setting.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//[^/@]*@", "//***@");
    }
}
