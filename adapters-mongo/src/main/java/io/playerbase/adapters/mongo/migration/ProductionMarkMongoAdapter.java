package io.playerbase.adapters.mongo.migration;

import io.playerbase.domain.shared.ProductionMark;
import jakarta.inject.Singleton;

/** {@link ProductionMark}: production when a reset would be refused (the database's mark, or the configuration). */
@Singleton
final class ProductionMarkMongoAdapter implements ProductionMark {

    private final DatabaseReset reset;

    ProductionMarkMongoAdapter(DatabaseReset reset) {
        this.reset = reset;
    }

    @Override
    public boolean isProduction() {
        return reset.refusal() != null;
    }
}
