package io.playerbase.adapters.mongo.connection;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;

/**
 * True when no external URI is configured. A plain {@code @Requires(missingProperty)} is not enough:
 * the application configuration maps {@code MONGODB_URI} with an empty default, so the property is
 * present but blank.
 */
final class EmbeddedStoreCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context) {
        return context.getProperty(MongoConnectionFactory.URI_PROPERTY, String.class)
                .map(String::isBlank)
                .orElse(true);
    }
}
