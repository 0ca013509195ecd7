package io.ocean.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A state folder is deleted as far as it can be: one file that will not go does not keep the rest. */
class StateDirsTest {

    @Test
    void aFileThatCannotBeDeletedIsLeftAndReportedAndTheRestIsDeleted() throws IOException {
        Path dir = StateDirs.create();
        Files.createDirectories(dir.resolve("a/b"));
        for (String name : List.of("one", "two", "a/three", "a/b/four")) {
            Files.writeString(dir.resolve(name), name);
        }
        AtomicReference<Path> stuck = new AtomicReference<>();

        List<Path> left = StateDirs.delete(dir, path -> {
            // the first file met cannot be deleted, whichever the walk meets first
            if (Files.isRegularFile(path) && stuck.compareAndSet(null, path) || path.equals(stuck.get())) {
                throw new IOException("held open");
            }
            Files.deleteIfExists(path);
        });

        Path held = stuck.get();
        assertThat(left).contains(held);
        try (var remaining = Files.walk(dir)) {
            assertThat(remaining.filter(Files::isRegularFile)).containsExactly(held);
        }
        Files.delete(held);
        StateDirs.delete(dir);
        assertThat(dir).doesNotExist();
    }
}
