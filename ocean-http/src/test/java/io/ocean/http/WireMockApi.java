package io.ocean.http;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A WireMock third-party API on a random port, and a client for it with short backoffs. */
abstract class WireMockApi {

    final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());

    @BeforeEach
    void startServer() {
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    HttpApiConfig.Builder config() {
        return HttpApiConfig.custom().baseUrl(server.baseUrl() + "/api/v4")
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50), 0.2);
    }
}
