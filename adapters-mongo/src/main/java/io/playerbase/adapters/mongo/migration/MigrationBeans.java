package io.playerbase.adapters.mongo.migration;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.playerbase.adapters.mongo.connection.MongoStoreInfo;
import jakarta.inject.Singleton;

@Factory
final class MigrationBeans {

    @Singleton
    MigrationSettings migrationSettings(@Value("${playerbase.comp-players.password:}") String compPlayerPassword,
                                        @Value("${playerbase.audit.retention-days:730}") int auditRetentionDays,
                                        MongoStoreInfo store) {
        return new MigrationSettings(compPlayerPassword, auditRetentionDays, store.embedded());
    }
}
