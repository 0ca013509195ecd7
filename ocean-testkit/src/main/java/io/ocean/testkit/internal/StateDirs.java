package io.ocean.testkit.internal;

import io.ocean.core.OceanException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The state folders of integrations under test: in the build's output folder ({@code target/} for Maven,
 * {@code build/} for Gradle, so that {@code mvn clean} removes what a crashed test left), else the system's temporary
 * folder; deleted after each test.
 */
public final class StateDirs {

    /** The system property that names another parent folder. */
    public static final String PROPERTY = "ocean.test.stateRoot";

    private StateDirs() {
    }

    /** A new, empty state folder {@code ocean-test-*} in the build's output folder. */
    public static Path create() {
        try {
            Path parent = parent();
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "ocean-test-");
        } catch (IOException e) {
            throw new OceanException("cannot create a state folder for the test", e);
        }
    }

    /** Deletes the folder and everything in it; a file that cannot be deleted is left (and the test goes on). */
    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path folder, IOException e) throws IOException {
                    Files.deleteIfExists(folder);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException ignored) {
            // already gone
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(StateDirs.class).warn("cannot delete the test state folder {}: {}",
                    dir, e.toString());
        }
    }

    private static Path parent() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path here = Path.of(System.getProperty("user.dir"));
        if (Files.exists(here.resolve("pom.xml")) || Files.isDirectory(here.resolve("target"))) {
            return here.resolve("target");
        }
        if (Files.exists(here.resolve("build.gradle")) || Files.exists(here.resolve("build.gradle.kts"))) {
            return here.resolve("build");
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}
