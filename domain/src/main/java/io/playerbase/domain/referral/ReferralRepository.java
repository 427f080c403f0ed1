package io.playerbase.domain.referral;

import io.playerbase.domain.shared.UserId;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Outgoing port for referrals ({@code referrals}, one per referred account: the referred account's id
 * is the referral's id, so an account is referred once by construction). Each write is one conditional
 * single-document write.
 */
public interface ReferralRepository {

    /** Stores a new referral unless its referred account has one already, atomically; whether it did. */
    boolean insert(Referral referral);

    /**
     * Stores a changed referral if nobody changed it since it was read ({@link Referral#version()}),
     * else {@link io.playerbase.domain.shared.Conflict#stale}. Afterwards it carries the new version.
     */
    void update(Referral referral);

    /** The referral of a referred account. */
    Optional<Referral> find(UserId referee);

    /** The pending referrals of these accounts, in one read (most accounts have none). */
    List<Referral> pendingAmong(Collection<UserId> referees);

    /** Referrals with work left ({@link Referral#workAt()}) at or before {@code before}, oldest work first. */
    List<Referral> workDueBefore(Instant before, int limit);

    /** How many accounts {@code referrer} referred here (links of the old system not counted). */
    long countReferredBy(UserId referrer);
}
