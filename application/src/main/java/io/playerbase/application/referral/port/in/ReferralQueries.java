package io.playerbase.application.referral.port.in;

import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;

/** Reading an account's referrals (the owner's own view and the staff view show the same links). */
public interface ReferralQueries {

    /** The account's code, referrer and a page of the accounts it referred; 404 {@code user-not-found}. */
    ReferralSummaryView summary(UserId userId, PageRequest page);
}
