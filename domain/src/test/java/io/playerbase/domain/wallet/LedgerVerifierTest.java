package io.playerbase.domain.wallet;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.playerbase.domain.shared.UserId;

import static io.playerbase.domain.wallet.WalletTest.movement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LedgerVerifierTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final UserId OWNER = new UserId("650000000000000000000001");

    private Wallet wallet;
    private final List<LedgerEntry> entries = new ArrayList<>();

    private void history(long opening) {
        wallet = Wallet.open(OWNER, new Currency("CREDITS"), opening);
        entries.add(wallet.credit(new Amount(1000), movement("op-1"), NOW));
        entries.add(wallet.debit(new Amount(300), movement("op-2"), NOW));
        LedgerEntry credit = wallet.credit(new Amount(50), movement("op-3"), NOW);
        entries.add(credit);
        entries.add(wallet.reverse(credit, movement("op-3").withOperation(credit.operationId().reversal()), NOW));
    }

    private ReconciliationReport verify(List<LedgerEntry> ledger) {
        LedgerVerifier verifier = new LedgerVerifier(wallet);
        ledger.forEach(verifier::accept);
        return verifier.finish();
    }

    @Test
    void anIntactLedgerReconciles() {
        history(0);
        ReconciliationReport report = verify(entries);
        assertTrue(report.consistent(), report.findings().toString());
        assertEquals(700, report.balance());
        assertEquals(700, report.ledgerBalance());
        assertEquals(4, report.entries());
        assertEquals(4, report.sequence());
    }

    @Test
    void anOpeningBalanceFromBeforeTheLedgerIsPartOfTheSum() {
        history(250);
        ReconciliationReport report = verify(entries);
        assertTrue(report.consistent(), report.findings().toString());
        assertEquals(950, report.balance());
        assertEquals(250, report.openingBalance());
    }

    @Test
    void aMissingEntryIsReported() {
        history(0);
        entries.remove(1);
        ReconciliationReport report = verify(entries);
        assertFalse(report.consistent());
        assertTrue(report.findings().stream().anyMatch(f -> f.problem().contains("missing")), report.findings().toString());
        assertTrue(report.findings().stream().anyMatch(f -> f.problem().contains("chain broken")));
    }

    @Test
    void anAlteredAmountIsReported() {
        history(0);
        LedgerEntry e = entries.get(1);
        entries.set(1, new LedgerEntry(e.id(), e.userId(), e.sequence(), e.operationId(), e.kind(), new Amount(30),
                e.balanceAfter(), e.currency(), e.reason(), e.description(), e.source(), e.actor(), e.reverses(),
                e.createdAt(), e.salt(), e.previousHash(), e.hash()));
        ReconciliationReport report = verify(entries);
        assertFalse(report.consistent());
        assertTrue(report.findings().stream().anyMatch(f -> f.sequence() == 2 && f.problem().contains("altered")));
        assertTrue(report.findings().stream().anyMatch(f -> f.problem().contains("running sum")));
    }

    @Test
    void aBalanceThatTheLedgerDoesNotExplainIsReported() {
        history(0);
        Wallet.StoredState state = wallet.storedState();
        wallet = Wallet.restore(new Wallet.StoredState(OWNER, state.currency(), state.balance() + 1, 0, 0, state.sequence(),
                state.headHash(), state.version(), state.updatedAt(), false, null));
        ReconciliationReport report = verify(entries);
        assertFalse(report.consistent());
        assertEquals(701, report.balance());
        assertEquals(700, report.ledgerBalance());
    }

    @Test
    void aReplayedEntryIsReported() {
        history(0);
        entries.add(2, entries.get(1));
        ReconciliationReport report = verify(entries);
        assertFalse(report.consistent());
        assertTrue(report.findings().stream().anyMatch(f -> f.problem().contains("operation id used twice")));
    }

    @Test
    void findingsAreBounded() {
        history(0);
        List<LedgerEntry> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add(entries.get(0));
        }
        ReconciliationReport report = verify(many);
        assertEquals(LedgerVerifier.MAX_FINDINGS + 1, report.findings().size());
        assertTrue(report.findings().get(LedgerVerifier.MAX_FINDINGS).problem().contains("omitted"));
    }
}
