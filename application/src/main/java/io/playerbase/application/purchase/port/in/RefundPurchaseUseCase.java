package io.playerbase.application.purchase.port.in;

import io.playerbase.domain.purchase.PurchaseId;
import io.playerbase.domain.purchase.Refund;
import io.playerbase.domain.shared.Actor;

import java.time.Instant;

public interface RefundPurchaseUseCase {

    /**
     * Refunds a purchase once (an admin's decision): its credits are taken back by the debt rule
     * (docs/purchases.md). Refunding a refunded purchase answers it as it is.
     */
    PurchaseView refund(Command command);

    record Command(PurchaseId purchaseId, Refund refund, Actor actor) {

        public static Command byAdmin(String purchaseId, String reason, Actor actor, Instant now) {
            return new Command(new PurchaseId(purchaseId), new Refund("admin", reason, now), actor);
        }
    }
}
