package io.playerbase.domain.purchase;

import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.PurchaseFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Comparator;

import static io.playerbase.domain.testing.PurchaseFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link PurchaseRepository} does: run on the in-memory fake, the embedded store and Testcontainers. */
public abstract class PurchaseRepositoryContract {

    private PurchaseRepository repository;

    /** An empty repository, once per test. */
    protected abstract PurchaseRepository createRepository();

    /** Releases what {@link #createRepository()} started. */
    protected void closeRepository() {
    }

    @BeforeEach
    void startRepository() {
        repository = createRepository();
    }

    @AfterEach
    void stopRepository() {
        closeRepository();
    }

    protected PurchaseRepository repository() {
        return repository;
    }

    private final Product coins = PurchaseFixtures.coinsProduct("coins_500", 500);

    private Purchase newPurchase(UserId owner, String transactionId) {
        return Purchase.record(owner, PurchaseFixtures.verifiedTest(transactionId, "coins_500"), coins, NOW);
    }

    @Test
    void aClaimStoresThePurchaseAndEverythingTheStoreVouchedFor() {
        UserId ann = UserId.newId(NOW);
        Purchase candidate = newPurchase(ann, "tx-1");
        Purchase stored = repository().claim(candidate);
        assertEquals(candidate.id(), stored.id());
        Purchase found = repository().find(candidate.id()).orElseThrow();
        assertEquals(candidate.verified(), found.verified());
        assertEquals(ann, found.owner());
        assertEquals(500, found.credits());
        assertEquals(PurchaseStatus.GRANTING, found.status());
        assertEquals(candidate.createdAt(), found.createdAt());
        assertEquals(found.id(), repository().findByStoreTransaction(Store.TEST, "tx-1").orElseThrow().id());
        assertTrue(repository().findByStoreTransaction(Store.APP_STORE, "tx-1").isEmpty());
    }

    @Test
    void theFirstClaimOfAStoreTransactionWinsEvenAcrossUsers() {
        UserId ann = UserId.newId(NOW);
        UserId bob = UserId.newId(NOW);
        Purchase first = repository().claim(newPurchase(ann, "tx-2"));
        Purchase second = repository().claim(newPurchase(bob, "tx-2"));
        assertEquals(first.id(), second.id());
        assertEquals(ann, second.owner());
    }

    @Test
    void concurrentClaimsRecordOnePurchase() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Purchase>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                UserId owner = UserId.newId(NOW);
                results.add(pool.submit(() -> {
                    start.await();
                    return repository().claim(newPurchase(owner, "tx-race"));
                }));
            }
            start.countDown();
            Set<String> ids = new HashSet<>();
            for (Future<Purchase> result : results) {
                ids.add(result.get().id().value());
            }
            assertEquals(1, ids.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void updatesAreConditionalOnTheVersion() {
        Purchase purchase = repository().claim(newPurchase(UserId.newId(NOW), "tx-3"));
        Purchase copy = repository().find(purchase.id()).orElseThrow();
        purchase.markGranted(NOW.plusSeconds(1));
        repository().update(purchase);
        copy.startRefund(new Refund("admin", "goodwill", NOW), NOW);
        assertThrows(Conflict.class, () -> repository().update(copy));

        Purchase granted = repository().find(purchase.id()).orElseThrow();
        assertEquals(PurchaseStatus.GRANTED, granted.status());
        granted.startRefund(new Refund("test", "refund", NOW.plusSeconds(5)), NOW.plusSeconds(6));
        repository().update(granted);
        Purchase refunding = repository().find(purchase.id()).orElseThrow();
        assertEquals(new Refund("test", "refund", NOW.plusSeconds(5)), refunding.refund().orElseThrow());
        assertEquals(PurchaseStatus.REFUNDING, refunding.status());
    }

    @Test
    void aReinstatedPurchaseKeepsItsRoundAndLosesItsRefund() {
        Purchase purchase = repository().claim(newPurchase(UserId.newId(NOW), "tx-reinstated"));
        purchase.markGranted(NOW);
        purchase.startRefund(new Refund("test", "refund", NOW.plusSeconds(1)), NOW.plusSeconds(1));
        purchase.completeRefund(NOW.plusSeconds(2));
        repository().update(purchase);
        purchase.reinstate(NOW.plusSeconds(3));
        repository().update(purchase);

        Purchase found = repository().find(purchase.id()).orElseThrow();
        assertEquals(PurchaseStatus.GRANTING, found.status());
        assertEquals(1, found.reinstatements());
        assertTrue(found.refund().isEmpty());
        assertEquals("reinstate:test:tx-reinstated:1", found.grantOperationId());
        assertTrue(repository().unfinished(NOW.plusSeconds(60), 100).stream().anyMatch(p -> p.id().equals(purchase.id())));
    }

    @Test
    void theStoresLatestWordIsKeptAndAnOlderOneCannotOverwriteItEvenFromACopyReadBefore() {
        Purchase purchase = repository().claim(newPurchase(UserId.newId(NOW), "tx-word"));
        assertTrue(purchase.word().isEmpty(), "no word yet");
        purchase.markGranted(NOW);
        repository().update(purchase);
        // Two instances read the purchase at the same version: one hears the reversal (t20), the other the
        // older refund (t10) it undid.
        Purchase reversal = repository().find(purchase.id()).orElseThrow();
        Purchase refund = repository().find(purchase.id()).orElseThrow();
        StoreWord reversed = new StoreWord("uuid-reversed", NOW.plusSeconds(20).plusNanos(123_456_789),
                StoreWord.Says.REFUND_REVERSED);
        StoreWord refunded = new StoreWord("uuid-refund", NOW.plusSeconds(10), StoreWord.Says.REVOKED);
        Refund details = new Refund("test", "refund", NOW.plusSeconds(10));
        assertEquals(Purchase.Heard.NOTED, reversal.hear(reversed, null, NOW.plusSeconds(30)));
        assertEquals(Purchase.Heard.APPLIED, refund.hear(refunded, details, NOW.plusSeconds(30)));
        repository().update(reversal);
        assertThrows(Conflict.class, () -> repository().update(refund), "decided on a stale read: refused");

        Purchase found = repository().find(purchase.id()).orElseThrow();
        assertEquals(PurchaseStatus.GRANTED, found.status());
        assertEquals(reversed, found.word().orElseThrow(), "kept to the millisecond");
        assertEquals(NOW.plusSeconds(20).plusMillis(123), found.word().orElseThrow().at());
        assertEquals(Purchase.Heard.OUT_OF_ORDER, found.hear(refunded, details, NOW.plusSeconds(31)),
                "read again, the refund is older than the word kept");
        assertEquals(Purchase.Heard.REPEATED, found.hear(reversed, null, NOW.plusSeconds(31)));

        StoreWord later = new StoreWord("uuid-refund-2", NOW.plusSeconds(40), StoreWord.Says.REVOKED);
        assertEquals(Purchase.Heard.APPLIED, found.hear(later, new Refund("test", "refund", NOW.plusSeconds(40)),
                NOW.plusSeconds(41)));
        repository().update(found);
        Purchase refunding = repository().find(purchase.id()).orElseThrow();
        assertEquals(PurchaseStatus.REFUNDING, refunding.status());
        assertEquals(later, refunding.word().orElseThrow());
        assertEquals(Purchase.Heard.REPEATED, refunding.hear(later, new Refund("test", "refund", NOW.plusSeconds(40)),
                NOW.plusSeconds(42)), "a redelivery after a crash: the word is this one");
    }

    @Test
    void aUsersPurchasesPageNewestFirstAndCount() {
        UserId ann = UserId.newId(NOW);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Purchase p = repository().claim(newPurchase(ann, "tx-page-" + i));
            ids.add(0, p.id().value());
            if (i > 0) {
                p.markGranted(NOW);
                repository().update(p);
            }
        }
        repository().claim(newPurchase(UserId.newId(NOW), "tx-other"));
        Page<Purchase> first = repository().forUser(ann, PageRequest.first(3));
        Page<Purchase> second = repository().forUser(ann, new PageRequest(first.nextCursor(), 3));
        List<String> seen = new ArrayList<>();
        first.items().forEach(p -> seen.add(p.id().value()));
        second.items().forEach(p -> seen.add(p.id().value()));
        assertEquals(ids.stream().sorted(Comparator.reverseOrder()).toList(), seen);
        assertNull(second.nextCursor());
        assertEquals(4, repository().countForUser(ann), "a purchase still granting is not counted");
    }

    @Test
    void unfinishedPurchasesAreFoundForRecovery() {
        Purchase granting = repository().claim(newPurchase(UserId.newId(NOW), "tx-u1"));
        Purchase done = repository().claim(newPurchase(UserId.newId(NOW), "tx-u2"));
        done.markGranted(NOW);
        repository().update(done);
        List<Purchase> unfinished = repository().unfinished(NOW.plusSeconds(60), 100);
        assertTrue(unfinished.stream().anyMatch(p -> p.id().equals(granting.id())));
        assertTrue(unfinished.stream().noneMatch(p -> p.id().equals(done.id())));
        assertTrue(repository().unfinished(NOW.minusSeconds(60), 100).stream().noneMatch(p -> p.id().equals(granting.id())));
    }
}
