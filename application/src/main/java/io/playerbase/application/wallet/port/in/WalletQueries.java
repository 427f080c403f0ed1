package io.playerbase.application.wallet.port.in;

import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;

public interface WalletQueries {

    /** The ledger's pages: 20 entries unless asked otherwise, at most 100. */
    PageRequest.Limits LEDGER_PAGES = new PageRequest.Limits(20, 100);

    /** Balance, currency and last change of a user's wallet; {@code user-not-found} when no such user. */
    WalletView wallet(UserId userId);

    /**
     * The user's transactions, newest first ({@code nextCursor}: the next, older page; {@code null} on
     * the last page).
     *
     * @param page within {@link #LEDGER_PAGES} ({@code InvalidValue} on {@code limit} otherwise)
     */
    Page<TransactionView> ledger(UserId userId, PageRequest page);

    /** Verifies the hash chain and that the entries add up to the balance; reports every mismatch. */
    ReconciliationView reconcile(UserId userId);
}
