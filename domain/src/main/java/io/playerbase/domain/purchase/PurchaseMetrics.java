package io.playerbase.domain.purchase;

/** Outgoing port: counts purchase verifications per store, for monitoring. */
public interface PurchaseMetrics {

    void verified(Store store);

    /** @param code the problem code of the refusal, e.g. {@code receipt-invalid} */
    void refused(Store store, String code);

    void refunded(Store store);
}
