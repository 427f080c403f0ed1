package io.playerbase.application.purchase;

import io.playerbase.application.purchase.port.in.PurchaseQueries;
import io.playerbase.application.purchase.port.in.PurchaseView;
import io.playerbase.domain.purchase.PurchaseId;
import io.playerbase.domain.purchase.PurchaseRepository;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;

@Singleton
final class PurchaseQueryService implements PurchaseQueries {

    private final PurchaseRepository purchases;

    PurchaseQueryService(PurchaseRepository purchases) {
        this.purchases = purchases;
    }

    @Override
    public Page<PurchaseView> forUser(UserId userId, PageRequest page) {
        return purchases.forUser(userId, page).map(PurchaseView::of);
    }

    @Override
    public PurchaseView purchase(PurchaseId id) {
        return purchases.find(id).map(PurchaseView::of)
                .orElseThrow(() -> new NotFound("purchase-not-found", "No such purchase"));
    }
}
