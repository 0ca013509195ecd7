package io.ocean.webhook.internal.port;

import io.ocean.core.OceanException;
import io.ocean.core.config.PortAppConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the port app config, first match wins: code, the file {@code .port/resources/port-app-config.yml} in
 * the working directory, the same path as a classpath resource. None at all is an empty config, with a warning.
 */
public final class PortAppConfigLoader {

    /** Where the config file lives, relative to the working directory and as a classpath resource. */
    public static final String DEFAULT_PATH = ".port/resources/port-app-config.yml";

    private static final Logger log = LoggerFactory.getLogger(PortAppConfigLoader.class);

    private PortAppConfigLoader() {
    }

    /** Loads the config; {@code fromCode} wins when set. */
    public static PortAppConfig load(PortAppConfig fromCode, Path workingDirectory, ClassLoader classLoader) {
        if (fromCode != null) {
            log.info("port app config: set in code ({} resources)", fromCode.resources().size());
            return fromCode;
        }
        Path file = workingDirectory.resolve(DEFAULT_PATH);
        if (Files.isRegularFile(file)) {
            PortAppConfig config = PortAppConfig.load(file);
            log.info("port app config: file {} ({} resources)", file, config.resources().size());
            return config;
        }
        try (InputStream in = classLoader.getResourceAsStream(DEFAULT_PATH)) {
            if (in != null) {
                String source = "classpath:" + DEFAULT_PATH;
                PortAppConfig config = io.ocean.core.internal.ConfigReader.read(
                        new String(in.readAllBytes(), StandardCharsets.UTF_8), source);
                log.info("port app config: {} ({} resources)", source, config.resources().size());
                return config;
            }
        } catch (IOException e) {
            throw new OceanException("cannot read classpath:" + DEFAULT_PATH + ": " + e.getMessage(), e);
        }
        log.warn("no port app config: none set in code, no {} file, no classpath resource; events will match no resource",
                DEFAULT_PATH);
        return PortAppConfig.empty();
    }
}
