package io.playerbase.adapters.mongo.subscription;

import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.subscription.Subscription;
import io.playerbase.domain.subscription.SubscriptionChange;
import io.playerbase.domain.subscription.SubscriptionKey;
import io.playerbase.domain.subscription.SubscriptionPeriod;
import io.playerbase.domain.subscription.SubscriptionStatus;
import io.playerbase.domain.subscription.SubscriptionStore;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Maps a {@link Subscription} to its {@code subscriptions} document and back: {@code _id} is
 * {@code <store>:<chain>}; periods and history are arrays inside it, so a change, its money decision
 * and its history entry are one write. {@code sweep_at} (when the sweep has something to do: the
 * status changes by time, money or the account copy is pending) is derived here for the sweep's index.
 * A period stored before refunds could be reversed has no {@code round} and no {@code word_at}: round 0,
 * no word yet.
 */
final class SubscriptionDocumentMapper {

    static final String COLLECTION = "subscriptions";

    private SubscriptionDocumentMapper() {
    }

    static Document toDocument(Subscription subscription, long version) {
        Subscription.StoredState s = subscription.storedState();
        List<Document> periods = new ArrayList<>();
        for (SubscriptionPeriod p : s.periods()) {
            periods.add(new Document("transaction_id", p.transactionId())
                    .append("starts_at", date(p.startsAt()))
                    .append("ends_at", date(p.endsAt()))
                    .append("credits", p.credits())
                    .append("credit_state", p.state().wire())
                    .append("refunded_at", date(p.refundedAt()))
                    .append("round", p.round())
                    .append("word_at", date(p.wordAt())));
        }
        List<Document> history = new ArrayList<>();
        for (SubscriptionChange c : s.history()) {
            history.add(new Document("at", date(c.at()))
                    .append("store_time", date(c.storeTime()))
                    .append("event", c.event())
                    .append("source", c.source())
                    .append("from", c.from().wire())
                    .append("to", c.to().wire())
                    .append("expires_at", date(c.expiresAt()))
                    .append("grace_until", date(c.graceUntil()))
                    .append("auto_renew", c.autoRenew())
                    .append("plan", c.plan()));
        }
        return new Document("_id", s.key().id())
                .append("store", s.key().store().wireName())
                .append("chain", s.key().chain())
                .append("user_id", s.owner() == null ? null : new ObjectId(s.owner().value()))
                .append("source_purchase_id", s.sourcePurchaseId())
                .append("plan", s.plan())
                .append("sku", s.sku())
                .append("environment", s.environment())
                .append("status", s.status().wire())
                .append("started_at", date(s.startedAt()))
                .append("expires_at", date(s.expiresAt()))
                .append("grace_until", date(s.graceUntil()))
                .append("resumes_at", date(s.resumesAt()))
                .append("auto_renew", s.autoRenew())
                .append("revoked_at", date(s.revokedAt()))
                .append("revocation_reason", s.revocationReason())
                .append("store_time", date(s.storeTime()))
                .append("latest_transaction_id", s.latestTransactionId())
                .append("latest_period_end", date(s.latestPeriodEnd()))
                .append("current_token", s.currentToken())
                .append("tokens", s.tokens())
                .append("periods", periods)
                .append("history", history)
                .append("copy_pending", s.copyPending())
                .append("sweep_at", date(sweepAt(subscription)))
                .append("created_at", date(s.createdAt()))
                .append("updated_at", date(s.updatedAt()))
                .append("version", version);
    }

    /** When the sweep next has something to do for it: never while nobody owns it. */
    static Instant sweepAt(Subscription subscription) {
        if (subscription.owner().isEmpty()) {
            return null;
        }
        if (subscription.hasWalletWork() || subscription.copyPending()) {
            return Instant.EPOCH;
        }
        return subscription.tidyAt().orElse(null);
    }

    static Subscription toDomain(Document d) {
        List<SubscriptionPeriod> periods = new ArrayList<>();
        for (Document p : d.getList("periods", Document.class, List.of())) {
            periods.add(new SubscriptionPeriod(p.getString("transaction_id"), instant(p.get("starts_at")),
                    instant(p.get("ends_at")), ((Number) p.get("credits")).longValue(),
                    SubscriptionPeriod.CreditState.fromWire(p.getString("credit_state")), instant(p.get("refunded_at")),
                    p.get("round") instanceof Number round ? round.intValue() : 0, instant(p.get("word_at"))));
        }
        List<SubscriptionChange> history = new ArrayList<>();
        for (Document c : d.getList("history", Document.class, List.of())) {
            history.add(new SubscriptionChange(instant(c.get("at")), instant(c.get("store_time")), c.getString("event"),
                    c.getString("source"), SubscriptionStatus.fromWire(c.getString("from")),
                    SubscriptionStatus.fromWire(c.getString("to")), instant(c.get("expires_at")),
                    instant(c.get("grace_until")), c.getBoolean("auto_renew"), c.getString("plan")));
        }
        ObjectId owner = d.getObjectId("user_id");
        return Subscription.restore(new Subscription.StoredState(
                new SubscriptionKey(SubscriptionStore.fromWireName(d.getString("store")), d.getString("chain")),
                owner == null ? null : new UserId(owner.toHexString()),
                d.getString("source_purchase_id"), d.getString("plan"), d.getString("sku"), d.getString("environment"),
                SubscriptionStatus.fromWire(d.getString("status")), instant(d.get("started_at")), instant(d.get("expires_at")),
                instant(d.get("grace_until")), instant(d.get("resumes_at")), d.getBoolean("auto_renew"),
                instant(d.get("revoked_at")), d.getString("revocation_reason"), instant(d.get("store_time")),
                d.getString("latest_transaction_id"), instant(d.get("latest_period_end")), d.getString("current_token"),
                d.getList("tokens", String.class, List.of()), periods, history, Boolean.TRUE.equals(d.get("copy_pending")),
                instant(d.get("created_at")), instant(d.get("updated_at")), ((Number) d.get("version")).longValue()));
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Object stored) {
        return stored instanceof Date date ? date.toInstant() : null;
    }
}
