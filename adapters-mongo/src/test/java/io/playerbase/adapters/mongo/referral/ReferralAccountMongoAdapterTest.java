package io.playerbase.adapters.mongo.referral;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.domain.referral.ReferralAccount;
import io.playerbase.domain.referral.ReferralAccounts;
import io.playerbase.domain.referral.ReferralAccountsContract;
import io.playerbase.domain.referral.ReferralCode;
import io.playerbase.domain.referral.RewardLimits;
import io.playerbase.domain.referral.SlotOutcome;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ReferralAccountMongoAdapter}: the port's contract, and what it writes into user documents. */
abstract class ReferralAccountMongoAdapterTest extends ReferralAccountsContract {

    private ApplicationContext context;
    private MongoDatabase database;

    abstract MongoTarget target();

    @Override
    protected ReferralAccounts createAccounts() {
        context = target().startAdapters();
        database = context.getBean(MongoDatabase.class);
        return context.getBean(ReferralAccounts.class);
    }

    @Override
    protected void closeAccounts() {
        database.drop();
        context.close();
    }

    @Override
    protected UserId newAccount(String username, Instant createdAt) {
        return MongoReferralFixtures.insertUser(database, username, createdAt);
    }

    @Override
    protected void suspend(UserId id) {
        database.getCollection("users").updateOne(Filters.eq("_id", new ObjectId(id.value())), Updates.set("status", "suspended"));
    }

    private Document module(UserId id) {
        return database.getCollection("users").find(Filters.eq("_id", new ObjectId(id.value()))).first()
                .get("modules", Document.class).get("referrals", Document.class);
    }

    @Test
    void bookkeepingStaysInUnderscoreFieldsAndEveryChangeIsAudited() {
        UserId ann = newAccount("ann", NOW);
        AuditEntry audit = AuditEntry.of(ann, Actor.system("t"), "referral.rewarded", "referrals", List.of("rewards_earned"), NOW);
        accounts.noteReward(ann, "referral:x:referrer", 500, audit);
        accounts.claimRewardSlot(ann, UserId.newId(NOW), new RewardLimits(50, 10, Duration.ofDays(1)), NOW);
        Document module = module(ann);
        assertEquals(500L, ((Number) module.get("rewards_earned")).longValue());
        assertEquals(List.of("referral:x:referrer"), module.getList("_reward_operations", String.class));
        assertEquals(1, module.getList("_rewarded_referrals", ObjectId.class).size());
        assertEquals(1, module.getList("_reward_times", Object.class).size());
        long logged = database.getCollection("user_audit_logs").countDocuments(Filters.eq("_id", audit.id()));
        assertEquals(1, logged, "the entry travelled with the change and was delivered");
    }

    @Test
    void moduleDataOfTheOldSystemThatIsNoDocumentIsNeverWrittenInto() {
        UserId old = newAccount("old", NOW);
        database.getCollection("users").updateOne(Filters.eq("_id", new ObjectId(old.value())),
                Updates.set("modules.referrals", "none"));
        AuditEntry audit = AuditEntry.of(old, Actor.system("t"), "referral.code_assigned", "referrals", List.of("referral_code"), NOW);
        assertFalse(accounts.assignCode(old, new ReferralCode("K7M2QX9P"), audit));
        assertFalse(accounts.withoutCode(1000).contains(old));
        assertInstanceOf(SlotOutcome.Unavailable.class,
                accounts.claimRewardSlot(old, UserId.newId(NOW), new RewardLimits(5, 5, Duration.ofDays(1)), NOW));
        ReferralAccount account = accounts.find(old).orElseThrow();
        assertNull(account.code());
        assertEquals("none", database.getCollection("users").find(Filters.eq("_id", new ObjectId(old.value()))).first()
                .get("modules", Document.class).get("referrals"));
    }

    @Test
    void erasedAccountsGetNoCode() {
        UserId gone = newAccount("gone", NOW);
        database.getCollection("users").updateOne(Filters.eq("_id", new ObjectId(gone.value())), Updates.set("status", "deleted"));
        assertFalse(accounts.withoutCode(1000).contains(gone));
        assertEquals(ReferralAccount.Status.DELETED, accounts.find(gone).orElseThrow().status());
        assertTrue(accounts.withoutCode(1000).isEmpty() || !accounts.withoutCode(1000).contains(gone));
    }
}
