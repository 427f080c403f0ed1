package io.playerbase.domain.testing;

import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.subscription.PremiumAccount;
import io.playerbase.domain.subscription.PremiumAccountRepository;
import io.playerbase.domain.subscription.SubscriptionSummary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link PremiumAccountRepository} over accounts a test adds, held to {@code PremiumAccountRepositoryContract}. */
public final class InMemoryPremiumAccounts implements PremiumAccountRepository {

    private record Stored(boolean deleted, PremiumAccount account) {
    }

    private final Map<UserId, Stored> accounts = new HashMap<>();
    private final List<AuditEntry> audit = new ArrayList<>();

    public synchronized UserId addUser() {
        UserId id = UserId.newId(Instant.now());
        accounts.put(id, new Stored(false, PremiumAccount.restore(id, false, List.of(), SubscriptionSummary.NONE, 0)));
        return id;
    }

    /** An account some other part of the service created (the wallet's fake, say). */
    public synchronized void addUser(UserId id) {
        accounts.putIfAbsent(id, new Stored(false, PremiumAccount.restore(id, false, List.of(), SubscriptionSummary.NONE, 0)));
    }

    public synchronized void deleteAccount(UserId id) {
        Stored stored = accounts.get(id);
        PremiumAccount a = stored.account();
        accounts.put(id, new Stored(true, PremiumAccount.restore(id, true, a.grants(), a.summary(), a.version())));
    }

    public synchronized List<AuditEntry> audit() {
        return List.copyOf(audit);
    }

    @Override
    public synchronized Optional<PremiumAccount> find(UserId userId) {
        return Optional.ofNullable(accounts.get(userId)).map(s -> copy(s.account(), s.deleted()));
    }

    @Override
    public synchronized void update(PremiumAccount account, AuditEntry entry) {
        Stored stored = accounts.get(account.userId());
        if (stored == null || stored.deleted() || stored.account().version() != account.version()) {
            throw Conflict.stale("Subscription module");
        }
        account.markStored(account.version() + 1);
        accounts.put(account.userId(), new Stored(false, copy(account, false)));
        audit.add(entry);
    }

    private static PremiumAccount copy(PremiumAccount a, boolean deleted) {
        return PremiumAccount.restore(a.userId(), deleted, a.grants(), a.summary(), a.version());
    }
}
