package io.playerbase.adapters.mongo.purchase;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.playerbase.domain.shared.ClaimHolder;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * {@link ClaimHolder} of the {@code store_tx} claims: the owner ({@code <user id>:<purchase id>}) holds
 * {@code <store>:<store transaction id>} when that purchase is stored with that store and transaction id.
 * Read by {@code user_id} and {@code _id} (targeted).
 */
@Singleton
final class PurchaseClaimsMongoAdapter implements ClaimHolder {

    private final MongoCollection<Document> purchases;

    PurchaseClaimsMongoAdapter(MongoDatabase database) {
        this.purchases = database.getCollection(PurchaseDocuments.COLLECTION);
    }

    @Override
    public String kind() {
        return PurchaseMongoAdapter.CLAIM_KIND;
    }

    @Override
    public boolean holds(String owner, String value) {
        Bson purchase = PurchaseMongoAdapter.ownerFilter(owner);
        int colon = value.indexOf(':');
        if (purchase == null || colon < 0) {
            return false;
        }
        return purchases.find(Filters.and(purchase, Filters.eq("store", value.substring(0, colon)),
                        Filters.eq("store_transaction_id", value.substring(colon + 1))))
                .projection(Projections.include("_id")).first() != null;
    }
}
