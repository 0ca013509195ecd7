package check;

import io.ocean.store.postgres.PostgresEventStoreProvider;
import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventStores;
import java.util.jar.JarFile;

/**
 * ocean-store-postgres on its own: the engine is found from a setting (ServiceLoader), and the driver, the pool and
 * the migrations it needs load from the consumer's class path. No database is needed: nothing is opened.
 */
public final class Main {

    public static void main(String[] args) throws Exception {
        EventStore store = EventStores.fromSetting("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null,
                "consumer_check");
        check(store.getClass().getName().startsWith("io.ocean.store.postgres."),
                "a PostgreSQL engine, got " + store.getClass().getName());
        store.close();
        for (String type : new String[] {"org.postgresql.Driver", "com.zaxxer.hikari.HikariDataSource",
                "org.flywaydb.core.Flyway"}) {
            Class.forName(type);
        }
        checkModuleName(PostgresEventStoreProvider.class, "io.ocean.store.postgres");
        System.out.println("ocean-store-postgres alone: OK");
    }

    static void checkModuleName(Class<?> type, String expected) throws Exception {
        String jar = type.getProtectionDomain().getCodeSource().getLocation().getPath();
        try (JarFile file = new JarFile(jar)) {
            String name = file.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
            check(expected.equals(name), jar + " has Automatic-Module-Name " + expected + ", not " + name);
        }
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError("expected " + what);
        }
    }
}
