package io.playerbase.application.wallet;

import io.playerbase.application.wallet.port.in.ReconciliationView;
import io.playerbase.application.wallet.port.in.TransactionView;
import io.playerbase.application.wallet.port.in.WalletQueries;
import io.playerbase.application.wallet.port.in.WalletView;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
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
    public Page<TransactionView> ledger(UserId userId, PageRequest page) {
        int size = LEDGER_PAGES.check(page).limit();
        long before = page.cursor() == null ? Long.MAX_VALUE : parseCursor(page.cursor());
        Wallet wallet = find(userId);
        // Only entries the wallet has committed: the snapshot is consistent with the balance just read.
        long upper = Math.min(before, wallet.sequence() + 1);
        List<LedgerEntry> entries = new ArrayList<>(ledger.newestFirst(userId, upper, size));
        wallet.unrecordedEntry().ifPresent(unrecorded -> {
            boolean inRange = unrecorded.sequence() < upper;
            boolean missing = entries.isEmpty() || entries.get(0).sequence() < unrecorded.sequence();
            if (inRange && missing) {
                entries.add(0, unrecorded);
                if (entries.size() > size) {
                    entries.remove(entries.size() - 1);
                }
            }
        });
        LedgerEntry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
        // The cursor is the sequence number of the page's last (oldest) entry: opaque to clients.
        String next = entries.size() == size && last.sequence() > 1 ? Long.toString(last.sequence()) : null;
        return new Page<>(entries.stream().map(TransactionView::of).toList(), next);
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
        throw PageRequest.invalidCursor();
    }
}
