package io.ocean.store.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only when PostgreSQL answers at 127.0.0.1:5432 (user postgres, database test, trust auth), and
 * skips it with a one-line reason otherwise; with {@code -Docean.test.postgres=required} (CI) an unreachable database
 * fails the tests instead. Also makes and drops the throw-away schemas the tests keep their tables in.
 */
public final class PostgresAvailable implements ExecutionCondition {

    /** The shared test database. */
    public static final String URL = System.getProperty("ocean.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    /** Its user (trust auth: no password). */
    public static final String USER = System.getProperty("ocean.test.postgres.user", "postgres");

    private static final boolean REQUIRED = "required".equals(System.getProperty("ocean.test.postgres"));
    private static volatile String unreachable;
    private static volatile boolean checked;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String why = unreachableReason();
        if (why == null) {
            return ConditionEvaluationResult.enabled("PostgreSQL is reachable");
        }
        if (REQUIRED) {
            throw new IllegalStateException("PostgreSQL is required (-Docean.test.postgres=required) but " + why);
        }
        return ConditionEvaluationResult.disabled("PostgreSQL not reachable at " + URL + " (" + why
                + "); start it, or these tests are skipped");
    }

    private static synchronized String unreachableReason() {
        if (!checked) {
            try (Connection ignored = connect()) {
                unreachable = null;
            } catch (SQLException e) {
                unreachable = String.valueOf(e.getMessage());
            }
            checked = true;
        }
        return unreachable;
    }

    /** A plain connection to the test database, autocommit on. */
    public static Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("connectTimeout", "2");
        return DriverManager.getConnection(URL, properties);
    }

    /** A new schema name no other test uses (the store creates the schema). */
    public static String newSchema() {
        return "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** Drops a test's schema and all it holds. */
    public static void dropSchema(String schema) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test schema " + schema, e);
        }
    }
}
