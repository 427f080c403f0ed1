package io.playerbase.domain.referral;

import java.util.Objects;

/** A referral with the username of the other account it links (never more about that account). */
public record ReferralLink(Referral referral, String username) {

    public ReferralLink {
        Objects.requireNonNull(referral, "referral");
        Objects.requireNonNull(username, "username");
    }
}
