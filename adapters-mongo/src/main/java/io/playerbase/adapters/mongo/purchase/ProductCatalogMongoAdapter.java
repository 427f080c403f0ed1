package io.playerbase.adapters.mongo.purchase;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.purchase.Product;
import io.playerbase.domain.purchase.ProductCatalog;
import io.playerbase.domain.purchase.ProductId;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link ProductCatalog} on {@code store_products}. The unique {@code _id} keeps product ids unique;
 * SKUs are checked before each write and, on a real MongoDB, by V0050's unique index per store (the
 * catalog is edited by admins, rarely, so the check's race window is of no practical concern where
 * the embedded store lacks those indexes).
 */
@Singleton
final class ProductCatalogMongoAdapter implements ProductCatalog {

    private final MongoCollection<Document> products;

    ProductCatalogMongoAdapter(MongoDatabase database) {
        this.products = database.getCollection(ProductDocuments.COLLECTION);
    }

    @Override
    public void insert(Product product) {
        checkSkus(product);
        try {
            MongoErrors.run(() -> products.insertOne(ProductDocuments.toDocument(product, 1)));
        } catch (MongoWriteException e) {
            throw duplicate(e);
        }
        product.markStored(1);
    }

    @Override
    public void update(Product product) {
        checkSkus(product);
        long next = product.version() + 1;
        long matched;
        try {
            matched = MongoErrors.call(() -> products.replaceOne(
                    Filters.and(Filters.eq("_id", product.id().value()), Filters.eq("version", product.version())),
                    ProductDocuments.toDocument(product, next)).getMatchedCount());
        } catch (MongoWriteException e) {
            throw duplicate(e);
        }
        if (matched == 0) {
            throw Conflict.stale("Product");
        }
        product.markStored(next);
    }

    @Override
    public Optional<Product> find(ProductId id) {
        return MongoErrors.call(() -> Optional.ofNullable(products.find(Filters.eq("_id", id.value())).first())
                .map(ProductDocuments::toDomain));
    }

    @Override
    public Optional<Product> findBySku(Store store, String sku) {
        return MongoErrors.call(() -> Optional.ofNullable(products.find(Filters.eq("skus." + store.wireName(), sku))
                .first()).map(ProductDocuments::toDomain));
    }

    @Override
    public Page<Product> list(boolean activeOnly, PageRequest page) {
        List<Bson> filters = new ArrayList<>();
        if (activeOnly) {
            filters.add(Filters.eq("active", true));
        }
        if (page.cursor() != null) {
            filters.add(Filters.gt("_id", page.cursor()));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        List<Product> found = MongoErrors.call(() -> products.find(filter).sort(Sorts.ascending("_id"))
                .limit(page.limit() + 1).map(ProductDocuments::toDomain).into(new ArrayList<>()));
        boolean more = found.size() > page.limit();
        List<Product> items = more ? found.subList(0, page.limit()) : found;
        return new Page<>(items, more ? items.get(items.size() - 1).id().value() : null);
    }

    private void checkSkus(Product product) {
        product.definition().skus().forEach((store, sku) -> {
            Document other = MongoErrors.call(() -> products.find(Filters.and(
                    Filters.eq("skus." + store.wireName(), sku), Filters.ne("_id", product.id().value()))).first());
            if (other != null) {
                throw skuTaken(store, sku);
            }
        });
    }

    private static Conflict skuTaken(Store store, String sku) {
        return new Conflict("sku-taken", "Another product has the " + store.wireName() + " SKU " + sku);
    }

    private static RuntimeException duplicate(MongoWriteException e) {
        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
            return e;
        }
        return e.getMessage().contains("ux_store_products_sku")
                ? new Conflict("sku-taken", "Another product has one of these SKUs")
                : new Conflict("product-exists", "A product with this id exists");
    }
}
