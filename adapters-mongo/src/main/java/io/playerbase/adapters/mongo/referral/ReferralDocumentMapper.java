package io.playerbase.adapters.mongo.referral;

import io.playerbase.domain.referral.Qualification;
import io.playerbase.domain.referral.Referral;
import io.playerbase.domain.referral.ReferralCode;
import io.playerbase.domain.referral.ReferralState;
import io.playerbase.domain.referral.Reward;
import io.playerbase.domain.shared.UserId;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.Date;

/**
 * Maps a {@link Referral} to its document in {@code referrals} and back (docs/referrals.md): {@code _id}
 * is the referred account's id, so a second referral of an account is a duplicate key. {@code work_at}
 * is derived ({@link Referral#workAt()}) and indexed for the recovery pass. Reward amounts are the
 * program's configured amounts and are stored in clear (the ledger entries that pay them are encrypted).
 */
final class ReferralDocumentMapper {

    static final String COLLECTION = "referrals";

    private ReferralDocumentMapper() {
    }

    static Document toDocument(Referral referral) {
        Referral.StoredState s = referral.storedState();
        return new Document("_id", new ObjectId(s.referee().value()))
                .append("referrer_id", new ObjectId(s.referrer().value()))
                .append("code", s.code().value())
                .append("redeemed_at", date(s.redeemedAt()))
                .append("state", s.state().wire())
                .append("linked", s.linked())
                .append("qualification", s.qualification() == null ? null : new Document("kind", s.qualification().kind().wire())
                        .append("reference", s.qualification().reference())
                        .append("at", date(s.qualification().at())))
                .append("pay_at", date(s.payAt()))
                .append("referrer_reward", reward(s.referrerReward()))
                .append("referee_reward", reward(s.refereeReward()))
                .append("close_reason", s.closeReason())
                .append("closed_at", date(s.closedAt()))
                .append("updated_at", date(s.updatedAt()))
                .append("work_at", date(referral.workAt()))
                .append("version", s.version());
    }

    static Referral toDomain(Document document) {
        Document qualification = document.get("qualification", Document.class);
        Instant redeemedAt = instant(document.get("redeemed_at"));
        return Referral.restore(new Referral.StoredState(
                new UserId(document.getObjectId("_id").toHexString()),
                new UserId(document.getObjectId("referrer_id").toHexString()),
                new ReferralCode(document.getString("code")),
                redeemedAt,
                ReferralState.fromWire(document.getString("state")),
                Boolean.TRUE.equals(document.get("linked")),
                qualification == null ? null : new Qualification(Qualification.Kind.fromWire(qualification.getString("kind")),
                        qualification.getString("reference"), instant(qualification.get("at"))),
                instant(document.get("pay_at")),
                reward(document.get("referrer_reward", Document.class)),
                reward(document.get("referee_reward", Document.class)),
                document.getString("close_reason"),
                instant(document.get("closed_at")),
                document.get("updated_at") == null ? redeemedAt : instant(document.get("updated_at")),
                document.get("version") instanceof Number number ? number.longValue() : 0L));
    }

    private static Document reward(Reward reward) {
        if (reward == null) {
            return null;
        }
        Reward.Reversal reversal = reward.reversal();
        return new Document("amount", reward.amount())
                .append("state", reward.state().wire())
                .append("forfeit_code", reward.forfeitCode())
                .append("paid_at", date(reward.paidAt()))
                .append("reversal", reversal == null ? null : new Document("reason", reversal.reason())
                        .append("description", reversal.description())
                        .append("actor_id", reversal.actorId())
                        .append("actor_role", reversal.actorRole())
                        .append("request_id", reversal.requestId())
                        .append("requested_at", date(reversal.requestedAt()))
                        .append("done_at", date(reversal.doneAt())));
    }

    private static Reward reward(Document document) {
        if (document == null) {
            return null;
        }
        Document reversal = document.get("reversal", Document.class);
        return new Reward(((Number) document.get("amount")).longValue(), Reward.State.fromWire(document.getString("state")),
                document.getString("forfeit_code"), instant(document.get("paid_at")),
                reversal == null ? null : new Reward.Reversal(reversal.getString("reason"), reversal.getString("description"),
                        reversal.getString("actor_id"), reversal.getString("actor_role"), reversal.getString("request_id"),
                        instant(reversal.get("requested_at")), instant(reversal.get("done_at"))));
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    static Instant instant(Object stored) {
        return stored instanceof Date date ? date.toInstant() : null;
    }
}
