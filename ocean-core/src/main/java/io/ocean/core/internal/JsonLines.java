package io.ocean.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.OceanException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files of one compact JSON object per line: the state Ocean keeps across restarts. Appends are flushed per line;
 * a torn line (a crash mid-write) is skipped with a warning when read.
 */
public final class JsonLines {

    private static final Logger log = LoggerFactory.getLogger(JsonLines.class);

    private JsonLines() {
    }

    /** Every readable object in the file, in order; an absent file is empty. */
    public static List<JsonNode> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OceanException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<JsonNode> objects = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = Json.MAPPER.readTree(line);
                if (node != null && node.isObject()) {
                    objects.add(node);
                    continue;
                }
            } catch (IOException e) {
                // fall through to the warning: a torn or hand-edited line
            }
            log.warn("{} line {} is not a JSON object{}; skipped", file, i + 1,
                    i == lines.size() - 1 ? " (torn last line?)" : "");
        }
        return objects;
    }

    /**
     * Makes a state file readable and writable by its owner only, where the file system has POSIX permissions:
     * state files hold what third parties sent.
     */
    public static void ownerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Replaces the file's content with these objects, atomically (write aside, then move). */
    public static void rewrite(Path file, List<? extends JsonNode> objects) {
        try {
            createParent(file);
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                ownerOnly(temp);
                for (JsonNode object : objects) {
                    out.write(Json.MAPPER.writeValueAsString(object));
                    out.write('\n');
                }
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new OceanException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends one object as a line and flushes it to the file. */
    public static void append(Path file, JsonNode object) {
        try {
            createParent(file);
            byte[] line = (Json.MAPPER.writeValueAsString(object) + "\n").getBytes(StandardCharsets.UTF_8);
            Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new OceanException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes the file if it exists. */
    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new OceanException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
