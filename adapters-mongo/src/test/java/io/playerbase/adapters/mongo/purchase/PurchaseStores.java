package io.playerbase.adapters.mongo.purchase;

import com.mongodb.client.MongoDatabase;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.ContainerMongo;
import io.playerbase.domain.testing.FakeBlindIndex;
import io.playerbase.domain.testing.FakeFieldCipher;
import io.playerbase.domain.testing.FakePasswordHasher;
import io.playerbase.domain.testing.FakePersonalDataKeys;
import org.bson.types.ObjectId;

import java.util.Map;

/** A migrated database on the embedded server or a Testcontainers MongoDB, with the adapters of this package. */
final class PurchaseStores {

    static final Map<String, Object> EMBEDDED = Map.of("playerbase.embedded.data-dir", ":memory:",
            "playerbase.embedded.port", 0);

    private PurchaseStores() {
    }

    static Map<String, Object> container() {
        return Map.of("playerbase.mongo.uri", ContainerMongo.connectionString());
    }

    static ApplicationContext start(Map<String, Object> store) {
        return ApplicationContext.builder()
                .properties(store)
                .properties(Map.of("playerbase.mongo.database", "contract_" + new ObjectId().toHexString(),
                        "playerbase.comp-players.password", "comp-player-test-password"))
                .singletons(new FakeFieldCipher(), new FakeBlindIndex(), new FakePasswordHasher(), new FakePersonalDataKeys())
                .start();
    }

    static void stop(ApplicationContext context) {
        context.getBean(MongoDatabase.class).drop();
        context.close();
    }
}
