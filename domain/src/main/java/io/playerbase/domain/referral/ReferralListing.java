package io.playerbase.domain.referral;

import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.ReadOnlyPort;
import io.playerbase.domain.shared.UserId;

import java.util.Optional;

/**
 * Outgoing port: reading referral links for views and exports, on the read-only database role (it may
 * lag a write of a moment ago).
 */
public interface ReferralListing extends ReadOnlyPort {

    /**
     * The accounts {@code referrer} referred, newest redemption first (ties by id), each with its
     * username; the cursor is opaque.
     */
    Page<ReferralLink> referredBy(UserId referrer, PageRequest page);

    /** The referral of {@code referee}, with its referrer's username. */
    Optional<ReferralLink> referralOf(UserId referee);
}
