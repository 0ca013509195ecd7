package io.ocean.webhook.internal.port;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ocean.core.OceanException;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.port.PortClientConfig;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The connection to a WireMock Port that is slow to answer. */
class PortConnectionTest {

    private final WireMockServer port = new WireMockServer(wireMockConfig().dynamicPort());
    private PortConnection connection;

    @BeforeEach
    void start() {
        port.start();
        port.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withFixedDelay(5_000)));
        connection = PortConnection.open(PortClientConfig.custom().baseUrl(port.baseUrl()).clientId("client-1")
                .clientSecret("secret").integration("github", "1.2.3", "my-github").build());
    }

    @AfterEach
    void stop() {
        Thread.interrupted(); // never leave the flag to the next test
        connection.close();
        port.stop();
    }

    @Test
    void anInterruptWhileWaitingForTheRegistrationIsKeptAndStopsTheWait() {
        Thread.currentThread().interrupt();

        Throwable thrown = catchThrowable(() -> connection.register(null, PortAppConfig.empty(), 60,
                Duration.ofSeconds(30)));

        assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
        assertThat(thrown).isInstanceOf(OceanException.class).hasCauseInstanceOf(InterruptedException.class);
    }
}
