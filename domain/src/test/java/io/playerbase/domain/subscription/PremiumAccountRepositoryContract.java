package io.playerbase.domain.subscription;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link PremiumAccountRepository} does: the in-memory fake, the embedded store and a real MongoDB. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PremiumAccountRepositoryContract {

    protected static final Instant NOW = Instant.parse("2027-03-01T12:00:00Z");
    protected static final Actor ADMIN = new Actor("650000000000000000000f01", Actor.ActorRole.ADMIN, "req-p");

    protected PremiumAccountRepository accounts;

    protected abstract PremiumAccountRepository createStore();

    /** A new account, with the registry's defaults, the way registration makes one. */
    protected abstract UserId newUser();

    /** Erases the account the way account deletion does, outside the port. */
    protected abstract void deleteAccount(UserId user);

    protected void closeStore() {
    }

    @BeforeAll
    void start() {
        accounts = createStore();
    }

    @AfterAll
    void stop() {
        closeStore();
    }

    protected static AuditEntry audit(UserId user) {
        return AuditEntry.of(user, ADMIN, "subscription.premium_granted", "subscription", List.of("grants"), NOW);
    }

    @Test
    void aNewAccountHasNoGrantsAndTheDefaultCopy() {
        UserId ann = newUser();
        PremiumAccount account = accounts.find(ann).orElseThrow();
        assertEquals(List.of(), account.grants());
        assertEquals(SubscriptionSummary.NONE, account.summary());
        assertFalse(account.deleted());
        assertTrue(accounts.find(UserId.newId(NOW)).isEmpty());
    }

    @Test
    void grantsAndTheCopyAreStoredAndReadBackExactly() {
        UserId ann = newUser();
        PremiumAccount account = accounts.find(ann).orElseThrow();
        account.grant("650000000000000000000d01", "goodwill", NOW.plus(Duration.ofDays(30)), ADMIN, NOW);
        account.grant("650000000000000000000d02", "outage", NOW.plus(Duration.ofDays(3)), ADMIN, NOW);
        account.revokeGrants("mistake", ADMIN, NOW.plusSeconds(1));
        account.grant("650000000000000000000d03", "goodwill", NOW.plus(Duration.ofDays(9)), ADMIN, NOW.plusSeconds(2));
        SubscriptionSummary copy = new SubscriptionSummary("premium_monthly", SubscriptionStatus.GRACE, NOW.minus(Duration.ofDays(40)),
                NOW.minusSeconds(10), NOW.plus(Duration.ofDays(16)), true, "650000000000000000000c01", "app_store",
                NOW.plus(Duration.ofDays(9)));
        account.project(copy);
        accounts.update(account, audit(ann));
        PremiumAccount found = accounts.find(ann).orElseThrow();
        assertEquals(account.grants(), found.grants());
        assertEquals(copy, found.summary());
        assertEquals(account.version(), found.version());
    }

    @Test
    void anUpdateIsConditionalOnTheVersionRead() {
        UserId ann = newUser();
        PremiumAccount first = accounts.find(ann).orElseThrow();
        PremiumAccount second = accounts.find(ann).orElseThrow();
        first.grant("650000000000000000000d11", "goodwill", NOW.plus(Duration.ofDays(1)), ADMIN, NOW);
        accounts.update(first, audit(ann));
        second.grant("650000000000000000000d12", "goodwill", NOW.plus(Duration.ofDays(2)), ADMIN, NOW);
        assertThrows(Conflict.class, () -> accounts.update(second, audit(ann)));
        assertEquals(List.of("650000000000000000000d11"),
                accounts.find(ann).orElseThrow().grants().stream().map(PremiumGrant::id).toList());
    }

    @Test
    void anErasedAccountReadsAsErasedAndTakesNoWrite() {
        UserId ann = newUser();
        PremiumAccount before = accounts.find(ann).orElseThrow();
        deleteAccount(ann);
        assertTrue(accounts.find(ann).orElseThrow().deleted());
        before.project(new SubscriptionSummary("premium_monthly", SubscriptionStatus.ACTIVE, NOW, NOW.plusSeconds(60), null,
                true, null, "test", null));
        assertThrows(Conflict.class, () -> accounts.update(before, audit(ann)));
    }
}
