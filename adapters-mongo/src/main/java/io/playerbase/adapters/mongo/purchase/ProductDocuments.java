package io.playerbase.adapters.mongo.purchase;

import io.playerbase.domain.purchase.Product;
import io.playerbase.domain.purchase.ProductDefinition;
import io.playerbase.domain.purchase.ProductId;
import io.playerbase.domain.purchase.ProductKind;
import io.playerbase.domain.purchase.Store;
import org.bson.Document;

import java.time.Period;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;

/** Maps a {@link Product} to its {@code store_products} document ({@code _id} = {@code product_id}) and back. */
final class ProductDocuments {

    static final String COLLECTION = "store_products";

    private ProductDocuments() {
    }

    static Document toDocument(Product product, long version) {
        ProductDefinition d = product.definition();
        Document skus = new Document();
        d.skus().forEach((store, sku) -> skus.append(store.wireName(), sku));
        return new Document("_id", product.id().value())
                .append("product_id", product.id().value())
                .append("title", d.title())
                .append("kind", d.kind().wireName())
                .append("credits", d.credits())
                .append("entitlement", d.entitlement())
                .append("period", d.period() == null ? null : d.period().toString())
                .append("skus", skus)
                .append("active", product.active())
                .append("created_at", Date.from(product.createdAt()))
                .append("updated_at", Date.from(product.updatedAt()))
                .append("version", version);
    }

    static Product toDomain(Document document) {
        Map<Store, String> skus = new EnumMap<>(Store.class);
        Document stored = document.get("skus", Document.class);
        if (stored != null) {
            stored.forEach((store, sku) -> skus.put(Store.fromWireName(store), (String) sku));
        }
        Number credits = document.get("credits", Number.class);
        String period = document.getString("period");
        ProductDefinition definition = new ProductDefinition(document.getString("title"),
                ProductKind.fromWireName(document.getString("kind")), credits == null ? null : credits.longValue(),
                document.getString("entitlement"), period == null ? null : Period.parse(period), skus);
        return Product.restore(new Product.StoredState(new ProductId(document.getString("_id")), definition,
                Boolean.TRUE.equals(document.getBoolean("active")), document.getDate("created_at").toInstant(),
                document.getDate("updated_at").toInstant(), document.get("version", Number.class).longValue()));
    }
}
