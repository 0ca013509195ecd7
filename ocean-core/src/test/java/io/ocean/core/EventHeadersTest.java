package io.ocean.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventHeadersTest {

    @Test
    void namesAreCaseInsensitiveAndValuesKeepTheirOrder() {
        EventHeaders headers = EventHeaders.of(Map.of("X-GitHub-Event", List.of("issues"),
                "Accept", List.of("a", "b")));

        assertThat(headers.get("x-github-event")).isEqualTo("issues");
        assertThat(headers.get("X-GITHUB-EVENT")).isEqualTo("issues");
        assertThat(headers.all("accept")).containsExactly("a", "b");
        assertThat(headers.get("missing")).isNull();
        assertThat(headers.all("missing")).isEmpty();
    }

    @Test
    void namesDifferingInCaseAreMerged() {
        EventHeaders headers = EventHeaders.of("Via", "1", "VIA", "2");

        assertThat(headers.all("via")).containsExactly("1", "2");
        assertThat(headers.names()).containsExactly("via");
    }

    @Test
    void toStringShowsNamesButNeverValues() {
        EventHeaders headers = EventHeaders.of("X-Gitlab-Token", "super-secret");

        assertThat(headers.toString()).contains("x-gitlab-token").doesNotContain("super-secret");
    }

    @Test
    void oddNamesAndValuesAreRejected() {
        assertThatThrownBy(() -> EventHeaders.of("only-a-name"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("odd");
    }
}
