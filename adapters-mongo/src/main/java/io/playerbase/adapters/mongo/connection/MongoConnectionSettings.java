package io.playerbase.adapters.mongo.connection;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code playerbase.mongo.*} settings of the {@code read_write} client; the defaults and what each
 * one means are in {@code application.yml} and docs/operations.md ("Timeouts and pools").
 *
 * @param uri                    the external connection string; blank selects the embedded server
 * @param database               the configured database name; blank means "the URI's, else {@code playerbase}"
 * @param connectTimeout         TCP connect and the monitor's hello; also how fast a dead host is noticed
 * @param socketTimeout          how long one read of a reply may take (external MongoDB only)
 * @param serverSelectionTimeout how long an operation waits for a usable server before it fails (503)
 * @param healthTimeout          how long the readiness probe waits for a ping
 * @param heartbeatFrequency     how often the driver's monitor checks each server
 */
@ConfigurationProperties("playerbase.mongo")
public record MongoConnectionSettings(@Nullable String uri, @Nullable String database, Pool pool,
                               Duration connectTimeout, Duration socketTimeout, Duration serverSelectionTimeout,
                               Duration healthTimeout, Duration heartbeatFrequency, Startup startup) {

    static final String DEFAULT_DATABASE = "playerbase";

    public MongoConnectionSettings {
        Objects.requireNonNull(pool, missing("pool.*"));
        Objects.requireNonNull(connectTimeout, missing("connect-timeout"));
        Objects.requireNonNull(socketTimeout, missing("socket-timeout"));
        Objects.requireNonNull(serverSelectionTimeout, missing("server-selection-timeout"));
        Objects.requireNonNull(healthTimeout, missing("health-timeout"));
        Objects.requireNonNull(heartbeatFrequency, missing("heartbeat-frequency"));
        Objects.requireNonNull(startup, missing("startup.*"));
    }

    /** Connections of the read-write client. */
    @ConfigurationProperties("pool")
    public record Pool(int maxSize, int minSize) {
    }

    /**
     * How the service waits for its database at start: attempts (0 = for ever, in the background while
     * the HTTP server already answers), the first pause and the cap of the doubling pause.
     */
    @ConfigurationProperties("startup")
    public record Startup(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        public Startup {
            Objects.requireNonNull(initialBackoff, missing("startup.initial-backoff"));
            Objects.requireNonNull(maxBackoff, missing("startup.max-backoff"));
        }
    }

    /** Whether no external MongoDB is configured, so the embedded store serves. */
    public boolean embedded() {
        return uri == null || uri.isBlank();
    }

    private static String missing(String property) {
        return "playerbase.mongo." + property + " is not set (application.yml holds the defaults)";
    }

    @Override
    public String toString() {
        // The URI may carry a password.
        return "MongoConnectionSettings[uri=" + (embedded() ? "<embedded>" : MongoUris.redact(uri))
                + ", database=" + database + ", pool=" + pool.minSize() + ".." + pool.maxSize() + "]";
    }
}
