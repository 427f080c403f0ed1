package io.playerbase.application.purchase.port.in;

import io.playerbase.domain.purchase.PurchaseId;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.InvalidValue;

import java.util.regex.Pattern;

public interface RefundPurchaseUseCase {

    /**
     * Refunds a purchase once (an admin's decision): its credits are taken back by the debt rule
     * (docs/purchases.md). Refunding a refunded purchase answers it as it is.
     */
    PurchaseView refund(Command command);

    /** @param reason a code such as {@code chargeback} or {@code goodwill} */
    record Command(PurchaseId purchaseId, String reason, Actor actor) {

        private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

        public Command {
            if (reason == null || !CODE.matcher(reason).matches()) {
                throw new InvalidValue("reason", "must be 1-64 characters: lower-case letters, digits, '_', '.' or '-'");
            }
        }

        public static Command of(String purchaseId, String reason, Actor actor) {
            return new Command(new PurchaseId(purchaseId), reason, actor);
        }
    }
}
