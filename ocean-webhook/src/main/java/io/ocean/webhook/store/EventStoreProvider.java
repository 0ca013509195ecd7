package io.ocean.webhook.store;

/**
 * Makes stores of one engine from a setting such as {@code jdbc:postgresql://host/db}; found with
 * {@link java.util.ServiceLoader}, so an engine in its own module (ocean-store-postgres) plugs in by being on the
 * class path.
 */
public interface EventStoreProvider {

    /** Whether this provider makes stores for the setting ({@code OCEAN__WEBHOOKS__STORE}). */
    boolean accepts(String setting);

    /**
     * A store for the setting.
     *
     * @param setting  the store setting, e.g. a JDBC URL
     * @param user     the user, or null
     * @param password the password, or null
     * @param schema   the schema (or namespace) to keep the tables in
     */
    EventStore create(String setting, String user, String password, String schema);
}
