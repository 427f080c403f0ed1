package io.playerbase.domain.wallet;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules every {@link WalletRepository} keeps: the in-memory fake, the embedded store and a real MongoDB. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class WalletRepositoryContract {

    protected static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    protected static final Actor ADMIN = new Actor("650000000000000000000099", Actor.ActorRole.ADMIN, "req-w");

    protected WalletRepository wallets;

    /** The repository under test, once per test class (tests use fresh users). */
    protected abstract WalletRepository createWallets();

    /** A new user with the registry's empty wallet, the way registration makes one. */
    protected abstract UserId newUser();

    /** Erases the user's account the way account deletion does, outside the port. */
    protected abstract void deleteAccount(UserId user);

    /** Releases what {@link #createWallets()} started. */
    protected void closeWallets() {
    }

    @BeforeAll
    void startWallets() {
        wallets = createWallets();
    }

    @AfterAll
    void stopWallets() {
        closeWallets();
    }

    protected static Movement movement(String operation) {
        return new Movement(new OperationId(operation), new ReasonCode("goodwill"), "Sorry about the outage",
                TransactionSource.ADMIN, ADMIN);
    }

    protected static AuditEntry audit(UserId user) {
        return AuditEntry.of(user, ADMIN, "wallet.credited", "wallet", List.of("balance"), NOW);
    }

    @Test
    void aNewUsersWalletIsEmptyInTheDefaultCurrency() {
        Wallet wallet = wallets.find(newUser()).orElseThrow();
        assertEquals(0, wallet.balance());
        assertEquals("CREDITS", wallet.currency().code());
        assertEquals(0, wallet.sequence());
        assertEquals(0, wallet.version());
        assertEquals(LedgerEntry.GENESIS_HASH, wallet.headHash());
        assertNull(wallet.updatedAt());
        assertTrue(wallet.unrecordedEntry().isEmpty());
        assertTrue(wallets.find(UserId.newId(NOW)).isEmpty(), "no such user");
    }

    @Test
    void aCommitStoresBalanceHeadAndEntry() {
        UserId ann = newUser();
        Wallet wallet = wallets.find(ann).orElseThrow();
        LedgerEntry entry = wallet.credit(new Amount(123456), movement("op-1"), NOW);
        AuditEntry audit = audit(ann);
        wallets.commit(wallet, audit);

        assertEquals(1, wallet.version());
        Wallet stored = wallets.find(ann).orElseThrow();
        assertEquals(123456, stored.balance());
        assertEquals(1, stored.sequence());
        assertEquals(1, stored.version());
        assertEquals(entry.hash(), stored.headHash());
        assertEquals(NOW, stored.updatedAt());
        assertEquals(entry, stored.unrecordedEntry().orElseThrow(), "the entry round-trips through the wallet");
        assertEquals(0, stored.openingBalance());
    }

    @Test
    void aStaleCommitIsRefusedAndChangesNothing() {
        UserId ann = newUser();
        Wallet first = wallets.find(ann).orElseThrow();
        Wallet second = wallets.find(ann).orElseThrow();
        first.credit(new Amount(10), movement("op-1"), NOW);
        wallets.commit(first, audit(ann));
        second.credit(new Amount(99), movement("op-2"), NOW);
        assertEquals("stale-version", assertThrows(Conflict.class, () -> wallets.commit(second, audit(ann))).code());
        assertEquals(10, wallets.find(ann).orElseThrow().balance());
        Wallet third = wallets.find(ann).orElseThrow();
        third.debit(new Amount(4), movement("op-3"), NOW);
        wallets.commit(third, audit(ann));
        assertEquals(6, wallets.find(ann).orElseThrow().balance());
        assertEquals(2, wallets.find(ann).orElseThrow().version());
    }

    @Test
    void markRecordedDropsOnlyTheNamedEntry() {
        UserId ann = newUser();
        Wallet wallet = wallets.find(ann).orElseThrow();
        wallet.credit(new Amount(10), movement("op-1"), NOW);
        wallets.commit(wallet, audit(ann));
        assertTrue(wallets.withUnrecordedEntries(10_000).contains(ann));

        wallets.markRecorded(ann, 2);
        assertTrue(wallets.find(ann).orElseThrow().unrecordedEntry().isPresent(), "another sequence: kept");
        wallets.markRecorded(ann, 1);
        Wallet after = wallets.find(ann).orElseThrow();
        assertTrue(after.unrecordedEntry().isEmpty());
        assertEquals(1, after.version(), "dropping the entry is not a change of the wallet");
        assertFalse(wallets.withUnrecordedEntries(10_000).contains(ann));
    }

    @Test
    void aDeletedAccountsWalletIsClosedAndRefusesCommits() {
        UserId gone = newUser();
        Wallet wallet = wallets.find(gone).orElseThrow();
        deleteAccount(gone);
        assertTrue(wallets.find(gone).orElseThrow().closed());
        wallet.credit(new Amount(5), movement("op-1"), NOW);
        assertThrows(Conflict.class, () -> wallets.commit(wallet, audit(gone)));
        assertEquals(0, wallets.find(gone).orElseThrow().balance());
    }
}
