package io.ocean.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every code block in README.md and docs/ that is marked {@code <!-- snippet: path#name -->} equals, line for line
 * (indentation aside), the region between {@code // snippet:name} and {@code // end-snippet} (or {@code #} in YAML) in
 * that file, which compiles (or is loaded) in the build; and every type and {@code Type.member} written in inline code
 * exists (see {@link DocNames}).
 */
class DocsSnippetsTest {

    private static final Path ROOT = Path.of(System.getProperty("ocean.root", "../.."));
    private static final Pattern MARKED = Pattern.compile(
            "<!-- snippet: ([^#\\s]+)#([\\w-]+) -->\\s*\\n```\\w*\\n(.*?)\\n```", Pattern.DOTALL);

    @Test
    void everyMarkedSnippetMatchesItsSource() throws IOException {
        int checked = 0;
        for (Path page : pages()) {
            Matcher marked = MARKED.matcher(Files.readString(page));
            while (marked.find()) {
                String source = region(ROOT.resolve(marked.group(1)), marked.group(2));
                assertThat(dedent(marked.group(3))).as("%s: snippet %s#%s", page.getFileName(), marked.group(1),
                        marked.group(2)).isEqualTo(source);
                checked++;
            }
        }
        assertThat(checked).as("marked snippets found").isGreaterThanOrEqualTo(10);
    }

    @Test
    void everyTypeAndMemberNamedInInlineCodeExists() throws IOException {
        DocNames names = new DocNames(ROOT);
        List<String> problems = new ArrayList<>();
        for (Path page : pages()) {
            names.missing(page).forEach(name -> problems.add(ROOT.relativize(page) + ": " + name));
        }
        assertThat(problems).as("names in docs that do not exist").isEmpty();
    }

    @Test
    void aNameThatDoesNotExistIsReported(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path page = Files.writeString(dir.resolve("page.md"), "Use `Verifiers.atlassian(secret)`, "
                + "`Verifiers.jira(secret)`, `SignatureVerifier`, `SignatureChecker` and `Duration.ofSeconds(5)`.\n"
                + "```java\nNotChecked.inFencedBlocks();\n```\n");

        assertThat(new DocNames(ROOT).missing(page))
                .containsExactly("Verifiers.jira (in `Verifiers.jira(secret)`)", "SignatureChecker (in `SignatureChecker`)");
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static String region(Path file, String name) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.equals("// snippet:" + name) || line.equals("# snippet:" + name)) {
                start = i + 1;
            } else if (start >= 0 && (line.equals("// end-snippet") || line.equals("# end-snippet"))) {
                return dedent(String.join("\n", lines.subList(start, i)));
            }
        }
        throw new AssertionError("no snippet " + name + " in " + file);
    }

    private static String dedent(String block) {
        List<String> lines = block.lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
    }
}
