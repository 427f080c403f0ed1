package io.playerbase.adapters.mongo.migration;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * In-app purchases (issue 14): makes sure {@code store_products} and {@code user_purchases} exist on
 * databases set up before V0001 created them, and adds
 * <ul>
 *   <li>one unique index per store on {@code store_products.skus.<store>} (partial: only products
 *       sold in that store), so a store SKU names one product;</li>
 *   <li>{@code user_purchases} by user, newest first (listings), and by status and last change (the
 *       recovery pass over unfinished grants and refunds);</li>
 *   <li>{@code store_notifications}: every store notification received, {@code _id} = store and
 *       notification id (deduplication), with an index by store transaction for support.</li>
 * </ul>
 * The embedded store lacks partial indexes, so it gets no SKU indexes (a full unique index would
 * clash on products missing from a store); the catalog adapter checks SKUs itself there too.
 *
 * <p>Frozen once applied.
 */
@ChangeUnit(id = "V0050_AddPurchaseIndexes", order = "0050", author = "playerbase")
public class V0050_AddPurchaseIndexes {

    static final String NOTIFICATIONS = "store_notifications";
    private static final Logger LOG = LoggerFactory.getLogger(V0050_AddPurchaseIndexes.class);
    private static final int NAMESPACE_EXISTS = 48;
    private static final List<String> STORES = List.of("app_store", "google_play", "test");

    private final MongoDatabase database;
    private final MigrationSettings settings;

    public V0050_AddPurchaseIndexes(MongoDatabase database, MigrationSettings settings) {
        this.database = database;
        this.settings = settings;
    }

    @Execution
    public void execute() {
        List<String> existing = database.listCollectionNames().into(new ArrayList<>());
        for (String collection : List.of("store_products", "user_purchases", NOTIFICATIONS)) {
            if (!existing.contains(collection)) {
                try {
                    database.createCollection(collection);
                } catch (MongoCommandException e) {
                    if (e.getErrorCode() != NAMESPACE_EXISTS) {
                        throw e;
                    }
                }
            }
        }
        var products = database.getCollection("store_products");
        products.createIndex(new Document("product_id", 1),
                new IndexOptions().name("ux_store_products_product_id").unique(true));
        for (String store : settings.embeddedStore() ? List.<String>of() : STORES) {
            String field = "skus." + store;
            products.createIndex(new Document(field, 1), new IndexOptions().name("ux_store_products_sku_" + store)
                    .unique(true).partialFilterExpression(new Document(field, new Document("$type", "string"))));
        }
        var purchases = database.getCollection("user_purchases");
        purchases.createIndex(new Document("store", 1).append("store_transaction_id", 1),
                new IndexOptions().name("ux_user_purchases_store_transaction").unique(true));
        purchases.createIndex(new Document("user_id", 1).append("_id", -1),
                new IndexOptions().name("ix_user_purchases_user_id_newest"));
        purchases.createIndex(new Document("status", 1).append("updated_at", 1),
                new IndexOptions().name("ix_user_purchases_status_updated_at"));
        database.getCollection(NOTIFICATIONS).createIndex(new Document("store", 1).append("store_transaction_id", 1),
                new IndexOptions().name("ix_store_notifications_store_transaction"));
    }

    /** Nothing to undo: creating collections and indexes is idempotent and nothing is ever dropped. */
    @RollbackExecution
    public void rollback() {
        LOG.warn("V0050_AddPurchaseIndexes failed; nothing is dropped, the next run completes it");
    }
}
