package io.ocean.webhook.internal.resync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The next scheduled resync, as reported to Port, follows the real schedule counted from the start. */
class ResyncScheduleTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    private static ResyncSchedule at(String now, Duration interval) {
        return new ResyncSchedule(START, interval, Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    }

    @Test
    void theNextResyncIsTheNextMultipleOfTheIntervalAfterNow() {
        assertThat(at("2026-12-01T10:00:00Z", Duration.ofMinutes(60)).next()).isEqualTo("2026-12-01T11:00:00Z");
        assertThat(at("2026-12-01T10:59:59Z", Duration.ofMinutes(60)).next()).isEqualTo("2026-12-01T11:00:00Z");
        assertThat(at("2026-12-01T11:00:00Z", Duration.ofMinutes(60)).next()).isEqualTo("2026-12-01T12:00:00Z");
        assertThat(at("2026-12-01T13:10:00Z", Duration.ofMinutes(15)).next()).isEqualTo("2026-12-01T13:15:00Z");
        assertThat(at("2026-12-01T13:10:00Z", Duration.ofMinutes(15)).minutes()).isEqualTo(15);
    }

    @Test
    void withoutAnIntervalThereIsNoNextResync() {
        assertThat(at("2026-12-01T10:00:00Z", null).next()).isNull();
        assertThat(at("2026-12-01T10:00:00Z", null).minutes()).isNull();
    }
}
