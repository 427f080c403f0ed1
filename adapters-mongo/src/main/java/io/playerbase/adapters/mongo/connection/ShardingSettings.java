package io.playerbase.adapters.mongo.connection;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The {@code playerbase.mongo.sharding.*} settings (default in {@code application.yml}; docs/scaling.md).
 *
 * @param enabled the database is a sharded cluster reached through {@code mongos}: the collections are
 *                sharded by their keys at start, and lookups trust the claims alone
 */
@ConfigurationProperties("playerbase.mongo.sharding")
public record ShardingSettings(boolean enabled) {
}
