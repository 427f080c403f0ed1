package io.playerbase.domain.purchase;

import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;

import java.time.Instant;

/**
 * Outgoing port for {@code modules.in_app_purchases} of a user and the module's audit entries, each
 * change with its audit entry in one single-document write.
 */
public interface PurchaseModule {

    /**
     * Raises the counters to at least these values ({@code total_purchases}, {@code last_purchase_at}):
     * never lowers them, so a late or repeated write cannot undo a newer one.
     */
    void noteCounters(UserId userId, long totalPurchases, Instant lastPurchaseAt, AuditEntry audit);

    /** Records an audit entry of the module that changes no field (a refusal, a refund). */
    void audit(AuditEntry audit);
}
