package io.playerbase.adapters.mongo.referral;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.domain.referral.ReferralCode;
import io.playerbase.domain.referral.ReferralCodes;
import io.playerbase.domain.referral.ReferralCodesContract;
import io.playerbase.domain.shared.UserId;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link ReferralCodeMongoAdapter}: the port's contract, and what it writes to {@code referral_codes}. */
abstract class ReferralCodeMongoAdapterTest extends ReferralCodesContract {

    private ApplicationContext context;

    abstract MongoTarget target();

    @Override
    protected ReferralCodes createCodes() {
        context = target().startAdapters();
        return context.getBean(ReferralCodes.class);
    }

    @Override
    protected void closeCodes() {
        context.getBean(MongoDatabase.class).drop();
        context.close();
    }

    @Test
    void aClaimIsOneDocumentWhoseIdIsTheNormalizedCode() {
        UserId ann = UserId.newId(NOW);
        codes.claim(new ReferralCode("k7m2qx9p"), ann, NOW);
        Document stored = context.getBean(MongoDatabase.class).getCollection("referral_codes")
                .find(Filters.eq("_id", "K7M2QX9P")).first();
        assertEquals(new ObjectId(ann.value()), stored.get("owner_id"));
        assertEquals("generated", stored.get("source"));
        assertEquals(1, context.getBean(MongoDatabase.class).getCollection("referral_codes")
                .countDocuments(Filters.eq("owner_id", new ObjectId(ann.value()))));
    }
}
