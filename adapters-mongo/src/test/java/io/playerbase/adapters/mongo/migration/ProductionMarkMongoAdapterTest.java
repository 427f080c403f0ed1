package io.playerbase.adapters.mongo.migration;

import com.mongodb.client.MongoDatabase;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.domain.shared.ProductionMark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ProductionMarkMongoAdapter}: production once the database is marked (as {@code mark-production}
 * does). The port has no fake; the configured environment is the reset command's test.
 */
abstract class ProductionMarkMongoAdapterTest {

    private ApplicationContext context;

    abstract MongoTarget target();

    @BeforeEach
    void start() {
        context = target().startAdapters();
    }

    @AfterEach
    void stop() {
        context.getBean(MongoDatabase.class).drop();
        context.close();
    }

    @Test
    void aMarkedDatabaseIsProduction() {
        ProductionMark mark = context.getBean(ProductionMark.class);
        assertFalse(mark.isProduction(), "a fresh development database");
        context.getBean(DatabaseReset.class).markProduction();
        assertTrue(mark.isProduction());
    }
}
