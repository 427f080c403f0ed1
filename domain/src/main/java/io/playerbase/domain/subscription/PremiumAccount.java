package io.playerbase.domain.subscription;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An account's side of the subscription module ({@code modules.subscription} of its user document):
 * the premium granted by hand, and the {@link SubscriptionSummary} copy shown with the account. Every
 * change is one write conditional on its version, with its audit entry.
 */
public final class PremiumAccount {

    /** A grant lasts at most this long (a longer goodwill is a product decision, not support's). */
    public static final Duration MAX_GRANT = Duration.ofDays(366 * 5);
    /** Grants kept (newest); older ones stay in the audit log. */
    public static final int MAX_GRANTS = 100;

    private final UserId userId;
    private final boolean deleted;
    private final List<PremiumGrant> grants;
    private SubscriptionSummary summary;
    private long version;

    private PremiumAccount(UserId userId, boolean deleted, List<PremiumGrant> grants, SubscriptionSummary summary,
                           long version) {
        this.userId = Objects.requireNonNull(userId, "userId");
        this.deleted = deleted;
        this.grants = new ArrayList<>(grants);
        this.summary = Objects.requireNonNull(summary, "summary");
        this.version = version;
    }

    /** Rebuilds a stored account side; used by adapters only. */
    public static PremiumAccount restore(UserId userId, boolean deleted, List<PremiumGrant> grants,
                                         SubscriptionSummary summary, long version) {
        return new PremiumAccount(userId, deleted, grants, summary, version);
    }

    /**
     * Grants premium until {@code expiresAt}: in the future, at most {@link #MAX_GRANT} ahead; refused for
     * an erased account.
     */
    public PremiumGrant grant(String id, String reason, Instant expiresAt, Actor actor, Instant now) {
        if (deleted) {
            throw new RuleViolation("account-deleted", "This account was erased");
        }
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        if (expiresAt == null) {
            throw new InvalidValue("expires_at", "is required");
        }
        Instant until = expiresAt.truncatedTo(ChronoUnit.MILLIS);
        if (!until.isAfter(at)) {
            throw new InvalidValue("expires_at", "must be in the future");
        }
        if (until.isAfter(at.plus(MAX_GRANT))) {
            throw new InvalidValue("expires_at", "must be at most " + MAX_GRANT.toDays() + " days ahead");
        }
        PremiumGrant grant = new PremiumGrant(id, at, actor.id(), reason, until, null, null, null);
        grants.add(grant);
        while (grants.size() > MAX_GRANTS) {
            grants.remove(0);
        }
        return grant;
    }

    /**
     * Ends every active manual grant ({@code no-active-grant} when there is none: store premium is the
     * store's, and is neither hidden nor ended here). @return the grants it ended
     */
    public List<PremiumGrant> revokeGrants(String reason, Actor actor, Instant now) {
        PremiumGrant.checkReason(reason);
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        List<PremiumGrant> ended = new ArrayList<>();
        for (int i = 0; i < grants.size(); i++) {
            PremiumGrant grant = grants.get(i);
            if (grant.activeAt(at)) {
                PremiumGrant revoked = grant.revoked(at, actor.id(), reason);
                grants.set(i, revoked);
                ended.add(revoked);
            }
        }
        if (ended.isEmpty()) {
            throw new RuleViolation("no-active-grant", "There is no active manual grant to revoke; premium from a store "
                    + "ends in the store (a refund there ends it here)");
        }
        return ended;
    }

    /** The active grant that lasts longest, if any. */
    public Optional<PremiumGrant> activeGrant(Instant now) {
        return grants.stream().filter(g -> g.activeAt(now)).max(Comparator.comparing(PremiumGrant::expiresAt));
    }

    /**
     * Replaces the account's copy of its subscription. @return the names of the fields that changed
     * (empty: nothing to write)
     */
    public List<String> project(SubscriptionSummary next) {
        List<String> changed = new ArrayList<>();
        compare(changed, "plan", summary.plan(), next.plan());
        compare(changed, "status", summary.status(), next.status());
        compare(changed, "started_at", summary.startedAt(), next.startedAt());
        compare(changed, "expires_at", summary.expiresAt(), next.expiresAt());
        compare(changed, "grace_until", summary.graceUntil(), next.graceUntil());
        compare(changed, "auto_renew", summary.autoRenew(), next.autoRenew());
        compare(changed, "source_purchase_id", summary.sourcePurchaseId(), next.sourcePurchaseId());
        compare(changed, "store", summary.store(), next.store());
        compare(changed, "granted_until", summary.grantedUntil(), next.grantedUntil());
        summary = next;
        return changed;
    }

    private static void compare(List<String> changed, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(field);
        }
    }

    /** Called by the repository adapter after a successful write. */
    public void markStored(long newVersion) {
        this.version = newVersion;
    }

    public UserId userId() { return userId; }
    public boolean deleted() { return deleted; }
    public List<PremiumGrant> grants() { return List.copyOf(grants); }
    public SubscriptionSummary summary() { return summary; }
    public long version() { return version; }
}
