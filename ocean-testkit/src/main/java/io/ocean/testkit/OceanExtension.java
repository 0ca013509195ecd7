package io.ocean.testkit;

import io.ocean.core.config.PortAppConfig;
import io.ocean.webhook.Ocean;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@link OceanTest} as a JUnit 5 extension: a fresh FakePort and a started integration for every test, stopped
 * after it; the integration's state folder ({@code target/ocean-test-*}) is deleted after each test. Test methods may take {@link Ocean}, {@link FakePort} and {@link OceanTestClient} parameters.
 *
 * <pre>{@code
 * @RegisterExtension
 * final OceanExtension ocean = OceanExtension.of(MyIntegration::create).withPortAppConfig(mapping);
 *
 * @Test
 * void upsertsTheIssue(OceanTestClient client, FakePort port, Ocean app) { ... }
 * }</pre>
 */
public final class OceanExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final Supplier<Ocean> factory;
    private PortAppConfig portAppConfig;
    private FakePort port;
    private Ocean ocean;
    private OceanTestClient client;
    private java.nio.file.Path stateDir;

    private OceanExtension(Supplier<Ocean> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** An extension that creates the integration under test with {@code factory} before each test. */
    public static OceanExtension of(Supplier<Ocean> factory) {
        return new OceanExtension(factory);
    }

    /** Serves this port app config from the FakePort as the integration's config. */
    public OceanExtension withPortAppConfig(PortAppConfig config) {
        this.portAppConfig = config;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        port = FakePort.start();
        if (portAppConfig != null) {
            port.withPortAppConfig(portAppConfig);
        }
        ocean = factory.get();
        stateDir = OceanTest.prepare(ocean.config(), port);
        ocean.start();
        client = new OceanTestClient(ocean.port());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (ocean != null) {
                ocean.stop();
            }
        } finally {
            try {
                if (port != null) {
                    port.close();
                }
            } finally {
                io.ocean.testkit.internal.StateDirs.delete(stateDir);
                stateDir = null;
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Ocean.class || type == FakePort.class || type == OceanTestClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Ocean.class ? ocean : type == FakePort.class ? port : client;
    }

    /** The started integration of the current test. */
    public Ocean ocean() {
        return ocean;
    }

    /** The FakePort of the current test. */
    public FakePort port() {
        return port;
    }

    /** The client of the current test. */
    public OceanTestClient client() {
        return client;
    }
}
