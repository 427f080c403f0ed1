package io.playerbase.adapters.mongo.migration;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.playerbase.adapters.mongo.connection.AdminMongo;
import io.playerbase.adapters.mongo.connection.MongoStoreInfo;
import io.playerbase.domain.shared.BlindIndex;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.LegacyCipher;
import io.playerbase.domain.shared.PasswordHasher;
import jakarta.inject.Singleton;

@Factory
final class MigrationBeans {

    @Singleton
    MigrationSettings migrationSettings(@Value("${playerbase.comp-players.password:}") String compPlayerPassword,
                                        @Value("${playerbase.audit.retention-days:730}") int auditRetentionDays,
                                        @Value("${playerbase.mongo.sharding.enabled:false}") boolean shardingEnabled,
                                        MongoStoreInfo store) {
        return new MigrationSettings(compPlayerPassword, auditRetentionDays, store.embedded(), shardingEnabled);
    }

    /** Migrations create collections, validators and indexes: the admin role's work. */
    @Singleton
    MigrationRunner migrationRunner(AdminMongo admin, MongoStoreInfo store, FieldCipher cipher, BlindIndex blindIndex,
                                    PasswordHasher hasher, MigrationSettings settings,
                                    @Nullable LegacyCipher legacy) {
        return new MigrationRunner(admin.client(), store, cipher, blindIndex, hasher, settings, legacy);
    }
}
