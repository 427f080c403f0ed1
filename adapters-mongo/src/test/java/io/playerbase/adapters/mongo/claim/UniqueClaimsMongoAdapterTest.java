package io.playerbase.adapters.mongo.claim;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.domain.shared.UniqueClaims;
import io.playerbase.domain.shared.UniqueClaims.ClaimKey;
import io.playerbase.domain.shared.UniqueClaimsContract;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.Date;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link UniqueClaimsMongoAdapter}: the port's contract, and what it writes to {@code claims}. */
abstract class UniqueClaimsMongoAdapterTest extends UniqueClaimsContract {

    private ApplicationContext context;
    private MongoCollection<Document> raw;

    abstract MongoTarget target();

    @Override
    protected UniqueClaims createStore() {
        context = target().startAdapters();
        raw = context.getBean(MongoDatabase.class).getCollection("claims");
        return context.getBean(UniqueClaims.class);
    }

    @Override
    protected void closeStore() {
        context.getBean(MongoDatabase.class).drop();
        context.close();
    }

    @Test
    void aClaimIsOneDocumentWhoseIdIsTheKey() {
        ClaimKey key = newKey("email");
        claims.claim(key, "65f1c0ffee0123456789abcd", NOW);
        Document stored = raw.find(Filters.eq("_id", "email:" + key.value())).first();
        assertEquals(new Document("_id", "email:" + key.value()).append("kind", "email")
                .append("owner", "65f1c0ffee0123456789abcd").append("state", "pending").append("since", Date.from(NOW)), stored);
        claims.confirm(key, "65f1c0ffee0123456789abcd");
        assertEquals("held", raw.find(Filters.eq("_id", "email:" + key.value())).first().getString("state"));
    }
}
