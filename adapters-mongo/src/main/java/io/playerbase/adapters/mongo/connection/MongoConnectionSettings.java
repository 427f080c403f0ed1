package io.playerbase.adapters.mongo.connection;

import java.time.Duration;

/**
 * The {@code playerbase.mongo.*} settings (defaults in {@link MongoConnectionFactory}).
 *
 * @param uri      the external connection string; blank selects the embedded server
 * @param database the configured database name; blank means "the URI's, else {@code playerbase}"
 */
record MongoConnectionSettings(String uri, String database,
                               int poolMaxSize, int poolMinSize,
                               Duration connectTimeout, Duration socketTimeout, Duration serverSelectionTimeout,
                               int startupMaxAttempts, Duration startupInitialBackoff, Duration startupMaxBackoff) {

    static final String DEFAULT_DATABASE = "playerbase";

    boolean embedded() {
        return uri == null || uri.isBlank();
    }

    @Override
    public String toString() {
        // The URI may carry a password.
        return "MongoConnectionSettings[uri=" + (embedded() ? "<embedded>" : MongoUris.redact(uri))
                + ", database=" + database + ", pool=" + poolMinSize + ".." + poolMaxSize + "]";
    }
}
