package io.playerbase.application.wallet;

import io.playerbase.application.wallet.port.in.CreditWalletUseCase;
import io.playerbase.application.wallet.port.in.DebitWalletUseCase;
import io.playerbase.application.wallet.port.in.ReconciliationView;
import io.playerbase.application.wallet.port.in.ReverseWalletTransactionUseCase;
import io.playerbase.application.wallet.port.in.TransactionView;
import io.playerbase.application.wallet.port.in.WalletQueries;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.InMemoryLedger;
import io.playerbase.domain.testing.InMemoryWalletRepository;
import io.playerbase.domain.testing.MutableClock;
import io.playerbase.domain.wallet.Amount;
import io.playerbase.domain.wallet.LedgerEntry;
import io.playerbase.domain.wallet.Movement;
import io.playerbase.domain.wallet.OperationId;
import io.playerbase.domain.wallet.ReasonCode;
import io.playerbase.domain.wallet.TransactionSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WalletServicesTest {

    static final Actor ADMIN = new Actor("650000000000000000000099", Actor.ActorRole.ADMIN, "req-1");

    private final InMemoryWalletRepository wallets = new InMemoryWalletRepository();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T09:00:00Z"));
    private final MoneyMovements movements = new MoneyMovements(wallets, ledger, clock);
    private final CreditWalletService credit = new CreditWalletService(movements);
    private final DebitWalletService debit = new DebitWalletService(movements);
    private final ReverseWalletTransactionService reverse = new ReverseWalletTransactionService(movements);
    private final WalletQueryService queries = new WalletQueryService(wallets, ledger);

    static CreditWalletUseCase.Command credit(UserId user, long amount, String operation) {
        return CreditWalletUseCase.Command.of(user, amount, operation, "goodwill", null, TransactionSource.ADMIN, ADMIN);
    }

    static DebitWalletUseCase.Command debit(UserId user, long amount, String operation) {
        return DebitWalletUseCase.Command.of(user, amount, operation, "correction", null, TransactionSource.ADMIN, ADMIN);
    }

    @Test
    void creditsAndDebitsChangeTheBalanceAndAppendToTheLedger() {
        UserId ann = wallets.addUser();
        TransactionView first = credit.credit(credit(ann, 1000, "op-1"));
        TransactionView second = debit.debit(debit(ann, 250, "op-2"));

        assertEquals(750, queries.wallet(ann).balance());
        assertEquals("CREDITS", queries.wallet(ann).currency());
        assertEquals(1, first.sequence());
        assertEquals("credit", first.kind());
        assertEquals(-250, second.signedAmount());
        assertEquals(750, second.balanceAfter());
        assertEquals(2, ledger.all(ann).size());
        assertTrue(wallets.find(ann).orElseThrow().unrecordedEntry().isEmpty(), "recorded and dropped from the wallet");
        assertEquals(List.of("wallet.credited", "wallet.debited"),
                wallets.auditEntries().stream().map(a -> a.action()).toList());
        assertEquals(List.of("balance"), wallets.auditEntries().get(0).changedFields(), "names, never amounts");
        assertTrue(queries.reconcile(ann).consistent());
    }

    @Test
    void aRepeatedOperationReturnsTheOriginalAndChangesNothing() {
        UserId ann = wallets.addUser();
        TransactionView original = credit.credit(credit(ann, 1000, "op-1"));
        clock.advance(Duration.ofMinutes(5));
        TransactionView again = credit.credit(credit(ann, 1000, "op-1"));

        assertEquals(original, again);
        assertEquals(1000, queries.wallet(ann).balance());
        assertEquals(1, ledger.all(ann).size());
        assertEquals(1, wallets.auditEntries().size());
    }

    @Test
    void anOperationIdReusedForAnotherMovementIsRefused() {
        UserId ann = wallets.addUser();
        credit.credit(credit(ann, 1000, "op-1"));
        assertEquals("operation-id-reused",
                assertThrows(RuleViolation.class, () -> credit.credit(credit(ann, 999, "op-1"))).code());
        assertEquals("operation-id-reused",
                assertThrows(RuleViolation.class, () -> debit.debit(debit(ann, 1000, "op-1"))).code());
        assertEquals(1000, queries.wallet(ann).balance());
    }

    @Test
    void insufficientFundsChangeNothing() {
        UserId ann = wallets.addUser();
        credit.credit(credit(ann, 100, "op-1"));
        assertEquals("insufficient-funds",
                assertThrows(RuleViolation.class, () -> debit.debit(debit(ann, 101, "op-2"))).code());
        assertEquals(100, queries.wallet(ann).balance());
        assertEquals(1, ledger.all(ann).size());
        assertEquals(1, wallets.auditEntries().size());
        debit.debit(debit(ann, 100, "op-2"));
        assertEquals(0, queries.wallet(ann).balance(), "the refused operation id is still free");
    }

    @Test
    void unknownUsersAndDeletedAccounts() {
        UserId nobody = UserId.newId(clock.instant());
        assertEquals("user-not-found", assertThrows(NotFound.class, () -> credit.credit(credit(nobody, 1, "op"))).code());
        assertThrows(NotFound.class, () -> queries.wallet(nobody));
        UserId gone = wallets.addUser();
        wallets.deleteAccount(gone);
        assertEquals("account-deleted", assertThrows(RuleViolation.class, () -> credit.credit(credit(gone, 1, "op"))).code());
    }

    @Test
    void commandsReportEveryInvalidField() {
        InvalidValue invalid = assertThrows(InvalidValue.class, () -> CreditWalletUseCase.Command.of(
                wallets.addUser(), 0L, "", "Not A Code", null, TransactionSource.ADMIN, ADMIN));
        assertEquals(List.of("amount", "operation_id", "reason"), invalid.fieldErrors().stream().map(f -> f.field()).toList());
        assertEquals(List.of("amount"), assertThrows(InvalidValue.class, () -> CreditWalletUseCase.Command.of(
                wallets.addUser(), null, "op", "goodwill", null, TransactionSource.ADMIN, ADMIN))
                .fieldErrors().stream().map(f -> f.field()).toList());
    }

    @Test
    void theLedgerPagesNewestFirstWithACursor() {
        UserId ann = wallets.addUser();
        for (int i = 1; i <= 5; i++) {
            credit.credit(credit(ann, i, "op-" + i));
        }
        Page<TransactionView> first = queries.ledger(ann, PageRequest.first(2));
        assertEquals(List.of(5L, 4L), first.items().stream().map(TransactionView::sequence).toList());
        Page<TransactionView> second = queries.ledger(ann, new PageRequest(first.nextCursor(), 2));
        assertEquals(List.of(3L, 2L), second.items().stream().map(TransactionView::sequence).toList());
        Page<TransactionView> last = queries.ledger(ann, new PageRequest(second.nextCursor(), 2));
        assertEquals(List.of(1L), last.items().stream().map(TransactionView::sequence).toList());
        assertNull(last.nextCursor());
        assertEquals(5, queries.ledger(ann, PageRequest.of(null, null, WalletQueries.LEDGER_PAGES)).items().size());
        assertEquals("cursor", assertThrows(InvalidValue.class, () -> queries.ledger(ann, new PageRequest("abc", 2)))
                .fieldErrors().get(0).field());
        assertThrows(InvalidValue.class, () -> queries.ledger(ann, new PageRequest("0", 2)));
        assertEquals("must be between 1 and 100", assertThrows(InvalidValue.class,
                () -> queries.ledger(ann, PageRequest.first(101))).fieldErrors().get(0).message(), "the ledger's own limit");
    }

    @Test
    void anUnrecordedEntryIsShownFromTheWalletSoTheLedgerAlwaysExplainsTheBalance() {
        UserId ann = wallets.addUser();
        credit.credit(credit(ann, 10, "op-1"));
        // A second credit whose ledger copy has not happened (crash after the wallet write).
        var wallet = wallets.find(ann).orElseThrow();
        wallet.credit(new Amount(5), new Movement(
                new OperationId("op-2"), new ReasonCode("goodwill"),
                null, TransactionSource.ADMIN, ADMIN), clock.instant());
        wallets.commit(wallet, AuditEntry.of(ann, ADMIN, "wallet.credited", "wallet",
                List.of("balance"), clock.instant()));

        assertEquals(15, queries.wallet(ann).balance());
        assertEquals(List.of(2L, 1L), queries.ledger(ann, PageRequest.first(10)).items().stream().map(TransactionView::sequence).toList());
        assertEquals(List.of(2L), queries.ledger(ann, PageRequest.first(1)).items().stream().map(TransactionView::sequence).toList());
        ReconciliationView report = queries.reconcile(ann);
        assertTrue(report.consistent(), report.findings().toString());
        assertEquals(1, ledger.all(ann).size(), "reads never write");
    }

    @Test
    void reversalsUndoOnceAndNeedTheFunds() {
        UserId ann = wallets.addUser();
        credit.credit(credit(ann, 500, "op-1"));
        debit.debit(debit(ann, 100, "op-2"));
        TransactionView undone = reverse.reverse(ReverseWalletTransactionUseCase.Command.of(ann, "op-2", "mistake", null,
                TransactionSource.ADMIN, ADMIN));
        assertEquals("reversal", undone.kind());
        assertEquals("op-2", undone.reverses());
        assertEquals(500, queries.wallet(ann).balance());
        TransactionView again = reverse.reverse(ReverseWalletTransactionUseCase.Command.of(ann, "op-2", "mistake", null,
                TransactionSource.ADMIN, ADMIN));
        assertEquals(undone, again, "an operation is reversed at most once");
        assertEquals(500, queries.wallet(ann).balance());

        debit.debit(debit(ann, 450, "op-3"));
        assertEquals("insufficient-funds", assertThrows(RuleViolation.class, () -> reverse.reverse(
                ReverseWalletTransactionUseCase.Command.of(ann, "op-1", "fraud", null, TransactionSource.ADMIN, ADMIN))).code());
        assertEquals("transaction-not-found", assertThrows(NotFound.class, () -> reverse.reverse(
                ReverseWalletTransactionUseCase.Command.of(ann, "op-404", "x", null, TransactionSource.ADMIN, ADMIN))).code());
        assertEquals("not-reversible", assertThrows(RuleViolation.class, () -> reverse.reverse(
                ReverseWalletTransactionUseCase.Command.of(ann, "reversal:op-2", "x", null, TransactionSource.ADMIN, ADMIN))).code());
        assertTrue(queries.reconcile(ann).consistent());
    }

    @Test
    void reconcileReportsTamperingAndAMissingEntry() {
        UserId ann = wallets.addUser();
        credit.credit(credit(ann, 500, "op-1"));
        credit.credit(credit(ann, 20, "op-2"));
        credit.credit(credit(ann, 3, "op-3"));
        LedgerEntry second = ledger.all(ann).get(1);
        ledger.tamper(second, new LedgerEntry(second.id(), second.userId(), second.sequence(), second.operationId(),
                second.kind(), new Amount(2000), second.balanceAfter(), second.currency(), second.reason(),
                second.description(), second.source(), second.actor(), second.reverses(), second.createdAt(),
                second.salt(), second.previousHash(), second.hash()));
        ReconciliationView tampered = queries.reconcile(ann);
        assertFalse(tampered.consistent());
        assertTrue(tampered.findings().stream().anyMatch(f -> f.sequence() == 2), tampered.findings().toString());

        UserId bob = wallets.addUser();
        credit.credit(credit(bob, 5, "op-1"));
        credit.credit(credit(bob, 6, "op-2"));
        ledger.remove(ledger.all(bob).get(0));
        ReconciliationView missing = queries.reconcile(bob);
        assertFalse(missing.consistent());
        assertEquals(1, missing.entries());
        assertEquals(2, missing.sequence());
    }

    @Test
    void aLegacyBalanceIsTheOpeningBalanceOfTheLedger() {
        UserId old = wallets.addUser(4200);
        assertTrue(queries.reconcile(old).consistent());
        debit.debit(debit(old, 200, "op-1"));
        ReconciliationView report = queries.reconcile(old);
        assertTrue(report.consistent(), report.findings().toString());
        assertEquals(4200, report.openingBalance());
        assertEquals(4000, report.balance());
    }

    @Test
    void recoveryFindsNothingToDoAfterCleanOperations() {
        UserId ann = wallets.addUser();
        credit.credit(credit(ann, 1, "op-1"));
        assertEquals(0, new RecoverWalletsService(wallets, movements).recover());
        List<TransactionView> all = new ArrayList<>(queries.ledger(ann, PageRequest.first(100)).items());
        assertEquals(1, all.size());
    }
}
