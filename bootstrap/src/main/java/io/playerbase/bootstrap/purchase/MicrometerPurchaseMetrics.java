package io.playerbase.bootstrap.purchase;

import io.micrometer.core.instrument.MeterRegistry;
import io.playerbase.domain.purchase.PurchaseMetrics;
import io.playerbase.domain.purchase.Store;
import jakarta.inject.Singleton;

/**
 * {@link PurchaseMetrics} as Micrometer counters: {@code playerbase.purchases.verified{store}},
 * {@code playerbase.purchases.refused{store,code}}, {@code playerbase.purchases.refunded{store}}.
 * Problem codes are a small fixed set, so the tag stays bounded.
 */
@Singleton
final class MicrometerPurchaseMetrics implements PurchaseMetrics {

    private final MeterRegistry meters;

    MicrometerPurchaseMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void verified(Store store) {
        meters.counter("playerbase.purchases.verified", "store", store.wireName()).increment();
    }

    @Override
    public void refused(Store store, String code) {
        meters.counter("playerbase.purchases.refused", "store", store.wireName(), "code", code).increment();
    }

    @Override
    public void refunded(Store store) {
        meters.counter("playerbase.purchases.refunded", "store", store.wireName()).increment();
    }
}
