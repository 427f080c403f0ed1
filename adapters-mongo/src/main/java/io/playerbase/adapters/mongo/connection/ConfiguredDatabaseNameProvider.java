package io.playerbase.adapters.mongo.connection;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.data.model.PersistentEntity;
import io.micronaut.data.mongodb.operations.MongoDatabaseNameProvider;
import jakarta.inject.Singleton;

/**
 * Tells Micronaut Data MongoDB which database its repositories use: the one in
 * {@link MongoStoreInfo#database()} ({@code playerbase.mongo.database}, else the URI's, else
 * {@code playerbase}), the same database the {@code MongoDatabase} bean and Mongock use.
 *
 * <p>Why this SPI rather than the alternatives: Micronaut Data's own provider takes the name from the
 * {@code mongodb.uri} of micronaut-mongo's configuration, which we do not use (it needs that
 * configuration bean and would fail without it); {@code @MongoRepository(databaseName = ...)} would
 * have to repeat the fallback rules on every repository of every team. Replacing the provider keeps
 * the rule in one place and leaves repositories free of database names.
 */
@Singleton
@Replaces(MongoDatabaseNameProvider.class)
final class ConfiguredDatabaseNameProvider implements MongoDatabaseNameProvider {

    private final String database;

    ConfiguredDatabaseNameProvider(MongoStoreInfo store) {
        this.database = store.database();
    }

    @Override
    public String provide(PersistentEntity persistentEntity, Class<?> repositoryClass) {
        return database;
    }

    @Override
    public String provide(Class<?> type) {
        return database;
    }
}
