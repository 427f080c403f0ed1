package io.playerbase.adapters.mongo.subscription;

import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.subscription.PremiumAccount;
import io.playerbase.domain.subscription.PremiumGrant;
import io.playerbase.domain.subscription.SubscriptionStatus;
import io.playerbase.domain.subscription.SubscriptionSummary;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Maps an account's side of the subscription module to {@code modules.subscription} of its user
 * document and back. The copy's fields are the module's public fields (shown with the account); the
 * grants ({@code _grants}) and the version ({@code _version}) are its own bookkeeping, left out of the
 * account view. Whatever an older system left there (a {@code plan} of {@code premium}, a status of
 * {@code inactive}, a missing field, a value of another type) reads as a copy to be replaced, never as
 * premium.
 */
final class PremiumAccountDocumentMapper {

    static final String PATH = "modules.subscription";
    static final String VERSION = "_version";
    static final String GRANTS = "_grants";

    private PremiumAccountDocumentMapper() {
    }

    static PremiumAccount toDomain(Document user) {
        UserId id = new UserId(user.getObjectId("_id").toHexString());
        boolean deleted = "deleted".equals(user.get("status"));
        Document module = user.get("modules") instanceof Document modules && modules.get("subscription") instanceof Document m
                ? m : new Document();
        List<PremiumGrant> grants = new ArrayList<>();
        if (module.get(GRANTS) instanceof List<?> stored) {
            for (Object entry : stored) {
                if (entry instanceof Document g) {
                    grants.add(new PremiumGrant(g.getString("id"), instant(g.get("granted_at")), g.getString("granted_by"),
                            g.getString("reason"), instant(g.get("expires_at")), instant(g.get("revoked_at")),
                            g.getString("revoked_by"), g.getString("revoke_reason")));
                }
            }
        }
        SubscriptionSummary summary = new SubscriptionSummary(
                module.get("plan") instanceof String plan ? plan : SubscriptionSummary.FREE,
                SubscriptionStatus.fromWire(module.get("status") instanceof String status ? status : null),
                instant(module.get("started_at")), instant(module.get("expires_at")), instant(module.get("grace_until")),
                Boolean.TRUE.equals(module.get("auto_renew")),
                module.get("source_purchase_id") instanceof String source ? source : null,
                module.get("store") instanceof String store ? store : null,
                instant(module.get("granted_until")));
        long version = module.get(VERSION) instanceof Number number ? number.longValue() : 0L;
        return PremiumAccount.restore(id, deleted, grants, summary, version);
    }

    /** The module's fields as stored, the version included. */
    static Document fields(PremiumAccount account, long version) {
        SubscriptionSummary s = account.summary();
        List<Document> grants = new ArrayList<>();
        for (PremiumGrant g : account.grants()) {
            grants.add(new Document("id", g.id())
                    .append("granted_at", date(g.grantedAt()))
                    .append("granted_by", g.grantedBy())
                    .append("reason", g.reason())
                    .append("expires_at", date(g.expiresAt()))
                    .append("revoked_at", date(g.revokedAt()))
                    .append("revoked_by", g.revokedBy())
                    .append("revoke_reason", g.revokeReason()));
        }
        return new Document("plan", s.plan())
                .append("status", s.status().wire())
                .append("started_at", date(s.startedAt()))
                .append("expires_at", date(s.expiresAt()))
                .append("grace_until", date(s.graceUntil()))
                .append("auto_renew", s.autoRenew())
                .append("source_purchase_id", s.sourcePurchaseId())
                .append("store", s.store())
                .append("granted_until", date(s.grantedUntil()))
                .append(GRANTS, grants)
                .append(VERSION, version);
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Object stored) {
        return stored instanceof Date date ? date.toInstant() : null;
    }
}
