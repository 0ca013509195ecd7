package io.ocean.webhook.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The loopback and origin rules as decisions on what a request carries, including what no test client can send. */
class ConsoleAccessRuleTest {

    @Test
    void onlyALoopbackPeerWithALocalHostAndNoForwardingIsLocal() {
        assertThat(ConsoleAccess.isLocal("127.0.0.1", "127.0.0.1:8000", false)).isTrue();
        assertThat(ConsoleAccess.isLocal("127.0.0.2", null, false)).isTrue();
        assertThat(ConsoleAccess.isLocal("0:0:0:0:0:0:0:1", "[::1]:8000", false)).isTrue();
        assertThat(ConsoleAccess.isLocal("::1", "localhost:8000", false)).isTrue();
        assertThat(ConsoleAccess.isLocal("127.0.0.1", "console.localhost", false)).isTrue();

        assertThat(ConsoleAccess.isLocal("10.1.2.3", "127.0.0.1:8000", false)).isFalse();
        assertThat(ConsoleAccess.isLocal("192.0.2.7", "localhost", false)).isFalse();
        assertThat(ConsoleAccess.isLocal("::ffff:10.0.0.1", null, false)).isFalse();
        assertThat(ConsoleAccess.isLocal("127.0.0.1", "127.0.0.1:8000", true)).as("forwarded by a proxy").isFalse();
        assertThat(ConsoleAccess.isLocal("127.0.0.1", "evil.example:8000", false)).as("DNS rebinding").isFalse();
        assertThat(ConsoleAccess.isLocal("localhost", null, false)).as("a name, not an address").isFalse();
        assertThat(ConsoleAccess.isLocal(null, null, false)).isFalse();
    }

    @Test
    void anOriginMustBeTheConsolesOwnAndACookieNeedsOne() {
        assertThat(ConsoleAccess.sameOrigin("http://127.0.0.1:8000", "127.0.0.1:8000", null, true)).isTrue();
        assertThat(ConsoleAccess.sameOrigin("https://ocean.example.com", "ocean.example.com", "same-origin", true))
                .isTrue();
        assertThat(ConsoleAccess.sameOrigin("https://ocean.example.com", "ocean.example.com:443", null, true)).isTrue();
        assertThat(ConsoleAccess.sameOrigin(null, "127.0.0.1:8000", null, false)).as("a script").isTrue();

        assertThat(ConsoleAccess.sameOrigin(null, "127.0.0.1:8000", null, true)).isFalse();
        assertThat(ConsoleAccess.sameOrigin("https://evil.example", "127.0.0.1:8000", null, false)).isFalse();
        assertThat(ConsoleAccess.sameOrigin("http://127.0.0.1:9999", "127.0.0.1:8000", null, true)).isFalse();
        assertThat(ConsoleAccess.sameOrigin("null", "127.0.0.1:8000", null, true)).isFalse();
        assertThat(ConsoleAccess.sameOrigin("http://127.0.0.1:8000", "127.0.0.1:8000", "cross-site", true)).isFalse();
    }

    @Test
    void theSessionCookieIsDerivedFromTheTokenAndIsNotIt() {
        ConsoleAccess access = new ConsoleAccess("a-console-token-of-some-length");

        assertThat(access.sessionValue()).doesNotContain("a-console-token").hasSize(64);
        assertThat(new ConsoleAccess("a-console-token-of-some-length").sessionValue()).isEqualTo(access.sessionValue());
        assertThat(new ConsoleAccess("another-console-token-entirely").sessionValue())
                .isNotEqualTo(access.sessionValue());
        assertThat(access.tokenMatches("a-console-token-of-some-length")).isTrue();
        assertThat(access.tokenMatches("a-console-token-of-some-lengtH")).isFalse();
        assertThat(access.tokenMatches(null)).isFalse();
    }
}
