package io.playerbase.adapters.mongo.connection;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.Objects;

/**
 * The {@code playerbase.embedded.*} settings of the embedded store, used when no MongoDB URI is
 * configured (defaults in {@code application.yml}).
 *
 * @param dataDir where its file lives ({@code PLAYERBASE_DATA_DIR}); {@value EmbeddedMongoServer#IN_MEMORY}
 *                keeps everything in memory
 * @param port    where it listens on 127.0.0.1 for other tools ({@code PLAYERBASE_EMBEDDED_PORT}); 0 = any free port
 */
@ConfigurationProperties("playerbase.embedded")
public record EmbeddedStoreSettings(String dataDir, int port) {

    public EmbeddedStoreSettings {
        Objects.requireNonNull(dataDir, "playerbase.embedded.data-dir is not set (application.yml holds the defaults)");
    }

    /** Whether the store keeps nothing on disk. */
    public boolean inMemory() {
        return EmbeddedMongoServer.IN_MEMORY.equals(dataDir.strip());
    }
}
