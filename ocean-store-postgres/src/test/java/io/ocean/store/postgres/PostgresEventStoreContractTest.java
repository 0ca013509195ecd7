package io.ocean.store.postgres;

import io.ocean.testkit.EventStoreContract;
import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The PostgreSQL engine passes the contract every store must pass; each test in its own schema, dropped after. */
@ExtendWith(PostgresAvailable.class)
class PostgresEventStoreContractTest extends EventStoreContract {

    private final String schema = PostgresAvailable.newSchema();

    @Override
    protected EventStore newStore() {
        return EventStores.postgres(PostgresAvailable.URL, PostgresAvailable.USER, null, schema);
    }

    @Override
    protected boolean shared() {
        return true;
    }

    @AfterEach
    void dropSchema() {
        PostgresAvailable.dropSchema(schema);
    }
}
