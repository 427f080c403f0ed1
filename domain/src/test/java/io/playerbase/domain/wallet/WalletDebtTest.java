package io.playerbase.domain.wallet;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The debt rule (docs/purchases.md): a refund of spent credits is owed, never a negative balance. */
class WalletDebtTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final UserId OWNER = new UserId("650000000000000000000001");

    private static Movement purchase(String operationId, String reason) {
        return new Movement(new OperationId(operationId), new ReasonCode(reason), null, TransactionSource.PURCHASE,
                Actor.system("req-1"));
    }

    private static Movement settlement(String operationId) {
        return new Movement(new OperationId(operationId), Wallet.DEBT_SETTLEMENT, null, TransactionSource.SYSTEM,
                Actor.system("req-1"));
    }

    @Test
    void owingLeavesTheBalanceAndSettlingTakesWhatIsThere() {
        Wallet wallet = Wallet.open(OWNER, new Currency("CREDITS"), 0);
        List<LedgerEntry> entries = new ArrayList<>();
        entries.add(wallet.credit(new Amount(500), purchase("purchase:test:1", "purchase"), NOW));
        entries.add(wallet.debit(new Amount(400), WalletTest.movement("spend"), NOW));

        LedgerEntry owed = wallet.owe(new Amount(500), purchase("refund:test:1", "purchase_refund"), NOW);
        entries.add(owed);
        assertEquals(0, owed.signedAmount());
        assertEquals(100, wallet.balance());
        assertEquals(500, wallet.debt());

        assertTrue(wallet.canSettleDebt());
        LedgerEntry paid = wallet.settleDebt(settlement("debt-settlement:refund:test:1"), NOW);
        entries.add(paid);
        assertEquals(100, paid.amount().minorUnits());
        assertEquals(0, wallet.balance());
        assertEquals(400, wallet.debt());
        assertFalse(wallet.canSettleDebt());

        entries.add(wallet.credit(new Amount(300), WalletTest.movement("gift"), NOW));
        entries.add(wallet.settleDebt(settlement("debt-settlement:gift"), NOW));
        assertEquals(0, wallet.balance());
        assertEquals(100, wallet.debt());

        LedgerVerifier verifier = new LedgerVerifier(wallet);
        entries.forEach(verifier::accept);
        assertTrue(verifier.finish().consistent(), "the ledger explains balance and debt");
    }

    @Test
    void moneyOutNeverDipsIntoDebt() {
        Wallet wallet = Wallet.open(OWNER, new Currency("CREDITS"), 0);
        LedgerEntry gift = wallet.credit(new Amount(300), WalletTest.movement("gift"), NOW);
        wallet.owe(new Amount(200), purchase("refund:test:1", "purchase_refund"), NOW);

        assertEquals("insufficient-funds", assertThrows(RuleViolation.class,
                () -> wallet.debit(new Amount(101), WalletTest.movement("spend"), NOW)).code());
        assertEquals("insufficient-funds", assertThrows(RuleViolation.class,
                () -> wallet.reverse(gift, WalletTest.movement("undo"), NOW)).code());
        wallet.debit(new Amount(100), WalletTest.movement("spend"), NOW);
        assertEquals(200, wallet.balance());
    }

    @Test
    void purchaseGrantsAndSettlementsAreNotReversedByHand() {
        Wallet wallet = Wallet.open(OWNER, new Currency("CREDITS"), 0);
        LedgerEntry grant = wallet.credit(new Amount(500), purchase("purchase:test:1", "purchase"), NOW);
        LedgerEntry debt = wallet.owe(new Amount(50), purchase("refund:test:2", "purchase_refund"), NOW);
        LedgerEntry paid = wallet.settleDebt(settlement("debt-settlement:x"), NOW);

        for (LedgerEntry entry : List.of(grant, debt, paid)) {
            assertEquals("not-reversible", assertThrows(RuleViolation.class,
                    () -> wallet.reverse(entry, WalletTest.movement("undo-" + entry.sequence()), NOW)).code());
        }
    }

    @Test
    void nothingToSettleIsRefused() {
        Wallet wallet = Wallet.open(OWNER, new Currency("CREDITS"), 0);
        wallet.owe(new Amount(50), purchase("refund:test:1", "purchase_refund"), NOW);
        assertEquals("no-debt-to-settle", assertThrows(RuleViolation.class,
                () -> wallet.settleDebt(settlement("s"), NOW)).code());
        assertEquals(TransactionKind.DEBT, TransactionKind.fromWire("debt"));
    }
}
