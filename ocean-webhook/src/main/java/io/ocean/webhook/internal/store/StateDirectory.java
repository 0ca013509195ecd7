package io.ocean.webhook.internal.store;

import io.ocean.webhook.store.EventStoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The state directory as a file engine uses it: created {@code 0700} and its files {@code 0600} where the file
 * system has POSIX permissions (they hold raw bodies and signature headers), and held by one process at a time.
 */
final class StateDirectory implements AutoCloseable {

    /** The lock file's name; it stays after the process ends, the lock does not. */
    static final String LOCK_FILE = "events.lock";

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private StateDirectory(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates the directory if needed and takes its lock.
     *
     * @throws EventStoreException when it cannot be created, or another process (or store) holds it
     */
    static StateDirectory acquire(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        createPrivateDirectory(absolute);
        Path lockFile = absolute.resolve(LOCK_FILE);
        createPrivateFile(lockFile);
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new EventStoreException("cannot open the lock file " + lockFile + ": " + e.getMessage(), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // another store in this JVM holds it
        } catch (IOException e) {
            closeQuietly(channel);
            throw new EventStoreException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new EventStoreException("the state directory " + absolute + " is in use by another Ocean "
                    + "process (it holds " + lockFile + "); give each process its own webhooks.stateDir, or share "
                    + "work through a PostgreSQL event store");
        }
        return new StateDirectory(absolute, channel, lock);
    }

    /** The directory, absolute. */
    Path path() {
        return dir;
    }

    /** Creates the directory (and missing parents) {@code 0700} where permissions exist. */
    static void createPrivateDirectory(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, posix() ? new FileAttribute<?>[] {
                        PosixFilePermissions.asFileAttribute(DIRECTORY)} : new FileAttribute<?>[0]);
            }
        } catch (IOException e) {
            throw new EventStoreException("cannot create the state directory " + directory + ": " + e.getMessage(),
                    e);
        }
    }

    /** Creates an empty file {@code 0600} unless it exists; an existing file is made {@code 0600} too. */
    static void createPrivateFile(Path file) {
        try {
            if (posix()) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
                } catch (FileAlreadyExistsException e) {
                    Files.setPosixFilePermissions(file, FILE);
                }
            } else if (!Files.exists(file)) {
                Files.createFile(file);
            }
        } catch (IOException e) {
            throw new EventStoreException("cannot create " + file + ": " + e.getMessage(), e);
        }
    }

    /** Makes an existing file {@code 0600}; a file that is not there is left alone. */
    static void restrict(Path file) {
        if (!posix() || !Files.exists(file)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(file, FILE);
        } catch (IOException e) {
            throw new EventStoreException("cannot restrict the permissions of " + file + ": " + e.getMessage(), e);
        }
    }

    /** Releases the lock. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it too
        }
        closeQuietly(lockChannel);
    }

    private static boolean posix() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
