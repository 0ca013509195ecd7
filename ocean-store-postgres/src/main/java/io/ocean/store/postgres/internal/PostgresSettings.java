package io.ocean.store.postgres.internal;

import io.ocean.webhook.store.EventStores;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the store's database is and which schema holds its tables.
 *
 * @param url      the JDBC URL, which may carry driver settings of its own (they win over ours)
 * @param user     the user, or null to take it from the URL
 * @param password the password, or null
 * @param schema   the schema, a plain lower-case SQL name
 */
public record PostgresSettings(String url, String user, String password, String schema) {

    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** Checks the schema name: it goes into SQL text, so only plain names are allowed. */
    public PostgresSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(schema, "schema");
        if (!PLAIN_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("webhooks.storeSchema must be a plain lower-case SQL name "
                    + "(letters, digits, _; at most 63), got '" + schema + "'");
        }
    }

    /** Settings from the provider's arguments; a blank schema is the default one. */
    public static PostgresSettings of(String url, String user, String password, String schema) {
        String inSchema = schema == null || schema.isBlank() ? EventStores.DEFAULT_SCHEMA : schema.trim();
        return new PostgresSettings(url.trim(), blankToNull(user), blankToNull(password), inSchema);
    }

    /** The URL without a password it may carry, for messages and logs. */
    public String redactedUrl() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//[^/@]*@", "//***@");
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "PostgresSettings[" + redactedUrl() + ", user=" + user + ", schema=" + schema + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
