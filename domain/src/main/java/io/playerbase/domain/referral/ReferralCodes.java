package io.playerbase.domain.referral;

import io.playerbase.domain.shared.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Outgoing port: which account owns which code. Uniqueness is this port's whole job, and the adapter
 * keeps it by the identity of what it stores (one record per normalized code, the code as its id), never
 * by a secondary unique index. A claim is one atomic insert; claims are never changed, only given up by
 * their owner.
 */
public interface ReferralCodes {

    /**
     * Claims {@code code} for {@code owner}, atomically.
     *
     * @return true when the code is {@code owner}'s now (claimed by this call, or already theirs), false
     *         when another account holds it
     */
    boolean claim(ReferralCode code, UserId owner, Instant now);

    Optional<UserId> ownerOf(ReferralCode code);

    /** The codes {@code owner} has claimed, oldest first. */
    List<ReferralCode> ownedBy(UserId owner);

    /** Gives up {@code owner}'s claim of {@code code}; nothing when the code is not theirs. */
    void release(ReferralCode code, UserId owner);
}
