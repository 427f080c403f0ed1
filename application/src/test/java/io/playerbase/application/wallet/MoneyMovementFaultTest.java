package io.playerbase.application.wallet;

import io.playerbase.application.wallet.port.in.ReconciliationView;
import io.playerbase.application.wallet.port.in.TransactionView;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.InMemoryLedger;
import io.playerbase.domain.testing.InMemoryWalletRepository;
import io.playerbase.domain.testing.MutableClock;
import io.playerbase.domain.wallet.Ledger;
import io.playerbase.domain.wallet.OperationId;
import io.playerbase.domain.wallet.WalletRepository;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.playerbase.application.wallet.WalletServicesTest.credit;
import static io.playerbase.application.wallet.WalletServicesTest.debit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A crash before each write of a money movement (wallet commit, ledger record, drop of the unrecorded
 * entry), then what a restarted service does: the recovery pass, the client's retry, or the next
 * operation on the wallet. Whatever happens, the wallet ends consistent: nothing lost, nothing doubled.
 */
class MoneyMovementFaultTest {

    /** The writes of one movement on a wallet without an unrecorded entry: commit, record, markRecorded. */
    static final int WRITES = 3;
    private static final Set<String> WRITE_METHODS = Set.of("commit", "record", "markRecorded");

    enum Then { RECOVERY_PASS, RETRY_SAME_OPERATION, NEXT_OPERATION }

    /** The process dies: nothing after it runs, so it is an Error no layer catches. */
    static final class Crash extends Error {
        Crash() {
            super("simulated crash");
        }
    }

    /** Lets writes through until the armed one; from then on every write fails, like a dead process. */
    static final class Faults {
        private int writes;
        private int crashAt = Integer.MAX_VALUE;

        void crashAtWrite(int n) {
            writes = 0;
            crashAt = n;
        }

        void restart() {
            crashAt = Integer.MAX_VALUE;
        }

        @SuppressWarnings("unchecked")
        <T> T wrap(Class<T> port, T target) {
            return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[]{port}, (proxy, method, args) -> {
                if (WRITE_METHODS.contains(method.getName()) && ++writes >= crashAt) {
                    throw new Crash();
                }
                try {
                    return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        }
    }

    static Stream<Arguments> crashPoints() {
        return IntStream.rangeClosed(1, WRITES).boxed()
                .flatMap(write -> Stream.of(Then.values()).map(then -> Arguments.of(write, then)));
    }

    @ParameterizedTest(name = "crash before write {0}, then {1}")
    @MethodSource("crashPoints")
    void anInterruptedDebitEndsConsistent(int write, Then then) {
        InMemoryWalletRepository storedWallets = new InMemoryWalletRepository();
        InMemoryLedger storedLedger = new InMemoryLedger();
        Faults faults = new Faults();
        WalletRepository wallets = faults.wrap(WalletRepository.class, storedWallets);
        Ledger ledger = faults.wrap(Ledger.class, storedLedger);
        MoneyMovements movements = new MoneyMovements(wallets, ledger, new MutableClock(Instant.parse("2026-04-01T09:00:00Z")));
        CreditWalletService credits = new CreditWalletService(movements);
        DebitWalletService debits = new DebitWalletService(movements);
        WalletQueryService queries = new WalletQueryService(wallets, ledger);
        UserId ann = storedWallets.addUser();
        credits.credit(credit(ann, 100, "op-0"));

        faults.crashAtWrite(write);
        assertThrows(Crash.class, () -> debits.debit(debit(ann, 40, "op-1")));
        faults.restart();

        boolean committed = write > 1;
        long expected = committed ? 60 : 100;
        int entries = committed ? 2 : 1;
        switch (then) {
            case RECOVERY_PASS -> assertEquals(committed ? 1 : 0, new RecoverWalletsService(wallets, movements).recover());
            case RETRY_SAME_OPERATION -> {
                TransactionView retried = debits.debit(debit(ann, 40, "op-1"));
                assertEquals(2, retried.sequence());
                assertEquals(60, retried.balanceAfter());
                expected = 60;
                entries = 2;
            }
            case NEXT_OPERATION -> {
                credits.credit(credit(ann, 5, "op-2"));
                expected += 5;
                entries++;
            }
        }

        assertEquals(expected, queries.wallet(ann).balance());
        assertEquals(entries, storedLedger.all(ann).size(), "every movement recorded once");
        assertEquals(entries, storedWallets.auditEntries().size(), "every movement audited once");
        assertTrue(storedWallets.find(ann).orElseThrow().unrecordedEntry().isEmpty(), "nothing left unrecorded");
        ReconciliationView report = queries.reconcile(ann);
        assertTrue(report.consistent(), report.findings().toString());
        assertEquals(0, new RecoverWalletsService(wallets, movements).recover(), "a second pass finds nothing");
        var applied = storedLedger.findByOperation(ann, new OperationId("op-1"));
        assertEquals(committed || then == Then.RETRY_SAME_OPERATION, applied.isPresent());
        if (applied.isPresent()) {
            assertEquals(TransactionView.of(applied.get()), debits.debit(debit(ann, 40, "op-1")),
                    "the interrupted operation, retried later, is the same movement");
            assertEquals(expected, queries.wallet(ann).balance());
        }
    }
}
