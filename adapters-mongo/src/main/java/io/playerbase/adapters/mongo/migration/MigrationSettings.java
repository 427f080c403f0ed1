package io.playerbase.adapters.mongo.migration;

import io.changock.migration.api.annotations.NonLockGuarded;
import io.micronaut.core.annotation.Nullable;

/**
 * Configuration the change units need, handed to them as a Mongock dependency.
 *
 * @param compPlayerPassword  {@code playerbase.comp-players.password}; {@code null} or blank gives each
 *                            computer player a random password that nobody knows
 * @param auditRetentionDays  {@code playerbase.audit.retention-days}: the TTL of {@code user_audit_logs}
 * @param embeddedStore       whether the target is the embedded server, which lacks validators, TTL and
 *                            partial indexes (change units then create plain versions)
 * @param shardingEnabled     {@code playerbase.mongo.sharding.enabled}: shard the collections of
 *                            {@link ShardKeys} when the target is a sharded cluster (docs/scaling.md)
 */
@NonLockGuarded // a plain value; Mongock's lock-guard proxy cannot subclass a record anyway
public record MigrationSettings(@Nullable String compPlayerPassword, int auditRetentionDays, boolean embeddedStore,
                                boolean shardingEnabled) {

    /** Without sharding (the default). */
    public MigrationSettings(@Nullable String compPlayerPassword, int auditRetentionDays, boolean embeddedStore) {
        this(compPlayerPassword, auditRetentionDays, embeddedStore, false);
    }

    public MigrationSettings {
        if (auditRetentionDays < 1) {
            throw new IllegalArgumentException("playerbase.audit.retention-days must be at least 1");
        }
    }

    @Override
    public String toString() {
        return "MigrationSettings[compPlayerPassword=" + (compPlayerPassword == null || compPlayerPassword.isBlank() ? "<random>" : "<set>")
                + ", auditRetentionDays=" + auditRetentionDays + ", embeddedStore=" + embeddedStore
                + ", shardingEnabled=" + shardingEnabled + "]";
    }
}
