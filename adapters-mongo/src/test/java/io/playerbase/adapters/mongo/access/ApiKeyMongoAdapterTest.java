package io.playerbase.adapters.mongo.access;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.domain.access.ApiKey;
import io.playerbase.domain.access.ApiKeyListing;
import io.playerbase.domain.access.ApiKeyRepository;
import io.playerbase.domain.access.ApiKeyStoreContract;
import io.playerbase.domain.access.Scope;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@link ApiKeyMongoAdapter} and {@link ApiKeyListingMongoAdapter}: the ports' contract, and what they store. */
abstract class ApiKeyMongoAdapterTest extends ApiKeyStoreContract {

    private ApplicationContext context;
    private MongoCollection<Document> raw;

    abstract MongoTarget target();

    @Override
    protected Ports createPorts() {
        context = target().startAdapters();
        raw = context.getBean(MongoDatabase.class).getCollection("api_keys");
        return new Ports(context.getBean(ApiKeyRepository.class), context.getBean(ApiKeyListing.class));
    }

    @Override
    protected void closePorts() {
        context.getBean(MongoDatabase.class).drop();
        context.close();
    }

    @Test
    void theSecretIsNeverStored() {
        ApiKey.Issued issued = issue("eu-1", NOW);
        Document document = raw.find(Filters.eq("_id", issued.key().id().value())).first();
        assertEquals(issued.key().id().value(), document.getString("key_id"));
        assertFalse(document.toJson().contains(issued.credential().secret()), "the secret is never stored");
    }

    @Test
    void scopesThisBuildDoesNotKnowGrantNothing() {
        ApiKey.Issued issued = issue("eu-1", NOW);
        raw.updateOne(Filters.eq("_id", issued.key().id().value()),
                new Document("$set", new Document("scopes", List.of("users:read", "everything:write"))));
        assertEquals(Set.of(Scope.USERS_READ), keys.findById(issued.key().id()).orElseThrow().scopes());
    }
}
