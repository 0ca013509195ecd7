package io.ocean.store.postgres.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs for the paths other processes wrote events to and tells the runtime's listeners. It only wakes workers
 * early: when the connection is down, workers still poll, so nothing depends on a notification arriving.
 */
final class Listener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Listener.class);
    private static final long RECONNECT_MILLIS = 1_000;

    private final Database database;
    private final String channel;
    private final String instanceId;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread thread;

    Listener(Database database, String channel, String instanceId) {
        this.database = database;
        this.channel = channel;
        this.instanceId = instanceId;
        this.thread = new Thread(this::run, "ocean-store-listen");
        thread.setDaemon(true);
        thread.start();
    }

    void add(Consumer<String> listener) {
        listeners.add(listener);
    }

    private void run() {
        boolean warned = false;
        while (closed.getCount() > 0) {
            try (Connection listening = database.dedicatedConnection()) {
                try (Statement statement = listening.createStatement()) {
                    statement.execute("LISTEN \"" + channel + "\"");
                }
                if (warned) {
                    LOG.info("Listening for new events again");
                    warned = false;
                }
                PGConnection pg = listening.unwrap(PGConnection.class);
                while (closed.getCount() > 0) {
                    PGNotification[] notifications = pg.getNotifications(100);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            deliver(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed.getCount() > 0 && !warned) {
                    LOG.warn("Not listening for new events (workers poll meanwhile): {}", Database.rootMessage(e));
                    warned = true;
                }
            }
            await(RECONNECT_MILLIS);
        }
    }

    private void deliver(String payload) {
        int space = payload.indexOf(' ');
        if (space < 0 || payload.substring(0, space).equals(instanceId)) {
            return;
        }
        String path = payload.substring(space + 1);
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(path);
            } catch (RuntimeException e) {
                LOG.warn("A new-events listener failed", e);
            }
        }
    }

    private void await(long millis) {
        try {
            closed.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed.countDown();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
