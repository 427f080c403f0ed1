package io.playerbase.application.subscription;

import io.playerbase.application.subscription.port.in.RevokePremiumUseCase;
import io.playerbase.application.subscription.port.in.SubscriptionDetailsView;
import io.playerbase.application.subscription.port.in.SubscriptionQueries;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.subscription.PremiumAccount;
import io.playerbase.domain.subscription.PremiumAccountRepository;
import io.playerbase.domain.subscription.SubscriptionRepository;
import io.playerbase.domain.subscription.SubscriptionSummary;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Ends the manual grants in one write with the account copy and the audit entry; store subscriptions are untouched. */
@Singleton
final class RevokePremiumService implements RevokePremiumUseCase {

    private static final int MAX_ATTEMPTS = 20;

    private final PremiumAccountRepository accounts;
    private final SubscriptionRepository subscriptions;
    private final SubscriptionQueries queries;
    private final Clock clock;

    RevokePremiumService(PremiumAccountRepository accounts, SubscriptionRepository subscriptions, SubscriptionQueries queries,
                         Clock clock) {
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.queries = queries;
        this.clock = clock;
    }

    @Override
    public SubscriptionDetailsView revoke(Command command) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            PremiumAccount account = accounts.find(command.userId())
                    .orElseThrow(() -> new NotFound("user-not-found", "No such user"));
            Instant now = clock.instant();
            account.revokeGrants(command.reason(), command.actor(), now);
            List<String> changed = new ArrayList<>(List.of("grants"));
            changed.addAll(account.project(SubscriptionSummary.of(subscriptions.forUser(command.userId()),
                    account.activeGrant(now), now)));
            try {
                accounts.update(account, AuditEntry.of(command.userId(), command.actor(), "subscription.premium_revoked",
                        SubscriptionUpdates.MODULE, changed, now));
                return queries.details(command.userId());
            } catch (Conflict stale) {
                if (!"stale-version".equals(stale.code())) {
                    throw stale;
                }
            }
        }
        throw new Conflict("subscription-busy", "The account is being changed by many requests at once; retry");
    }
}
