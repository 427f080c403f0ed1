package io.playerbase.adapters.mongo.purchase;

import io.playerbase.domain.purchase.ProductId;
import io.playerbase.domain.purchase.ProductKind;
import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.PurchaseId;
import io.playerbase.domain.purchase.PurchaseStatus;
import io.playerbase.domain.purchase.Refund;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.StoreWord;
import io.playerbase.domain.purchase.VerifiedPurchase;
import io.playerbase.domain.shared.UserId;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.Date;
import java.util.Locale;

/**
 * Maps a {@link Purchase} to its {@code user_purchases} document and back. What the store vouched for
 * is kept field by field (the subscription module queries expiry and renewal) and as the raw verified
 * payload; no receipt or token the client sent is stored.
 *
 * <p>The store's latest word applied to the purchase is {@code word_at} (the store's time),
 * {@code word_id} (the notification) and {@code word} ({@code revoked}, {@code refund_reversed},
 * {@code paid}); a document written before purchases kept it has none of them and reads as "no word yet".
 */
final class PurchaseDocuments {

    static final String COLLECTION = "user_purchases";

    private PurchaseDocuments() {
    }

    static Document toDocument(Purchase purchase, long version) {
        VerifiedPurchase v = purchase.verified();
        Document document = new Document("_id", new ObjectId(purchase.id().value()))
                .append("user_id", new ObjectId(purchase.owner().value()))
                .append("store", v.store().wireName())
                .append("store_transaction_id", v.storeTransactionId())
                .append("original_transaction_id", v.originalTransactionId())
                .append("product_id", purchase.productId().value())
                .append("sku", v.sku())
                .append("kind", v.kind().wireName())
                .append("quantity", v.quantity())
                .append("credits", purchase.credits())
                .append("purchased_at", date(v.purchasedAt()))
                .append("expires_at", date(v.expiresAt()))
                .append("auto_renew", v.autoRenew())
                .append("environment", v.environment())
                .append("store_state", v.state().name().toLowerCase(Locale.ROOT))
                .append("revoked_at", date(v.revokedAt()))
                .append("linked_purchase_token", v.linkedPurchaseToken())
                .append("account_hint", v.accountHint())
                .append("raw_payload", v.rawPayload())
                .append("status", purchase.status().wire())
                .append("created_at", date(purchase.createdAt()))
                .append("updated_at", date(purchase.updatedAt()))
                .append("reinstatements", purchase.reinstatements())
                .append("version", version);
        purchase.refund().ifPresent(refund -> document.append("refund", new Document("by", refund.by())
                .append("reason", refund.reason()).append("at", date(refund.at()))));
        purchase.word().ifPresent(word -> document.append("word_at", date(word.at()))
                .append("word_id", word.notificationId()).append("word", word.says().wire()));
        return document;
    }

    static Purchase toDomain(Document d) {
        Document refund = d.get("refund", Document.class);
        Number reinstatements = d.get("reinstatements", Number.class);
        StoreWord word = d.getDate("word_at") == null ? null : new StoreWord(d.getString("word_id"),
                instant(d.getDate("word_at")), StoreWord.Says.fromWire(d.getString("word")));
        return Purchase.restore(new Purchase.StoredState(new PurchaseId(d.getObjectId("_id").toHexString()),
                new UserId(d.getObjectId("user_id").toHexString()), verified(d), new ProductId(d.getString("product_id")),
                d.get("credits", Number.class).longValue(), PurchaseStatus.fromWire(d.getString("status")),
                refund == null ? null : new Refund(refund.getString("by"), refund.getString("reason"),
                        instant(refund.getDate("at"))),
                instant(d.getDate("created_at")), instant(d.getDate("updated_at")),
                reinstatements == null ? 0 : reinstatements.intValue(), word, d.get("version", Number.class).longValue()));
    }

    /**
     * What the store vouched for, under the field names of {@code user_purchases}; the notification log
     * keeps a notification's purchase the same way (its {@code purchase} sub-document).
     */
    static Document verifiedDocument(VerifiedPurchase v) {
        return new Document("store", v.store().wireName())
                .append("store_transaction_id", v.storeTransactionId())
                .append("original_transaction_id", v.originalTransactionId())
                .append("sku", v.sku())
                .append("kind", v.kind().wireName())
                .append("quantity", v.quantity())
                .append("purchased_at", date(v.purchasedAt()))
                .append("expires_at", date(v.expiresAt()))
                .append("auto_renew", v.autoRenew())
                .append("environment", v.environment())
                .append("store_state", v.state().name().toLowerCase(Locale.ROOT))
                .append("revoked_at", date(v.revokedAt()))
                .append("linked_purchase_token", v.linkedPurchaseToken())
                .append("account_hint", v.accountHint())
                .append("raw_payload", v.rawPayload());
    }

    /** Reads what {@link #verifiedDocument} (or {@link #toDocument}) wrote. */
    static VerifiedPurchase verified(Document d) {
        return new VerifiedPurchase(Store.fromWireName(d.getString("store")),
                d.getString("store_transaction_id"), d.getString("original_transaction_id"), d.getString("sku"),
                ProductKind.fromWireName(d.getString("kind")), d.get("quantity", Number.class).intValue(),
                instant(d.getDate("purchased_at")), instant(d.getDate("expires_at")), d.getBoolean("auto_renew"),
                d.getString("environment"),
                VerifiedPurchase.StoreState.valueOf(d.getString("store_state").toUpperCase(Locale.ROOT)),
                instant(d.getDate("revoked_at")), d.getString("linked_purchase_token"), d.getString("account_hint"),
                d.getString("raw_payload"));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
