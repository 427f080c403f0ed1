package io.playerbase.domain.purchase;

import java.time.Instant;

/**
 * Outgoing port of the development test store: mints receipts its {@link ReceiptVerifier} accepts,
 * signed with a key the server holds, so no client can make one.
 */
public interface TestReceiptMinter {

    /** @return the receipt, to send as {@code {"store": "test", "receipt": …}} */
    String mint(String sku, ProductKind kind, String transactionId, Instant purchasedAt);
}
