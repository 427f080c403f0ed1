package io.playerbase.domain.wallet;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WalletTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.123456Z");
    private static final UserId OWNER = new UserId("650000000000000000000001");
    private static final Currency CREDITS = new Currency("CREDITS");

    static Movement movement(String operationId) {
        return new Movement(new OperationId(operationId), new ReasonCode("goodwill"), null, TransactionSource.ADMIN,
                new Actor("650000000000000000000099", Actor.ActorRole.ADMIN, "req-1"));
    }

    @Test
    void creditsAndDebitsMoveTheBalanceAndNumberTheEntries() {
        Wallet wallet = Wallet.open(OWNER, CREDITS, 0);
        LedgerEntry first = wallet.credit(new Amount(500), movement("op-1"), NOW);
        LedgerEntry second = wallet.debit(new Amount(200), movement("op-2"), NOW);

        assertEquals(300, wallet.balance());
        assertEquals(2, wallet.sequence());
        assertEquals(1, first.sequence());
        assertEquals(500, first.balanceAfter());
        assertEquals(2, second.sequence());
        assertEquals(300, second.balanceAfter());
        assertEquals(-200, second.signedAmount());
        assertEquals(second, wallet.unrecordedEntry().orElseThrow(), "the newest entry is held until the ledger has it");
        assertEquals(Instant.parse("2026-03-01T10:00:00.123Z"), first.createdAt(), "millisecond precision, as stored");
    }

    @Test
    void theEntriesFormAHashChain() {
        Wallet wallet = Wallet.open(OWNER, CREDITS, 0);
        LedgerEntry first = wallet.credit(new Amount(500), movement("op-1"), NOW);
        LedgerEntry second = wallet.credit(new Amount(1), movement("op-2"), NOW);

        assertEquals(LedgerEntry.GENESIS_HASH, first.previousHash());
        assertEquals(first.hash(), second.previousHash());
        assertEquals(second.hash(), wallet.headHash());
        assertTrue(first.hashIsValid());
        assertTrue(second.hashIsValid());
        assertEquals(64, first.hash().length());
    }

    @Test
    void anAlteredFieldInvalidatesTheHash() {
        LedgerEntry entry = Wallet.open(OWNER, CREDITS, 0).credit(new Amount(500), movement("op-1"), NOW);
        List<LedgerEntry> altered = List.of(
                withAmount(entry, new Amount(5000), entry.balanceAfter()),
                withAmount(entry, entry.amount(), 9),
                new LedgerEntry(entry.id(), entry.userId(), entry.sequence(), new OperationId("op-x"), entry.kind(),
                        entry.amount(), entry.balanceAfter(), entry.currency(), entry.reason(), entry.description(),
                        entry.source(), entry.actor(), entry.reverses(), entry.createdAt(), entry.salt(),
                        entry.previousHash(), entry.hash()),
                new LedgerEntry(entry.id(), entry.userId(), entry.sequence(), entry.operationId(), entry.kind(),
                        entry.amount(), entry.balanceAfter(), entry.currency(), entry.reason(), "a note",
                        entry.source(), entry.actor(), entry.reverses(), entry.createdAt(), entry.salt(),
                        entry.previousHash(), entry.hash()));
        for (LedgerEntry tampered : altered) {
            assertFalse(tampered.hashIsValid(), tampered::toString);
        }
    }

    @Test
    void equalEntriesGetDifferentHashesThanksToTheirSecretSalt() {
        LedgerEntry a = Wallet.open(OWNER, CREDITS, 0).credit(new Amount(500), movement("op-1"), NOW);
        LedgerEntry b = Wallet.open(OWNER, CREDITS, 0).credit(new Amount(500), movement("op-1"), NOW);
        assertNotEquals(a.salt(), b.salt());
        assertNotEquals(a.hash(), b.hash(), "the clear hash cannot be matched against guessed amounts");
    }

    @Test
    void theBalanceNeverGoesBelowZero() {
        Wallet wallet = Wallet.open(OWNER, CREDITS, 0);
        wallet.credit(new Amount(100), movement("op-1"), NOW);
        RuleViolation refused = assertThrows(RuleViolation.class, () -> wallet.debit(new Amount(101), movement("op-2"), NOW));
        assertEquals("insufficient-funds", refused.code());
        assertEquals(100, wallet.balance());
        assertEquals(1, wallet.sequence(), "a refused debit appends nothing");
        wallet.debit(new Amount(100), movement("op-3"), NOW);
        assertEquals(0, wallet.balance());
    }

    @Test
    void theBalanceHasAnUpperBound() {
        Wallet wallet = Wallet.open(OWNER, CREDITS, Wallet.MAX_BALANCE - 1);
        assertEquals("balance-limit-exceeded",
                assertThrows(RuleViolation.class, () -> wallet.credit(new Amount(2), movement("op-1"), NOW)).code());
        wallet.credit(new Amount(1), movement("op-2"), NOW);
        assertEquals(Wallet.MAX_BALANCE, wallet.balance());
    }

    @Test
    void aClosedWalletMovesNoMoney() {
        Wallet wallet = Wallet.restore(new Wallet.StoredState(OWNER, CREDITS, 50, 0, 50, 0, LedgerEntry.GENESIS_HASH, 3, null,
                true, null));
        assertEquals("account-deleted",
                assertThrows(RuleViolation.class, () -> wallet.credit(new Amount(1), movement("op-1"), NOW)).code());
    }

    @Test
    void reversingACreditTakesTheMoneyBackAndReversingADebitReturnsIt() {
        Wallet wallet = Wallet.open(OWNER, CREDITS, 0);
        LedgerEntry credit = wallet.credit(new Amount(300), movement("op-1"), NOW);
        LedgerEntry debit = wallet.debit(new Amount(100), movement("op-2"), NOW);

        LedgerEntry undoDebit = wallet.reverse(debit, movement("op-2").withOperation(debit.operationId().reversal()), NOW);
        assertEquals(TransactionKind.REVERSAL, undoDebit.kind());
        assertEquals(100, undoDebit.signedAmount());
        assertEquals(300, wallet.balance());

        LedgerEntry undoCredit = wallet.reverse(credit, movement("x").withOperation(credit.operationId().reversal()), NOW);
        assertEquals(-300, undoCredit.signedAmount());
        assertEquals(0, wallet.balance());
        assertEquals(new LedgerEntry.Reversal(new OperationId("op-1"), TransactionKind.CREDIT), undoCredit.reverses());
        assertEquals("reversal:op-1", undoCredit.operationId().value());
        assertEquals("not-reversible", assertThrows(RuleViolation.class,
                () -> wallet.reverse(undoCredit, movement("y"), NOW)).code());
    }

    @Test
    void reversingASpentCreditNeedsTheFunds() {
        Wallet wallet = Wallet.open(OWNER, CREDITS, 0);
        LedgerEntry credit = wallet.credit(new Amount(300), movement("op-1"), NOW);
        wallet.debit(new Amount(250), movement("op-2"), NOW);
        assertEquals("insufficient-funds", assertThrows(RuleViolation.class,
                () -> wallet.reverse(credit, movement("op-3"), NOW)).code());
    }

    @Test
    void aRepeatedOperationIsTheSameMovementOnlyWithTheSameParameters() {
        LedgerEntry entry = Wallet.open(OWNER, CREDITS, 0).credit(new Amount(500), movement("op-1"), NOW);
        assertTrue(entry.sameMovement(TransactionKind.CREDIT, new Amount(500), movement("op-1")));
        assertFalse(entry.sameMovement(TransactionKind.CREDIT, new Amount(501), movement("op-1")));
        assertFalse(entry.sameMovement(TransactionKind.DEBIT, new Amount(500), movement("op-1")));
        assertFalse(entry.sameMovement(TransactionKind.CREDIT, new Amount(500), new Movement(new OperationId("op-1"),
                new ReasonCode("other"), null, TransactionSource.ADMIN, movement("op-1").actor())));
    }

    @Test
    void entriesDoNotPrintAmounts() {
        LedgerEntry entry = Wallet.open(OWNER, CREDITS, 0).credit(new Amount(987654), movement("op-1"), NOW);
        assertFalse(entry.toString().contains("987654"));
    }

    @Test
    void valueObjectsRefuseMalformedInput() {
        List<Runnable> invalid = new ArrayList<>(List.of(
                () -> new Amount(0), () -> new Amount(-5), () -> new Amount(Amount.MAX + 1),
                () -> new Currency("eur"), () -> new Currency("E"),
                () -> new OperationId(""), () -> new OperationId("has space"), () -> new OperationId("x".repeat(301)),
                () -> new ReasonCode("Goodwill"), () -> new ReasonCode(""), () -> new ReasonCode("a".repeat(65)),
                () -> new TransactionId("xyz"),
                () -> new Movement(new OperationId("o"), new ReasonCode("r"), "d".repeat(501), TransactionSource.ADMIN,
                        Actor.system("r"))));
        for (Runnable construction : invalid) {
            assertThrows(InvalidValue.class, construction::run);
        }
        assertEquals(Amount.MAX, new Amount(Amount.MAX).minorUnits());
        assertEquals(null, new Movement(new OperationId("o"), new ReasonCode("r"), "   ", TransactionSource.ADMIN,
                Actor.system("r")).description(), "a blank description is no description");
        assertEquals(TransactionKind.DEBIT, TransactionKind.fromWire("debit"));
        assertEquals(TransactionSource.REFERRAL, TransactionSource.fromWire("referral"));
        assertThrows(InvalidValue.class, () -> TransactionKind.fromWire("gift"));
    }

    private static LedgerEntry withAmount(LedgerEntry e, Amount amount, long balanceAfter) {
        return new LedgerEntry(e.id(), e.userId(), e.sequence(), e.operationId(), e.kind(), amount, balanceAfter,
                e.currency(), e.reason(), e.description(), e.source(), e.actor(), e.reverses(), e.createdAt(), e.salt(),
                e.previousHash(), e.hash());
    }
}
