package io.playerbase.adapters.mongo.referral;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.domain.referral.Referral;
import io.playerbase.domain.referral.ReferralCode;
import io.playerbase.domain.referral.ReferralListing;
import io.playerbase.domain.referral.ReferralRepository;
import io.playerbase.domain.referral.ReferralRepositoryContract;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.util.Date;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link ReferralMongoAdapter} and {@link ReferralListingMongoAdapter}: the ports' contract, and what
 * they write to {@code referrals}.
 */
abstract class ReferralMongoAdapterTest extends ReferralRepositoryContract {

    private ApplicationContext context;
    private MongoDatabase database;

    abstract MongoTarget target();

    @Override
    protected void createPorts() {
        context = target().startAdapters();
        database = context.getBean(MongoDatabase.class);
        referrals = context.getBean(ReferralRepository.class);
        listing = context.getBean(ReferralListing.class);
    }

    @Override
    protected void closePorts() {
        database.drop();
        context.close();
    }

    @Override
    protected UserId newAccount(String username) {
        return MongoReferralFixtures.insertUser(database, username, NOW);
    }

    @Override
    protected void storeLegacyLink(UserId referee, UserId referrer, ReferralCode code) {
        // As V0080_AddReferrals writes it.
        database.getCollection("referrals").insertOne(new Document("_id", new ObjectId(referee.value()))
                .append("referrer_id", new ObjectId(referrer.value())).append("code", code.value())
                .append("redeemed_at", Date.from(NOW)).append("state", "legacy").append("linked", true)
                .append("qualification", null).append("pay_at", null).append("referrer_reward", null)
                .append("referee_reward", null).append("close_reason", null).append("closed_at", null)
                .append("updated_at", Date.from(NOW)).append("work_at", null).append("version", 1L));
    }

    @Test
    void theReferredAccountIsTheIdAndWorkAtIsStoredForTheRecoveryPass() {
        UserId ann = newAccount("ann");
        UserId bob = newAccount("bob");
        referrals.insert(Referral.redeem(bob, ann, new ReferralCode("K7M2QX9P"), NOW));
        Document stored = database.getCollection("referrals").find(Filters.eq("_id", new ObjectId(bob.value()))).first();
        assertEquals(new ObjectId(ann.value()), stored.get("referrer_id"));
        assertEquals("pending", stored.get("state"));
        assertEquals(Date.from(NOW), stored.get("work_at"), "the link is work until both accounts show it");
        assertEquals(1L, stored.get("version"));
    }

    @Test
    void aCursorNotHandedOutIsRefused() {
        UserId ann = newAccount("ann");
        assertThrows(InvalidValue.class, () -> listing.referredBy(ann, new PageRequest("bm90LWEtY3Vyc29y", 10)));
    }
}
