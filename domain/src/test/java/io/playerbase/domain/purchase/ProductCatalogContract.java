package io.playerbase.domain.purchase;

import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.testing.PurchaseFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.playerbase.domain.testing.PurchaseFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link ProductCatalog} does: run on the in-memory fake, the embedded store and Testcontainers. */
public abstract class ProductCatalogContract {

    private ProductCatalog catalog;

    /** An empty catalog, once per test. */
    protected abstract ProductCatalog createCatalog();

    /** Releases what {@link #createCatalog()} started. */
    protected void closeCatalog() {
    }

    @BeforeEach
    void startCatalog() {
        catalog = createCatalog();
    }

    @AfterEach
    void stopCatalog() {
        closeCatalog();
    }

    protected ProductCatalog catalog() {
        return catalog;
    }

    @Test
    void productsAreStoredWithTheirDefinitionAndFoundBySku() {
        Product coins = PurchaseFixtures.coinsProduct("coins_500", 500);
        catalog().insert(coins);
        Product found = catalog().find(new ProductId("coins_500")).orElseThrow();
        assertEquals(coins.definition(), found.definition());
        assertTrue(found.active());
        assertEquals(coins.createdAt(), found.createdAt());
        assertEquals(found.id(), catalog().findBySku(Store.APP_STORE, "com.example.coins_500").orElseThrow().id());
        assertTrue(catalog().findBySku(Store.GOOGLE_PLAY, "com.example.coins_500").isEmpty());

        Product premium = PurchaseFixtures.premiumProduct("premium_monthly");
        catalog().insert(premium);
        assertEquals(premium.definition(), catalog().find(premium.id()).orElseThrow().definition());
    }

    @Test
    void idsAndSkusAreUnique() {
        catalog().insert(PurchaseFixtures.coinsProduct("coins_100", 100));
        assertEquals("product-exists", assertThrows(Conflict.class,
                () -> catalog().insert(PurchaseFixtures.coinsProduct("coins_100", 200))).code());
        Product clash = Product.create(new ProductId("coins_100b"), PurchaseFixtures.coins(100, "coins_100"), NOW);
        assertEquals("sku-taken", assertThrows(Conflict.class, () -> catalog().insert(clash)).code());
        assertTrue(catalog().find(new ProductId("coins_100b")).isEmpty());
    }

    @Test
    void updatesAreConditionalOnTheVersion() {
        catalog().insert(PurchaseFixtures.coinsProduct("coins_200", 200));
        Product one = catalog().find(new ProductId("coins_200")).orElseThrow();
        Product two = catalog().find(new ProductId("coins_200")).orElseThrow();
        one.activate(false, NOW.plusSeconds(1));
        catalog().update(one);
        two.redefine(PurchaseFixtures.coins(250, "coins_200"), NOW);
        assertThrows(Conflict.class, () -> catalog().update(two));
        Product stored = catalog().find(new ProductId("coins_200")).orElseThrow();
        assertFalse(stored.active());
        assertEquals(200, stored.definition().credits());
    }

    @Test
    void listingsPageByIdAndCanLeaveInactiveProductsOut() {
        for (String id : new String[]{"a_pack", "b_pack", "c_pack"}) {
            catalog().insert(PurchaseFixtures.coinsProduct(id, 10));
        }
        Product b = catalog().find(new ProductId("b_pack")).orElseThrow();
        b.activate(false, NOW);
        catalog().update(b);
        Page<Product> first = catalog().list(false, PageRequest.first(2));
        assertEquals(2, first.items().size());
        assertEquals("a_pack", first.items().get(0).id().value());
        Page<Product> rest = catalog().list(false, new PageRequest(first.nextCursor(), 2));
        assertEquals("c_pack", rest.items().get(0).id().value());
        assertNull(rest.nextCursor());
        assertEquals(2, catalog().list(true, PageRequest.first(10)).items().size());
    }
}
