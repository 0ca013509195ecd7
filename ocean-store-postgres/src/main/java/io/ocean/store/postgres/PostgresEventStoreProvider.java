package io.ocean.store.postgres;

import io.ocean.store.postgres.internal.PostgresEventStore;
import io.ocean.store.postgres.internal.PostgresSettings;
import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventStoreProvider;

/**
 * Makes PostgreSQL event stores for {@code jdbc:postgresql:} settings, so that
 * {@code OCEAN__WEBHOOKS__STORE=jdbc:postgresql://host:5432/db} or {@code EventStores.postgres(url, user, password)}
 * works once this module is on the class path. Found through {@link java.util.ServiceLoader}; an integration never
 * calls it directly.
 */
public final class PostgresEventStoreProvider implements EventStoreProvider {

    /** The prefix of the settings this provider accepts. */
    public static final String URL_PREFIX = "jdbc:postgresql:";

    /** Used by {@link java.util.ServiceLoader}. */
    public PostgresEventStoreProvider() {
    }

    /** True for a {@code jdbc:postgresql:} URL. */
    @Override
    public boolean accepts(String setting) {
        return setting != null && setting.startsWith(URL_PREFIX);
    }

    /**
     * A store on the database at the URL, its tables in {@code schema} (created and migrated at open).
     *
     * @throws IllegalArgumentException when the schema is not a plain SQL name
     */
    @Override
    public EventStore create(String setting, String user, String password, String schema) {
        return new PostgresEventStore(PostgresSettings.of(setting, user, password, schema));
    }
}
