package io.playerbase.application.subscription.port.in;

import io.playerbase.domain.shared.UserId;

/** Reads of the subscription module; premium is derived from the subscriptions, grants and clock at each one. */
public interface SubscriptionQueries {

    /** An account's premium now; 404 {@code user-not-found}. */
    SubscriptionView subscription(UserId userId);

    /** The same with every store subscription, its periods and history, and the manual grants; 404 {@code user-not-found}. */
    SubscriptionDetailsView details(UserId userId);

    /** Whether the account has premium now (false for an account that does not exist). */
    boolean premium(UserId userId);
}
