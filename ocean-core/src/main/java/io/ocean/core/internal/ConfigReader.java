package io.ocean.core.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.ocean.core.OceanException;
import io.ocean.core.config.PortAppConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a port app config and turns Jackson's errors into messages that name the field and the line. */
public final class ConfigReader {

    private ConfigReader() {
    }

    /** Parses YAML or JSON text; {@code source} names it in errors. */
    public static PortAppConfig read(String text, String source) {
        if (text == null || text.isBlank()) {
            throw new OceanException(source + " is empty");
        }
        try {
            PortAppConfig config = Json.YAML.readValue(text, PortAppConfig.class);
            if (config == null) {
                throw new OceanException(source + " is empty");
            }
            return config;
        } catch (JacksonException e) {
            throw new OceanException(source + ": " + describe(e), e);
        }
    }

    /** Reads a file as UTF-8 and parses it. */
    public static PortAppConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OceanException("cannot read port app config " + file + ": " + e.getMessage(), e);
        }
        return read(text, file.toString());
    }

    private static String describe(JacksonException e) {
        StringBuilder text = new StringBuilder();
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            text.append(fieldPath(mapping)).append(": ");
        }
        Throwable cause = e.getCause();
        text.append(cause instanceof IllegalArgumentException || cause instanceof NullPointerException
                ? cause.getMessage() : e.getOriginalMessage());
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            text.append(" (line ").append(location.getLineNr()).append(')');
        }
        return text.toString();
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
