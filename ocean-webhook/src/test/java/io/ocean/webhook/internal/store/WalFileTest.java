package io.ocean.webhook.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WAL's fdatasync: one channel while the file stays the same, a new one if the file was replaced. */
class WalFileTest {

    @TempDir
    Path temp;

    @Test
    void theChannelIsKeptForTheSameFileAndReopenedForAReplacedOne() throws Exception {
        Path wal = Files.writeString(temp.resolve("events.db-wal"), "frames");
        try (WalFile file = new WalFile(wal)) {
            file.sync();
            Files.writeString(wal, "rewritten in place");
            file.sync();
            assertThat(file.opens()).as("the same file").isEqualTo(1);

            Path other = Files.writeString(temp.resolve("replacement"), "another file");
            Files.move(other, wal, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            file.sync();
            assertThat(file.opens()).as("a replaced file is reopened, not missed").isEqualTo(2);
        }
    }

    @Test
    void aMissingWalIsASyncFailureNotASilentSuccess() throws Exception {
        Path wal = Files.writeString(temp.resolve("events.db-wal"), "frames");
        try (WalFile file = new WalFile(wal)) {
            file.sync();
            Files.delete(wal);
            assertThatThrownBy(file::sync).isInstanceOf(IOException.class);
        }
    }
}
