package io.playerbase.application.purchase.port.in;

import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.DomainException.FieldError;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.UserId;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

public interface ClaimPurchaseUseCase {

    /**
     * Verifies a store's proof of purchase, records it for the player and grants it exactly once: the
     * same proof again (a retry, a duplicate, a race) answers the same purchase; by another player,
     * 409 {@code purchase-already-claimed} and nothing changes.
     */
    PurchaseView claim(Command command);

    /**
     * The proof as the client sent it, one shape per store: App Store {@code signedTransaction} (a
     * StoreKit 2 JWS), Google Play {@code sku} and {@code purchaseToken}, test store {@code receipt}.
     */
    record Command(UserId userId, Store store, String signedTransaction, String sku, String purchaseToken,
                   String receipt, Actor actor) {

        public Command {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(actor, "actor");
        }

        /** Validates the shape: the store's fields present, the other stores' fields absent. */
        public static Command of(UserId userId, String store, String signedTransaction, String sku,
                                 String purchaseToken, String receipt, Actor actor) {
            if (store == null) {
                throw new InvalidValue("store", "is required: app_store, google_play or test");
            }
            Store valid = Store.fromWireName(store);
            List<FieldError> errors = new ArrayList<>();
            expect(errors, "signed_transaction", signedTransaction, valid == Store.APP_STORE);
            expect(errors, "sku", sku, valid == Store.GOOGLE_PLAY);
            expect(errors, "purchase_token", purchaseToken, valid == Store.GOOGLE_PLAY);
            expect(errors, "receipt", receipt, valid == Store.TEST);
            if (!errors.isEmpty()) {
                throw new InvalidValue(errors);
            }
            return new Command(userId, valid, signedTransaction, sku, purchaseToken, receipt, actor);
        }

        private static void expect(List<FieldError> errors, String field, String value, boolean required) {
            if (required && (value == null || value.isBlank())) {
                errors.add(new FieldError(field, "is required for this store"));
            } else if (!required && value != null) {
                errors.add(new FieldError(field, "belongs to another store"));
            }
        }
    }
}
