package io.playerbase.adapters.mongo.migration;

import io.micronaut.context.annotation.Factory;
import io.micronaut.core.annotation.Nullable;
import io.playerbase.adapters.mongo.audit.AuditSettings;
import io.playerbase.adapters.mongo.connection.AdminMongo;
import io.playerbase.adapters.mongo.connection.MongoStoreInfo;
import io.playerbase.adapters.mongo.connection.ShardingSettings;
import io.playerbase.domain.shared.BlindIndex;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.LegacyCipher;
import io.playerbase.domain.shared.PasswordHasher;
import jakarta.inject.Singleton;

@Factory
final class MigrationBeans {

    @Singleton
    MigrationSettings migrationSettings(CompPlayerSettings compPlayers, AuditSettings audit, ShardingSettings sharding,
                                        MongoStoreInfo store) {
        return new MigrationSettings(compPlayers.password(), audit.retentionDays(), store.embedded(), sharding.enabled());
    }

    /** Migrations create collections, validators and indexes: the admin role's work. */
    @Singleton
    MigrationRunner migrationRunner(AdminMongo admin, MongoStoreInfo store, FieldCipher cipher, BlindIndex blindIndex,
                                    PasswordHasher hasher, MigrationSettings settings,
                                    @Nullable LegacyCipher legacy) {
        // The embedded store this process started is set up without Mongock when it is empty (FreshSetup).
        return new MigrationRunner(admin.client(), store, cipher, blindIndex, hasher, settings, legacy, store.embedded());
    }
}
