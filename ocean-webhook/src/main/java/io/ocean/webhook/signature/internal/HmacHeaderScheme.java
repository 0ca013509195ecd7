package io.ocean.webhook.signature.internal;

import io.ocean.core.WebhookEvent;
import io.ocean.webhook.signature.VerificationResult;
import io.ocean.webhook.signature.VerificationResult.Failure;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A signature header holding {@code <prefix><encoded HMAC of the raw body>}; the prefix picks the algorithm. The
 * first rule whose header is present decides: GitHub's {@code X-Hub-Signature-256}, then {@code X-Hub-Signature}.
 */
public final class HmacHeaderScheme implements Scheme {

    /** A header, the algorithm of each prefix it may carry, and the encoding (hex or base64). */
    public record Rule(String header, Map<String, String> algorithmByPrefix, boolean base64) {
    }

    private final String name;
    private final List<Rule> rules;

    /** A scheme trying the rules in order. */
    public HmacHeaderScheme(String name, List<Rule> rules) {
        this.name = name;
        this.rules = List.copyOf(rules);
    }

    /** GitHub: {@code X-Hub-Signature-256: sha256=<hex>}, else {@code X-Hub-Signature} with sha1= or sha256=. */
    public static HmacHeaderScheme github() {
        Map<String, String> legacy = new LinkedHashMap<>();
        legacy.put("sha256=", "HmacSHA256");
        legacy.put("sha1=", "HmacSHA1");
        return new HmacHeaderScheme("github", List.of(
                new Rule("X-Hub-Signature-256", Map.of("sha256=", "HmacSHA256"), false),
                new Rule("X-Hub-Signature", legacy, false)));
    }

    /** Atlassian (Jira, Confluence, Bitbucket): {@code X-Hub-Signature: sha256=<hex>}. */
    public static HmacHeaderScheme atlassian() {
        return new HmacHeaderScheme("atlassian", List.of(
                new Rule("X-Hub-Signature", Map.of("sha256=", "HmacSHA256"), false)));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public VerificationResult check(WebhookEvent event, List<byte[]> secrets, Clock clock, Duration tolerance) {
        for (Rule rule : rules) {
            String value = event.headers().get(rule.header());
            if (value == null) {
                continue;
            }
            value = value.trim();
            for (Map.Entry<String, String> prefix : rule.algorithmByPrefix().entrySet()) {
                if (value.startsWith(prefix.getKey())) {
                    String given = value.substring(prefix.getKey().length());
                    byte[] body = event.rawBody();
                    for (byte[] secret : secrets) {
                        byte[] mac = Hmac.of(prefix.getValue(), secret, body);
                        boolean match = rule.base64() ? Hmac.equal(Base64.getEncoder().encodeToString(mac), given)
                                : Hmac.equalHex(Hmac.hex(mac), given);
                        if (match) {
                            return VerificationResult.success();
                        }
                    }
                    return VerificationResult.failed(Failure.MISMATCH, rule.header() + " does not match any secret");
                }
            }
            return VerificationResult.failed(Failure.BAD_FORMAT, rule.header() + " has an unknown prefix; expected one of "
                    + rule.algorithmByPrefix().keySet());
        }
        return VerificationResult.failed(Failure.MISSING_HEADER, "no " + rules.stream().map(Rule::header).toList()
                + " header");
    }
}
