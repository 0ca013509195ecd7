package io.ocean.jq;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.config.ResourceConfig;
import io.ocean.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ItemReader#read(byte[], int, int)} reads what {@link ItemReader#read(JsonParser)} reads from the same
 * bytes — equal trees, node for node (an int stays an int), in the same order, and the same error on bytes that are
 * not JSON — whether the reader projects or reads whole.
 */
class ItemReaderBytesTest {

    private static final JqEntityMapper MAPPER = JqEntityMapper.create();

    private static ItemReader reader(String... mappings) {
        StringBuilder yaml = new StringBuilder("""
                resources:
                  - kind: thing
                    port:
                      entity:
                        mappings:
                          identifier: .id
                          blueprint: '"thing"'
                          properties:
                """);
        for (int i = 0; i < mappings.length; i++) {
            yaml.append("              p").append(i).append(": '").append(mappings[i].replace("'", "''")).append("'\n");
        }
        ResourceConfig resource = PortAppConfig.fromYaml(yaml.toString()).resources().get(0);
        return MAPPER.reader(resource);
    }

    private static final List<ItemReader> READERS = List.of(
            reader(".title", ".user.login", "[.requested_reviewers[].login]", ".head.repo.name", ".n", ".f"),
            reader("."),                                    // reads whole
            reader(".a.b", ".list[].x", "[.m[]]"));

    /** The value or the error (class and message), as text, for both ways of reading. */
    private static String[] bothWays(ItemReader reader, byte[] bytes, int offset, int length) {
        String viaParser;
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(bytes, offset, length)) {
            viaParser = describe(reader.read(parser));
        } catch (Exception e) {
            viaParser = e.getClass().getName() + ": " + e.getMessage();
        }
        String viaBytes;
        try {
            viaBytes = describe(reader.read(bytes, offset, length));
        } catch (Exception e) {
            viaBytes = e.getClass().getName() + ": " + e.getMessage();
        }
        return new String[] {viaParser, viaBytes};
    }

    /** The tree with every node's class, so IntNode 1 and LongNode 1 differ. */
    private static String describe(JsonNode node) {
        StringBuilder out = new StringBuilder();
        describe(node, out);
        return out.toString();
    }

    private static void describe(JsonNode node, StringBuilder out) {
        out.append(node.getClass().getSimpleName()).append('(');
        if (node.isContainerNode()) {
            node.fields().forEachRemaining(e -> {
                out.append(e.getKey()).append('=');
                describe(e.getValue(), out);
                out.append(',');
            });
            if (node.isArray()) {
                node.elements().forEachRemaining(e -> {
                    describe(e, out);
                    out.append(',');
                });
            }
        } else {
            out.append(node.toString());
        }
        out.append(')');
    }

    private static void assertSame(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        for (ItemReader reader : READERS) {
            String[] both = bothWays(reader, bytes, 0, bytes.length);
            assertThat(both[1]).as(json).isEqualTo(both[0]);
        }
    }

    @Test
    void aPullRequestReadsTheSameEitherWay() throws Exception {
        byte[] file = Files.readAllBytes(Fixtures.DIR.resolve("github/pull_request.opened.json"));
        JsonNode pullRequest = Json.MAPPER.readTree(file).get("pull_request");
        assertSame(pullRequest.toString());
        assertSame(new String(file, StandardCharsets.UTF_8));
        // inside a larger array, at an offset, as MapFile hands items over
        byte[] padded = ("[" + pullRequest + "," + pullRequest + "]").getBytes(StandardCharsets.UTF_8);
        int length = pullRequest.toString().getBytes(StandardCharsets.UTF_8).length;
        String[] both = bothWays(READERS.get(0), padded, 1, length);
        assertThat(both[1]).isEqualTo(both[0]).startsWith("ObjectNode(");
    }

    @Test
    void everyKindOfValueAndEveryKindOfErrorReadsTheSameEitherWay() {
        List<String> cases = List.of(
                "{\"title\":\"plain\",\"user\":{\"login\":\"octo\",\"id\":1},\"n\":12,\"f\":1.5}",
                "{\"title\":\"esc\\\"aped\\n\\u00e9\",\"x\":\"\\ud83d\\ude00\",\"n\":-0,\"f\":1e3}",
                "{\"title\":\"h\u00e9llo \ud83d\ude00\",\"skip\":\"\u4e2d\u6587\"}",
                "{\"n\":123456789012,\"f\":12345678901234567890123,\"x\":-9223372036854775808}",
                "{\"n\":2147483648,\"f\":-2147483649,\"g\":2147483647}",
                "{\"title\":1,\"title\":2}", "{\"skip\":1,\"skip\":2}", "{\"user\":{\"login\":1,\"login\":null}}",
                "{\"requested_reviewers\":[{\"login\":\"a\"},{\"login\":\"b\",\"id\":3}],\"m\":{\"k\":[1,{}]}}",
                "{\"requested_reviewers\":{\"x\":{\"login\":\"a\"}},\"list\":[{\"x\":1,\"y\":[2]},3,null,\"s\"]}",
                "{\"user\":null,\"head\":{\"repo\":[1]},\"a\":{\"b\":true,\"c\":false}}",
                " \n\t{ \"title\" : \"ws\" , \"n\" : 1 } \n", "[]", "{}", "[1,2,{\"a\":{\"b\":1}}]", "\"s\"",
                "12", "true", "null", "-1.5e-3",
                // not JSON, or not JSON Jackson accepts
                "", " ", "{", "{\"title\":}", "{\"title\":\"x\",}", "[1,]", "{\"a\" 1}", "{'a':1}", "{\"a\":tru}",
                "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":NaN}", "{\"a\":\"\u0001\"}",
                "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":truex}", "{\"a\":1x}", "12x", "{} x", "{}}",
                "{\"a\":1}{\"b\":2}", "{\"a\":\"unterminated}", "{\"title\":\"x\"} // comment", "\ufeff{\"a\":1}",
                "{\"a\":[1 2]}", "{\"a\":{\"b\":1]}", "{\"a\":[1}", "{\"a\":\"" + "x".repeat(50_001) + "\"}",
                "{\"" + "k".repeat(50_001) + "\":1}", "{\"title\":\"" + "x".repeat(50_001) + "\"}",
                "[".repeat(450) + "]".repeat(450), "{\"a\":" + "[".repeat(1200) + "]".repeat(1200) + "}",
                "{\"n\":" + "9".repeat(1200) + "}", "{\"skip\":" + "9".repeat(1200) + "}");
        for (String json : cases) {
            assertSame(json);
        }
        // bytes that are not UTF-8, in a skipped field and in a decoded one
        for (byte[] bad : List.of(new byte[] {'{', '"', 'x', '"', ':', '"', (byte) 0xC3, '"', '}'},
                new byte[] {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC0, (byte) 0x80, '"', '}'},
                new byte[] {'{', '"', 'x', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'},
                new byte[] {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xFF, '"', '}'})) {
            for (ItemReader reader : READERS) {
                String[] both = bothWays(reader, bad, 0, bad.length);
                assertThat(both[1]).isEqualTo(both[0]);
            }
        }
    }

    @Test
    void randomlyDamagedItemsReadTheSameEitherWay() {
        String base = "{\"title\":\"T\u00e9\",\"user\":{\"login\":\"octo\",\"id\":21},\"requested_reviewers\":"
                + "[{\"login\":\"r\"}],\"head\":{\"ref\":\"b\",\"repo\":{\"name\":\"n\"}},\"n\":-12,\"f\":0.25,"
                + "\"skip\":{\"deep\":[true,false,null,\"\\\"q\\\"\",1e5,{\"k\":\"v\"}]},\"a\":{\"b\":[1,2]}}";
        byte[] original = base.getBytes(StandardCharsets.UTF_8);
        byte[] alphabet = "{}[]:,\"\\ 0123456789-+.eEtrufalsn\u00e9x".getBytes(StandardCharsets.UTF_8);
        Random random = new Random(22);
        List<String> differences = new ArrayList<>();
        for (int round = 0; round < 5_000; round++) {
            byte[] bytes = original.clone();
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                int at = random.nextInt(bytes.length);
                bytes[at] = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            int length = random.nextInt(10) == 0 ? random.nextInt(bytes.length) : bytes.length;
            for (ItemReader reader : READERS) {
                String[] both = bothWays(reader, bytes, 0, length);
                if (!both[1].equals(both[0])) {
                    differences.add(new String(bytes, 0, length, StandardCharsets.ISO_8859_1) + "\n  " + both[0]
                            + "\n  " + both[1]);
                }
            }
        }
        assertThat(differences).isEmpty();
    }
}
