package io.playerbase.application.purchase;

import io.playerbase.application.purchase.port.in.MintTestReceiptUseCase;
import io.playerbase.domain.purchase.Product;
import io.playerbase.domain.purchase.ProductCatalog;
import io.playerbase.domain.purchase.ProductId;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.TestReceiptMinter;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.RuleViolation;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

/** Mints test-store receipts when the test store is on ({@code PLAYERBASE_IAP_TEST_STORE_ENABLED=true}). */
@Singleton
final class MintTestReceiptService implements MintTestReceiptUseCase {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<TestReceiptMinter> minters;
    private final StoreVerifiers verifiers;
    private final ProductCatalog catalog;
    private final Clock clock;

    /** @param minters the test store's minter, absent unless the test store is enabled */
    MintTestReceiptService(List<TestReceiptMinter> minters, StoreVerifiers verifiers, ProductCatalog catalog,
                           Clock clock) {
        this.minters = minters;
        this.verifiers = verifiers;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public String mint(ProductId productId) {
        verifiers.checkAllowed(Store.TEST);
        if (minters.isEmpty()) {
            throw new RuleViolation("test-store-disabled", "The test store is not enabled on this server");
        }
        Product product = catalog.find(productId)
                .orElseThrow(() -> new NotFound("product-not-found", "No such product"));
        String sku = product.skuFor(Store.TEST)
                .orElseThrow(() -> new RuleViolation("product-not-in-store", "This product has no test-store SKU"));
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        return minters.get(0).mint(sku, product.kind(), "test-" + HexFormat.of().formatHex(id), clock.instant());
    }
}
