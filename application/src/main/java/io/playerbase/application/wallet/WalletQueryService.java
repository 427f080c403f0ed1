package io.playerbase.application.wallet;

import io.playerbase.application.wallet.port.in.LedgerPage;
import io.playerbase.application.wallet.port.in.ReconciliationView;
import io.playerbase.application.wallet.port.in.TransactionView;
import io.playerbase.application.wallet.port.in.WalletQueries;
import io.playerbase.application.wallet.port.in.WalletView;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.wallet.Ledger;
import io.playerbase.domain.wallet.LedgerEntry;
import io.playerbase.domain.wallet.LedgerVerifier;
import io.playerbase.domain.wallet.Wallet;
import io.playerbase.domain.wallet.WalletRepository;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads never write: an entry the wallet still holds unrecorded (a crash, or an operation in progress)
 * is shown from the wallet, so the ledger a caller sees always explains the balance they see.
 */
@Singleton
final class WalletQueryService implements WalletQueries {

    static final int RECONCILE_BATCH = 500;

    private final WalletRepository wallets;
    private final Ledger ledger;

    WalletQueryService(WalletRepository wallets, Ledger ledger) {
        this.wallets = wallets;
        this.ledger = ledger;
    }

    @Override
    public WalletView wallet(UserId userId) {
        Wallet wallet = find(userId);
        return new WalletView(userId.value(), wallet.balance(), wallet.debt(), wallet.currency().code(),
                wallet.updatedAt());
    }

    @Override
    public LedgerPage ledger(UserId userId, String cursor, Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidValue("limit", "must be between 1 and " + MAX_LIMIT);
        }
        long before = cursor == null ? Long.MAX_VALUE : parseCursor(cursor);
        Wallet wallet = find(userId);
        // Only entries the wallet has committed: the snapshot is consistent with the balance just read.
        long upper = Math.min(before, wallet.sequence() + 1);
        List<LedgerEntry> page = new ArrayList<>(ledger.newestFirst(userId, upper, size));
        wallet.unrecordedEntry().ifPresent(unrecorded -> {
            boolean inRange = unrecorded.sequence() < upper;
            boolean missing = page.isEmpty() || page.get(0).sequence() < unrecorded.sequence();
            if (inRange && missing) {
                page.add(0, unrecorded);
                if (page.size() > size) {
                    page.remove(page.size() - 1);
                }
            }
        });
        LedgerEntry last = page.isEmpty() ? null : page.get(page.size() - 1);
        String next = page.size() == size && last.sequence() > 1 ? Long.toString(last.sequence()) : null;
        return new LedgerPage(page.stream().map(TransactionView::of).toList(), next);
    }

    @Override
    public ReconciliationView reconcile(UserId userId) {
        Wallet wallet = find(userId);
        LedgerVerifier verifier = new LedgerVerifier(wallet);
        LedgerEntry unrecorded = wallet.unrecordedEntry().orElse(null);
        long after = 0;
        boolean more = wallet.sequence() > 0;
        while (more) {
            List<LedgerEntry> batch = ledger.oldestFirst(userId, after, RECONCILE_BATCH);
            more = batch.size() == RECONCILE_BATCH;
            for (LedgerEntry entry : batch) {
                if (entry.sequence() > wallet.sequence()) {
                    more = false; // committed after the wallet was read
                    break;
                }
                if (unrecorded != null && entry.sequence() >= unrecorded.sequence()) {
                    if (entry.sequence() > unrecorded.sequence()) {
                        verifier.accept(unrecorded);
                    }
                    unrecorded = null;
                }
                verifier.accept(entry);
                after = entry.sequence();
            }
        }
        if (unrecorded != null) {
            verifier.accept(unrecorded);
        }
        return ReconciliationView.of(verifier.finish());
    }

    private Wallet find(UserId userId) {
        return wallets.find(userId).orElseThrow(() -> new NotFound("user-not-found", "No such user"));
    }

    private static long parseCursor(String cursor) {
        try {
            long value = Long.parseLong(cursor);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidValue("cursor", "is not a cursor returned by this API");
    }
}
