package io.ocean.webhook.internal.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * {@code fdatasync} of {@code events.db-wal} (what SQLite itself calls on Linux), through a channel of our own: the
 * kernel syncs per file, not per descriptor, so this flushes the frames SQLite wrote through its descriptor. Used by
 * the syncer thread only.
 *
 * <p>The WAL is created at the first write and, while the writer's connection is open, only ever truncated or
 * rewritten in place (SQLite deletes it when the last connection closes). The channel is opened lazily, and before
 * each sync the file's identity is checked, so that a WAL that was replaced after all is reopened, not missed.
 */
final class WalFile implements WalSyncer.Sync, AutoCloseable {

    private final Path path;
    private FileChannel channel;
    private Object identity;
    private int opens;

    WalFile(Path path) {
        this.path = path;
    }

    @Override
    public void sync() throws IOException {
        // The file key is null where the platform has none (Windows): there the channel is kept as opened.
        Object current = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        if (channel == null || !Objects.equals(current, identity)) {
            close();
            // WRITE: Windows flushes only a handle opened for writing; nothing is ever written through it.
            channel = FileChannel.open(path, StandardOpenOption.WRITE);
            identity = current;
            opens++;
        }
        channel.force(false);
    }

    /** How many times the channel was opened; for tests. */
    int opens() {
        return opens;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            FileChannel open = channel;
            channel = null;
            open.close();
        }
    }
}
