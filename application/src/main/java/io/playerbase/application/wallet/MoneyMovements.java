package io.playerbase.application.wallet;

import io.playerbase.application.wallet.port.in.TransactionView;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.wallet.Ledger;
import io.playerbase.domain.wallet.LedgerEntry;
import io.playerbase.domain.wallet.OperationId;
import io.playerbase.domain.wallet.Wallet;
import io.playerbase.domain.wallet.WalletRepository;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one way money moves (docs/wallet.md): exactly once per operation id, without multi-document
 * transactions, with optimistic concurrency on the wallet's own version.
 *
 * <ol>
 *   <li>read the wallet; if it still holds the previous operation's entry unrecorded, record it in
 *       the ledger and drop it (completing an operation a crash interrupted);</li>
 *   <li>look the operation id up (the wallet's unrecorded entry, then the ledger): if found, this is a
 *       retry, answered with the original entry;</li>
 *   <li>apply the change to the wallet (rules: funds, limits, closed account) and commit balance,
 *       ledger head, the new entry and the audit entry in one conditional write; a concurrent change
 *       makes it fail and the whole attempt starts again after a randomized backoff;</li>
 *   <li>record the entry in the ledger and drop it from the wallet. A failure here is not the caller's:
 *       the money moved and the entry is safe in the wallet, so the next operation or the recovery
 *       pass finishes it.</li>
 * </ol>
 *
 * <p>Within one instance, movements on the same wallet also take turns on a striped lock: the optimistic
 * commit alone stays correct (and is what keeps several instances apart), but contenders that are sure
 * to lose would each waste a read, a lookup and a failed write per attempt.
 */
@Singleton
public final class MoneyMovements {

    static final int MAX_ATTEMPTS = 100;
    private static final int STRIPES = 1024;
    private static final long LOCK_WAIT_SECONDS = 10;
    private static final long MAX_BACKOFF_MILLIS = 50;
    private static final System.Logger LOG = System.getLogger(MoneyMovements.class.getName());

    private final WalletRepository wallets;
    private final Ledger ledger;
    private final Clock clock;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    public MoneyMovements(WalletRepository wallets, Ledger ledger, Clock clock) {
        this.wallets = wallets;
        this.ledger = ledger;
        this.clock = clock;
        for (int i = 0; i < STRIPES; i++) {
            // Fair: on a hot wallet every request waits its turn instead of some waiting out the timeout.
            stripes[i] = new ReentrantLock(true);
        }
    }

    /**
     * Applies the operation exactly once; a retry of it answers the original entry. When the wallet
     * then owes debt and holds money, a settlement follows (the debt rule, docs/purchases.md).
     */
    public TransactionView apply(WalletOperation operation) {
        UserId userId = operation.userId();
        ReentrantLock lock = stripes[Math.floorMod(userId.hashCode(), STRIPES)];
        try {
            if (!lock.tryLock(LOCK_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new Conflict("wallet-busy", "The wallet is being changed by many requests at once; retry");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Conflict("wallet-busy", "Interrupted while waiting for the wallet");
        }
        try {
            return applyOptimistically(operation);
        } finally {
            lock.unlock();
        }
    }

    private TransactionView applyOptimistically(WalletOperation operation) {
        UserId userId = operation.userId();
        OperationId operationId = operation.operationId();
        for (int attempt = 1; ; attempt++) {
            Wallet wallet = load(userId);
            Optional<LedgerEntry> earlier = wallet.unrecordedEntry()
                    .filter(entry -> entry.operationId().equals(operationId))
                    .or(() -> ledger.findByOperation(userId, operationId));
            if (earlier.isPresent()) {
                if (!operation.isRetryOf(earlier.get())) {
                    throw new RuleViolation("operation-id-reused",
                            "This operation id was already used for a different movement");
                }
                settleDebtAfter(operation, wallet);
                return TransactionView.of(earlier.get());
            }
            LedgerEntry entry = operation.applyTo(wallet, ledger, clock.instant());
            AuditEntry audit = AuditEntry.of(userId, operation.actor(), operation.auditAction(), "wallet",
                    List.of("balance"), entry.createdAt());
            try {
                wallets.commit(wallet, audit);
            } catch (Conflict concurrentChange) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new Conflict("wallet-busy", "The wallet is being changed by many requests at once; retry");
                }
                backOff(attempt);
                continue;
            }
            finish(entry);
            settleDebtAfter(operation, wallet);
            return TransactionView.of(entry);
        }
    }

    /**
     * Pays debt from the balance after an operation left both. Failing here is not the caller's
     * failure: money out never dips into debt, so an unsettled debt is safe until the next operation.
     */
    private void settleDebtAfter(WalletOperation operation, Wallet wallet) {
        if (operation instanceof WalletOperation.DebtSettlement || !wallet.canSettleDebt()) {
            return;
        }
        try {
            applyOptimistically(WalletOperation.DebtSettlement.after(operation));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Debt of " + operation.userId() + " not settled yet: " + e.getMessage());
        }
    }

    /** The wallet, with a previous operation's unrecorded entry (if any) recorded first. */
    Wallet load(UserId userId) {
        Wallet wallet = wallets.find(userId).orElseThrow(() -> new NotFound("user-not-found", "No such user"));
        wallet.unrecordedEntry().ifPresent(this::record);
        return wallet;
    }

    /** Records an entry in the ledger, then drops it from the wallet; both steps are idempotent. */
    void record(LedgerEntry entry) {
        ledger.record(entry);
        wallets.markRecorded(entry.userId(), entry.sequence());
    }

    private void finish(LedgerEntry entry) {
        try {
            record(entry);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Entry " + entry + " committed but not yet in the ledger; the next "
                    + "operation or the recovery pass records it: " + e.getMessage());
        }
    }

    /** Full jitter: a random pause up to an exponentially growing cap, so contenders spread out. */
    private static void backOff(int attempt) {
        long cap = Math.min(MAX_BACKOFF_MILLIS, 1L << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Conflict("wallet-busy", "Interrupted while waiting to retry");
        }
    }
}
