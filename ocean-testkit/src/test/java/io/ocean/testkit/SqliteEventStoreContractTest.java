package io.ocean.testkit;

import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventStores;

/** The default engine against the contract, restarts included: each test has its own state directory. */
class SqliteEventStoreContractTest extends EventStoreContract {

    @Override
    protected EventStore newStore() {
        return EventStores.sqlite();
    }
}
