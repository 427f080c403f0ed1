package io.playerbase.application.purchase.port.in;

import io.playerbase.domain.purchase.PurchaseId;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;

public interface PurchaseQueries {

    /** A user's purchases, newest first. */
    Page<PurchaseView> forUser(UserId userId, PageRequest page);

    /** 404 {@code purchase-not-found}. */
    PurchaseView purchase(PurchaseId id);
}
