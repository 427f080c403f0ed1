package io.playerbase.application.subscription;

import io.playerbase.application.subscription.port.in.SubscriptionDetailsView;
import io.playerbase.application.subscription.port.in.SubscriptionQueries;
import io.playerbase.application.subscription.port.in.SubscriptionView;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.subscription.PremiumAccount;
import io.playerbase.domain.subscription.PremiumAccountRepository;
import io.playerbase.domain.subscription.Subscription;
import io.playerbase.domain.subscription.SubscriptionRepository;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Premium is computed here at every read, from the stored facts and the clock: never stale, no job needed. */
@Singleton
final class SubscriptionQueryService implements SubscriptionQueries {

    private final SubscriptionRepository subscriptions;
    private final PremiumAccountRepository accounts;
    private final Clock clock;

    SubscriptionQueryService(SubscriptionRepository subscriptions, PremiumAccountRepository accounts, Clock clock) {
        this.subscriptions = subscriptions;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public SubscriptionView subscription(UserId userId) {
        PremiumAccount account = account(userId);
        Instant now = clock.instant();
        return SubscriptionView.of(subscriptions.forUser(userId), account.activeGrant(now), now);
    }

    @Override
    public SubscriptionDetailsView details(UserId userId) {
        PremiumAccount account = account(userId);
        Instant now = clock.instant();
        List<Subscription> owned = subscriptions.forUser(userId);
        return SubscriptionDetailsView.of(userId.value(), owned, account.grants(),
                SubscriptionView.of(owned, account.activeGrant(now), now), now);
    }

    @Override
    public boolean premium(UserId userId) {
        Optional<PremiumAccount> account = accounts.find(userId);
        if (account.isEmpty() || account.get().deleted()) {
            return false;
        }
        Instant now = clock.instant();
        return account.get().activeGrant(now).isPresent()
                || subscriptions.forUser(userId).stream().anyMatch(s -> s.premiumAt(now));
    }

    private PremiumAccount account(UserId userId) {
        return accounts.find(userId).orElseThrow(() -> new NotFound("user-not-found", "No such user"));
    }
}
