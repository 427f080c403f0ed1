package io.playerbase.application.wallet.port.in;

import io.playerbase.domain.shared.UserId;

public interface WalletQueries {

    int DEFAULT_LIMIT = 20;
    int MAX_LIMIT = 100;

    /** Balance, currency and last change of a user's wallet; {@code user-not-found} when no such user. */
    WalletView wallet(UserId userId);

    /**
     * The user's transactions, newest first.
     *
     * @param cursor the {@code nextCursor} of the previous page, or {@code null} for the first page
     * @param limit  1 to {@value #MAX_LIMIT}; {@code null} for {@value #DEFAULT_LIMIT}
     */
    LedgerPage ledger(UserId userId, String cursor, Integer limit);

    /** Verifies the hash chain and that the entries add up to the balance; reports every mismatch. */
    ReconciliationView reconcile(UserId userId);
}
