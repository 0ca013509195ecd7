package io.ocean.testkit;

import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventStores;

/** The memory engine against the contract; it keeps nothing across a restart, so those tests are skipped. */
class MemoryEventStoreContractTest extends EventStoreContract {

    @Override
    protected EventStore newStore() {
        return EventStores.memory();
    }

    @Override
    protected boolean durable() {
        return false;
    }
}
