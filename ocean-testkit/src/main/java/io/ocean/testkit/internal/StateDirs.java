package io.ocean.testkit.internal;

import io.ocean.core.OceanException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The state folders of integrations under test: in the build's output folder ({@code target/} for Maven,
 * {@code build/} for Gradle, so that {@code mvn clean} removes what a crashed test left), else the system's temporary
 * folder; deleted after each test.
 */
public final class StateDirs {

    /** The system property that names another parent folder. */
    public static final String PROPERTY = "ocean.test.stateRoot";

    /** Deletes one file or empty folder; a seam for the test of what is left. */
    interface Deleter {
        void delete(Path path) throws IOException;
    }

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

    /**
     * Deletes the folder and everything in it. A file that cannot be deleted is left, the rest is still deleted, and
     * what was left is logged (the test goes on).
     */
    public static void delete(Path dir) {
        List<Path> left = delete(dir, Files::deleteIfExists);
        if (!left.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(StateDirs.class).warn("cannot delete {} path(s) of the test state "
                    + "folder {}, first {}", left.size(), dir, left.subList(0, Math.min(5, left.size())));
        }
    }

    /** Deletes what it can below {@code dir}, going on past what it cannot; returns what is left. */
    static List<Path> delete(Path dir, Deleter deleter) {
        List<Path> left = new ArrayList<>();
        if (dir == null || !Files.exists(dir)) {
            return left;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    remove(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (!(e instanceof NoSuchFileException)) {
                        left.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path folder, IOException e) {
                    remove(folder);
                    return FileVisitResult.CONTINUE;
                }

                private void remove(Path path) {
                    try {
                        deleter.delete(path);
                    } catch (NoSuchFileException gone) {
                        // deleted meanwhile: what was wanted
                    } catch (IOException e) {
                        left.add(path);
                    }
                }
            });
        } catch (IOException e) {
            left.add(dir);
        }
        return left;
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
