package io.playerbase.domain.dashboard;

import io.playerbase.domain.shared.ReadOnlyPort;

import java.time.Instant;
import java.util.List;

/**
 * Outgoing port for the staff dashboard: when things happened in a window, newest first, never more
 * than {@code limit} of them (the caller's bound on the work of one request). Served by the read-only
 * database role; a secondary may lag a little behind.
 */
public interface ActivityLog extends ReadOnlyPort {

    /** Creation times of the accounts created in {@code window}, computer players left out. */
    List<Instant> registrations(ActivityWindow window, int limit);

    /** Record times of the Dutch matches reported and accepted in {@code window}. */
    List<Instant> matchesReported(ActivityWindow window, int limit);

    /** Record times of the store purchases recorded in {@code window}, refunded ones included. */
    List<Instant> purchasesRecorded(ActivityWindow window, int limit);

    /** Ledger entries written in {@code window} that changed a balance (debt entries left out). */
    List<WalletMovement> walletMovements(ActivityWindow window, int limit);

    /** One ledger entry as the dashboard sees it: no user, no description. */
    record WalletMovement(Instant at, String currency, long amount, boolean addsToBalance) {
    }
}
