package io.ocean.examples.hello;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The names a page writes in inline code ({@code `Verifiers.atlassian(secret)`}, {@code `SignatureVerifier`}) and
 * whether each exists: a public type of the project (by reflection), a JDK type, or, for classes outside this
 * module's class path (tests, benchmarks), a source file in the repository that declares the member.
 */
final class DocNames {

    /** Inline code spans, outside fenced blocks. */
    private static final Pattern SPAN = Pattern.compile("`([^`\\n]+)`");
    /**
     * {@code Type.member}, where the type is not itself qualified by a lower-case package or variable, nor a Maven
     * property ({@code -Djmh.args}) or a jq variable ({@code $ARGS.named}).
     */
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.$-])([A-Z][A-Za-z0-9]*)\\.([A-Za-z_][A-Za-z0-9_]*)");
    /** A fully qualified JDK name, such as {@code java.net.http.HttpClient.sendAsync}. */
    private static final Pattern JDK = Pattern.compile("\\b((?:java|javax)\\.[a-z.]+\\.[A-Z][A-Za-z0-9]*)\\.([a-zA-Z_]\\w*)");
    /** A type alone: CamelCase with at least two humps, such as {@code SignatureVerifier}. */
    private static final Pattern TYPE_ALONE = Pattern.compile("[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+");
    private static final List<String> JDK_PACKAGES = List.of("java.lang", "java.util", "java.time", "java.security",
            "java.nio.file", "java.nio.channels", "java.net.http", "java.util.concurrent", "java.util.function",
            "java.util.stream", "java.io", "javax.crypto");

    /**
     * Names of other software or standards that pages quote, such as the Python framework's classes or a cookie
     * attribute.
     */
    private static final java.util.Set<String> ELSEWHERE = java.util.Set.of("LocalQueue", "HttpOnly");

    private final Path root;
    private final Map<String, Class<?>> projectTypes = new HashMap<>();
    private final Map<String, Path> sources = new HashMap<>();

    DocNames(Path root) throws IOException {
        this.root = root;
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/target/")
                    && !p.toString().contains("/archetype-resources/")).forEach(this::index);
        }
    }

    /** Every name written in a page's inline code that does not exist, with why. */
    List<String> missing(Path page) throws IOException {
        List<String> problems = new ArrayList<>();
        String text = withoutFencedBlocks(Files.readString(page));
        Matcher span = SPAN.matcher(text);
        while (span.find()) {
            String code = span.group(1);
            Matcher jdk = JDK.matcher(code);
            while (jdk.find()) {
                check(load(jdk.group(1)).map(type -> hasMember(type, jdk.group(2))).orElse(false),
                        code, jdk.group(1) + "." + jdk.group(2), problems);
            }
            Matcher qualified = QUALIFIED.matcher(code);
            while (qualified.find()) {
                String type = qualified.group(1);
                String member = qualified.group(2);
                check(exists(type, member), code, type + "." + member, problems);
            }
            if (TYPE_ALONE.matcher(code).matches()) {
                check(exists(code, null), code, code, problems);
            }
        }
        return problems;
    }

    private void check(boolean exists, String code, String name, List<String> problems) {
        if (!exists) {
            problems.add(name + " (in `" + code + "`)");
        }
    }

    private boolean exists(String type, String member) {
        if (ELSEWHERE.contains(type)) {
            return true;
        }
        Optional<Class<?>> loaded = resolve(type);
        if (loaded.isPresent()) {
            return member == null || hasMember(loaded.get(), member);
        }
        Path source = sources.get(type);
        if (source == null) {
            return false;
        }
        try {
            return member == null || Pattern.compile("\\b" + Pattern.quote(member) + "\\b")
                    .matcher(Files.readString(source)).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<Class<?>> resolve(String simpleName) {
        Class<?> project = projectTypes.get(simpleName);
        if (project != null) {
            return Optional.of(project);
        }
        for (String pkg : JDK_PACKAGES) {
            Optional<Class<?>> type = load(pkg + "." + simpleName);
            if (type.isPresent()) {
                return type;
            }
        }
        return Optional.empty();
    }

    private static boolean hasMember(Class<?> type, String member) {
        return Arrays.stream(type.getMethods()).map(Method::getName).anyMatch(member::equals)
                || Arrays.stream(type.getFields()).map(Field::getName).anyMatch(member::equals)
                || Arrays.stream(type.getClasses()).map(Class::getSimpleName).anyMatch(member::equals)
                || (type.isRecord() && Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                        .anyMatch(member::equals));
    }

    private void index(Path file) {
        String name = file.getFileName().toString().replace(".java", "");
        if (name.equals("package-info") || name.equals("module-info")) {
            return;
        }
        sources.putIfAbsent(name, file);
        String path = root.relativize(file).toString();
        int at = path.indexOf("/src/main/java/io/ocean/");
        if (at < 0 || path.contains("/internal/") || path.startsWith("examples/")) {
            return;
        }
        String fqn = path.substring(at + "/src/main/java/".length(), path.length() - ".java".length())
                .replace('/', '.');
        load(fqn).ifPresent(type -> {
            projectTypes.put(type.getSimpleName(), type);
            for (Class<?> nested : type.getClasses()) {
                projectTypes.putIfAbsent(nested.getSimpleName(), nested);
            }
        });
    }

    private static Optional<Class<?>> load(String name) {
        try {
            return Optional.of(Class.forName(name, false, DocNames.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static String withoutFencedBlocks(String markdown) {
        return markdown.replaceAll("(?s)```.*?```", "");
    }
}
