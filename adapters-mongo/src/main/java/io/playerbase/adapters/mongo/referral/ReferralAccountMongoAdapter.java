package io.playerbase.adapters.mongo.referral;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Updates;
import io.playerbase.adapters.mongo.audit.AuditOutbox;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.referral.ReferralAccount;
import io.playerbase.domain.referral.ReferralAccounts;
import io.playerbase.domain.referral.ReferralCode;
import io.playerbase.domain.referral.RewardLimits;
import io.playerbase.domain.referral.SlotOutcome;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;
import org.bson.BsonType;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * {@link ReferralAccounts} on {@code modules.referrals} of the user document. Besides the registry's
 * fields ({@code referral_code}, {@code referred_by}, {@code referral_count}, {@code rewards_earned}) and
 * {@code referral_code_disabled}, the module keeps its bookkeeping in {@code _}-prefixed fields, which
 * the account views never show:
 * <ul>
 *   <li>{@code _rewarded_referrals}: the referrals that took one of the referrer's reward slots (the cap,
 *       and the marker that makes taking a slot idempotent);</li>
 *   <li>{@code _reward_times}: when the newest slots were taken, at most the velocity limit of them;</li>
 *   <li>{@code _reward_operations}: the ledger operations already added to {@code rewards_earned};</li>
 *   <li>{@code _count_base}: the old system's {@code referral_count} (V0080), counted on top of links made here.</li>
 * </ul>
 * Every write is one conditional {@code updateOne} on the user document, with its audit entry pushed to
 * the outbox in the same update; each is harmless to repeat.
 */
@Singleton
final class ReferralAccountMongoAdapter implements ReferralAccounts {

    static final String MODULE = "modules.referrals";
    private static final String SLOTS = MODULE + "._rewarded_referrals";
    private static final String TIMES = MODULE + "._reward_times";
    private static final String OPERATIONS = MODULE + "._reward_operations";
    private static final int MAX_SLOT_ATTEMPTS = 20;

    private final MongoCollection<Document> users;
    private final AuditOutbox outbox;

    ReferralAccountMongoAdapter(MongoDatabase database, AuditOutbox outbox) {
        this.users = database.getCollection("users");
        this.outbox = outbox;
    }

    @Override
    public Optional<ReferralAccount> find(UserId id) {
        return MongoErrors.call(() -> Optional.ofNullable(users.find(byId(id))
                .projection(Projections.include("username", "status", "is_comp_player", "created_at", MODULE))
                .first()).map(ReferralAccountMongoAdapter::toAccount));
    }

    static ReferralAccount toAccount(Document user) {
        Document module = module(user);
        Object code = module.get("referral_code");
        Object referredBy = module.get("referred_by");
        Object createdAt = user.get("created_at");
        return new ReferralAccount(new UserId(user.getObjectId("_id").toHexString()), String.valueOf(user.get("username")),
                status(user.get("status")), Boolean.TRUE.equals(user.get("is_comp_player")),
                createdAt instanceof Date date ? date.toInstant() : user.getObjectId("_id").getDate().toInstant(),
                code == null ? null : String.valueOf(code), Boolean.TRUE.equals(module.get("referral_code_disabled")),
                referredBy == null ? null : String.valueOf(referredBy), number(module.get("referral_count")),
                number(module.get("_count_base")), number(module.get("rewards_earned")));
    }

    private static Document module(Document user) {
        return user.get("modules") instanceof Document modules && modules.get("referrals") instanceof Document referrals
                ? referrals : new Document();
    }

    private static ReferralAccount.Status status(Object stored) {
        return "deleted".equals(stored) ? ReferralAccount.Status.DELETED
                : "suspended".equals(stored) ? ReferralAccount.Status.SUSPENDED : ReferralAccount.Status.ACTIVE;
    }

    private static long number(Object stored) {
        return stored instanceof Number number ? number.longValue() : 0L;
    }

    @Override
    public boolean assignCode(UserId id, ReferralCode code, AuditEntry audit) {
        return write(Filters.and(byId(id), moduleIsDocument(), Filters.eq(MODULE + ".referral_code", null)),
                Updates.set(MODULE + ".referral_code", code.value()), audit);
    }

    @Override
    public List<UserId> withoutCode(int limit) {
        return MongoErrors.call(() -> users.find(Filters.and(moduleIsDocument(),
                        Filters.eq(MODULE + ".referral_code", null), Filters.ne("status", "deleted")))
                .projection(Projections.include("_id")).limit(limit)
                .map(user -> new UserId(user.getObjectId("_id").toHexString())).into(new ArrayList<>()));
    }

    @Override
    public boolean setReferredBy(UserId referee, UserId referrer, AuditEntry audit) {
        return write(Filters.and(byId(referee), moduleIsDocument(), Filters.eq(MODULE + ".referred_by", null)),
                Updates.set(MODULE + ".referred_by", referrer.value()), audit);
    }

    @Override
    public boolean raiseReferralCount(UserId referrer, long count, AuditEntry audit) {
        String field = MODULE + ".referral_count";
        return write(Filters.and(byId(referrer), moduleIsDocument(),
                        Filters.or(Filters.lt(field, count), Filters.eq(field, null))),
                Updates.set(field, count), audit);
    }

    @Override
    public SlotOutcome claimRewardSlot(UserId referrer, UserId referral, RewardLimits limits, Instant now) {
        ObjectId slot = new ObjectId(referral.value());
        Date cutoff = Date.from(now.minus(limits.window()));
        for (int attempt = 0; attempt < MAX_SLOT_ATTEMPTS; attempt++) {
            if (limits.cap() > 0) {
                Bson filter = Filters.and(byId(referrer), moduleIsDocument(), Filters.ne(SLOTS, slot),
                        Filters.exists(SLOTS + "." + (limits.cap() - 1), false),
                        Filters.or(Filters.exists(TIMES + "." + (limits.velocity() - 1), false), Filters.lte(TIMES + ".0", cutoff)));
                Bson update = Updates.combine(Updates.push(SLOTS, slot),
                        Updates.pushEach(TIMES, List.of(Date.from(now)), new PushOptions().slice(-limits.velocity())));
                if (MongoErrors.call(() -> users.updateOne(filter, update).getModifiedCount()) > 0) {
                    return new SlotOutcome.Claimed();
                }
            }
            // Nothing taken: tell why from what is stored now.
            Document user = MongoErrors.call(() -> users.find(byId(referrer)).projection(Projections.include(MODULE)).first());
            if (user == null || !(user.get("modules") instanceof Document modules) || !(modules.get("referrals") instanceof Document module)) {
                return new SlotOutcome.Unavailable();
            }
            List<?> slots = module.get("_rewarded_referrals") instanceof List<?> list ? list : List.of();
            if (slots.contains(slot)) {
                return new SlotOutcome.Claimed();
            }
            if (slots.size() >= limits.cap()) {
                return new SlotOutcome.CapReached();
            }
            List<?> times = module.get("_reward_times") instanceof List<?> list ? list : List.of();
            if (times.size() >= limits.velocity() && times.get(0) instanceof Date oldest && oldest.after(cutoff)) {
                return new SlotOutcome.Deferred(oldest.toInstant().plus(limits.window()));
            }
            // Another slot was taken or given back between the two reads: try again.
        }
        throw new IllegalStateException("The reward slots of " + referrer + " keep changing; retry later");
    }

    @Override
    public void releaseRewardSlot(UserId referrer, UserId referral) {
        MongoErrors.run(() -> users.updateOne(Filters.and(byId(referrer), moduleIsDocument()),
                Updates.pull(SLOTS, new ObjectId(referral.value()))));
    }

    @Override
    public boolean noteReward(UserId account, String operationId, long amount, AuditEntry audit) {
        return write(Filters.and(byId(account), moduleIsDocument(), Filters.ne(OPERATIONS, operationId)),
                Updates.combine(Updates.inc(MODULE + ".rewards_earned", amount), Updates.push(OPERATIONS, operationId)),
                audit);
    }

    @Override
    public boolean disableCode(UserId owner, AuditEntry audit) {
        String field = MODULE + ".referral_code_disabled";
        return write(Filters.and(byId(owner), moduleIsDocument(), Filters.ne(field, true)), Updates.set(field, true), audit);
    }

    /** One conditional update carrying its audit entry; the entry is delivered when the update happened. */
    private boolean write(Bson filter, Bson change, AuditEntry audit) {
        boolean changed = MongoErrors.call(() -> users.updateOne(filter,
                Updates.combine(change, Updates.push(AuditOutbox.FIELD, AuditOutbox.toBson(audit)))).getModifiedCount() > 0);
        if (changed) {
            outbox.deliver(audit);
        }
        return changed;
    }

    private static Bson byId(UserId id) {
        return Filters.eq("_id", new ObjectId(id.value()));
    }

    /** Old-system documents may hold anything under {@code modules.referrals}; only a document is written into. */
    private static Bson moduleIsDocument() {
        return Filters.type(MODULE, BsonType.DOCUMENT);
    }
}
