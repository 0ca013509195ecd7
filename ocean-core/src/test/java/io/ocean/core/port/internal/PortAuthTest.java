package io.ocean.core.port.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ocean.core.port.PortApiException;
import io.ocean.core.port.PortClientConfig;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The access token against a WireMock Port: failures arrive as failed futures, never as null or a thrown NPE. */
class PortAuthTest {

    private final WireMockServer port = new WireMockServer(wireMockConfig().dynamicPort());
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void start() {
        port.start();
        port.stubFor(post("/v1/auth/access_token").willReturn(okJson(
                "{\"accessToken\":\"tok\",\"expiresIn\":3600,\"tokenType\":\"Bearer\"}")));
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        port.stop();
    }

    private PortClientConfig.Builder config() {
        return PortClientConfig.custom().baseUrl(port.baseUrl()).clientId("client-1").clientSecret("secret")
                .integration("github", "1.2.3", "my-github").maxAttempts(1);
    }

    @Test
    void aTokenFetchThatFailsAtOnceIsAFailedFutureNotNull() {
        // a line break cannot go into the User-Agent header: the token request fails before it is sent
        PortClientConfig config = config().integration("github", "1.2.3", "my\ngithub").build();
        PortAuth auth = new PortAuth(new PortHttp(config, HttpClient.newHttpClient(), scheduler), config);

        CompletableFuture<String> header = auth.header();

        assertThat(header).isNotNull();
        assertThat(header).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(PortApiException.class);
    }

    @Test
    void anAuthenticatedRequestWhoseTokenFetchFailsAtOnceFailsItsFutureInsteadOfThrowing() {
        PortClientConfig config = config().integration("github", "1.2.3", "my\ngithub").build();
        PortHttp http = new PortHttp(config, HttpClient.newHttpClient(), scheduler);

        CompletableFuture<PortResponse> response = http.send(new PortHttp.Request("GET", "/v1/blueprints", null, true));

        assertThat(response).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(PortApiException.class);
    }

    @Test
    void aGoodTokenIsFetchedOnceAndReused() {
        PortClientConfig config = config().build();
        PortAuth auth = new PortAuth(new PortHttp(config, HttpClient.newHttpClient(), scheduler), config);

        assertThat(auth.header().join()).isEqualTo("Bearer tok");
        assertThat(auth.header().join()).isEqualTo("Bearer tok");

        assertThat(port.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/v1/auth/access_token")))).hasSize(1);
    }
}
