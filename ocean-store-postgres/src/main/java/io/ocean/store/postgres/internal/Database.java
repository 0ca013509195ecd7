package io.ocean.store.postgres.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.ocean.webhook.store.EventStoreException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections to PostgreSQL: a small pool for the store's statements, plain connections for LISTEN, and the
 * schema migration at open.
 */
final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /**
     * How long a statement may wait for a pooled connection. Below the runtime's default store timeout (2 s), so an
     * unreachable database fails an insert (a 503) instead of leaving the request to time out.
     */
    static final long CONNECTION_TIMEOUT_MILLIS = 1_000;

    /** Connections per process: workers claim and complete on them, the writer batches inserts on one or two. */
    static final int POOL_SIZE = 8;

    private final PostgresSettings settings;
    private final HikariDataSource pool;

    private Database(PostgresSettings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
    }

    /**
     * Opens the pool and migrates the schema; several processes may do this at once (Flyway holds an advisory lock
     * while it migrates).
     */
    static Database open(PostgresSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("ocean-store-" + settings.schema());
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setMaximumPoolSize(POOL_SIZE);
        // A fixed-size pool: growing it under load means opening connections exactly when the database is busiest.
        config.setMinimumIdle(POOL_SIZE);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setValidationTimeout(500);
        config.setKeepaliveTime(30_000);
        // Fail at open with the database's own message rather than a pool that waits to get its first connection.
        config.setInitializationFailTimeout(CONNECTION_TIMEOUT_MILLIS);
        driverProperties().forEach((name, value) -> config.addDataSourceProperty((String) name, value));
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new EventStoreException("webhooks.store: cannot connect to PostgreSQL at " + settings.redactedUrl()
                    + " as " + settings.user() + ": " + rootMessage(e), e);
        }
        Database database = new Database(settings, pool);
        try {
            database.migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new EventStoreException("webhooks.store: cannot create or migrate schema '" + settings.schema()
                    + "' in " + settings.redactedUrl() + ": " + rootMessage(e), e);
        }
        return database;
    }

    /**
     * The driver's timeouts unless the URL sets them (its parameters win): connect and log in within the pool's
     * timeout, and give up on a socket that stops answering instead of hanging a worker forever.
     */
    private static Properties driverProperties() {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", "1");
        properties.setProperty("loginTimeout", "2");
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "ocean");
        return properties;
    }

    private void migrate() {
        MigrateResult result = Flyway.configure(Database.class.getClassLoader())
                .dataSource(pool)
                .schemas(settings.schema())
                .defaultSchema(settings.schema())
                .createSchemas(true)
                .locations("classpath:io/ocean/store/postgres/migration")
                .table("flyway_schema_history")
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("Event store schema '{}' migrated to version {}", settings.schema(), result.targetSchemaVersion);
        }
    }

    /** A pooled connection, autocommit off. */
    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** A connection outside the pool, autocommit on, for LISTEN: it stays open as long as it works. */
    Connection dedicatedConnection() throws SQLException {
        Properties properties = driverProperties();
        properties.setProperty("socketTimeout", "0");
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        return DriverManager.getConnection(settings.url(), properties);
    }

    PostgresSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Rolls back after a failed write; a rollback that fails too leaves nothing to undo (the connection is dropped). */
    static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LoggerFactory.getLogger(Database.class).debug("Rollback failed after a failed write", e);
        }
    }

    /** Waits up to 5 s for each of the writer threads to finish what is queued; stops waiting if interrupted. */
    static void joinWriters(java.util.List<Thread> writers) {
        for (Thread writer : writers) {
            try {
                writer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
