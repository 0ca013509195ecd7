package io.ocean.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public project type a docs/ page names in inline code is listed in the page's "Packages of the types on this
 * page" table under its package, so an author never has to javap a jar to find an import.
 */
class DocPackagesTest {

    private static final Path ROOT = Path.of(System.getProperty("ocean.root", "../.."));
    private static final String SECTION = "## Packages of the types on this page";
    private static final Pattern SPAN = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern TYPE = Pattern.compile("(?<![\\w.$-])([A-Z][A-Za-z0-9]*)");

    @Test
    void everyProjectTypeNamedOnAPageIsListedUnderItsPackage() throws IOException {
        Map<String, String> packages = publicTypes();
        List<String> missing = new ArrayList<>();
        try (Stream<Path> pages = Files.list(ROOT.resolve("docs"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md") && !p.endsWith("README.md")).toList()) {
                String text = Files.readString(page);
                int section = text.indexOf(SECTION);
                String body = (section < 0 ? text : text.substring(0, section)).replaceAll("(?s)```.*?```", "");
                String table = section < 0 ? "" : text.substring(section);
                Matcher span = SPAN.matcher(body);
                while (span.find()) {
                    Matcher type = TYPE.matcher(span.group(1));
                    while (type.find()) {
                        String pkg = packages.get(type.group(1));
                        if (pkg != null && !listed(table, pkg, type.group(1))) {
                            missing.add(page.getFileName() + ": " + type.group(1) + " (" + pkg + ")");
                        }
                    }
                }
            }
        }
        assertThat(missing).as("types named but not listed under their package").isEmpty();
    }

    private static boolean listed(String table, String pkg, String type) {
        for (String row : table.split("\n")) {
            if (row.startsWith("| `" + pkg + "` |") && row.contains("`" + type + "`")) {
                return true;
            }
        }
        return false;
    }

    /** Public types of the published modules (not internal, not examples), by simple name. */
    private static Map<String, String> publicTypes() throws IOException {
        Map<String, String> types = new HashMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.startsWith("ocean-") && p.contains("/src/main/java/io/ocean/")
                            && p.endsWith(".java") && !p.contains("/internal/") && !p.endsWith("package-info.java"))
                    .forEach(p -> {
                        String fqn = p.substring(p.indexOf("/src/main/java/") + "/src/main/java/".length(),
                                p.length() - ".java".length()).replace('/', '.');
                        types.put(fqn.substring(fqn.lastIndexOf('.') + 1), fqn.substring(0, fqn.lastIndexOf('.')));
                    });
        }
        return types;
    }
}
