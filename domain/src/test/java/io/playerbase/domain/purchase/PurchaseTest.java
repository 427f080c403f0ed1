package io.playerbase.domain.purchase;

import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.PurchaseFixtures;
import org.junit.jupiter.api.Test;

import java.time.Period;
import java.util.Map;

import static io.playerbase.domain.testing.PurchaseFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PurchaseTest {

    private static final UserId ANN = new UserId("650000000000000000000001");
    private static final UserId BOB = new UserId("650000000000000000000002");
    private final Product coins = PurchaseFixtures.coinsProduct("coins_500", 500);

    @Test
    void aCreditsPackIsRecordedAsGrantingItsCreditsTimesTheQuantity() {
        VerifiedPurchase two = new VerifiedPurchase(Store.TEST, "tx-1", "tx-1", "coins_500", ProductKind.CREDITS_PACK, 2,
                NOW, null, null, "Test", VerifiedPurchase.StoreState.PURCHASED, null, null, null, "{}");
        Purchase purchase = Purchase.record(ANN, two, coins, NOW);
        assertEquals(PurchaseStatus.GRANTING, purchase.status());
        assertEquals(1000, purchase.credits());
        assertEquals("purchase:test:tx-1", purchase.grantOperationId());
        assertEquals("refund:test:tx-1", purchase.refundOperationId());
        assertTrue(purchase.markGranted(NOW));
        assertFalse(purchase.markGranted(NOW), "granting twice changes nothing");
    }

    @Test
    void aSubscriptionIsRecordedForTheSubscriptionModuleWithoutCredits() {
        Product premium = PurchaseFixtures.premiumProduct("premium_monthly");
        Purchase purchase = Purchase.record(ANN, PurchaseFixtures.verified(Store.TEST, "tx-s", "premium_monthly",
                ProductKind.SUBSCRIPTION), premium, NOW);
        assertEquals(PurchaseStatus.RECORDED, purchase.status());
        assertEquals(0, purchase.credits());
        assertTrue(purchase.verified().expiry().isPresent());
    }

    @Test
    void receiptsForAnotherProductPendingOrRevokedOnesAndInactiveProductsAreRefused() {
        assertEquals("product-mismatch", assertThrows(RuleViolation.class, () -> Purchase.record(ANN,
                PurchaseFixtures.verifiedTest("tx", "coins_100"), coins, NOW)).code());
        assertEquals("product-mismatch", assertThrows(RuleViolation.class, () -> Purchase.record(ANN,
                PurchaseFixtures.verified(Store.TEST, "tx", "coins_500", ProductKind.SUBSCRIPTION), coins, NOW)).code());
        VerifiedPurchase ok = PurchaseFixtures.verifiedTest("tx", "coins_500");
        assertEquals("purchase-revoked", assertThrows(RuleViolation.class,
                () -> Purchase.record(ANN, PurchaseFixtures.revoked(ok, NOW), coins, NOW)).code());
        VerifiedPurchase pending = new VerifiedPurchase(Store.TEST, "tx", "tx", "coins_500", ProductKind.CREDITS_PACK, 1,
                NOW, null, null, "Test", VerifiedPurchase.StoreState.PENDING, null, null, null, "{}");
        assertEquals("purchase-pending", assertThrows(RuleViolation.class,
                () -> Purchase.record(ANN, pending, coins, NOW)).code());
        VerifiedPurchase longId = PurchaseFixtures.verifiedTest("x".repeat(201), "coins_500");
        assertEquals("receipt-invalid", assertThrows(RuleViolation.class,
                () -> Purchase.record(ANN, longId, coins, NOW)).code());
        coins.activate(false, NOW);
        assertEquals("product-inactive", assertThrows(RuleViolation.class,
                () -> Purchase.record(ANN, ok, coins, NOW)).code());
    }

    @Test
    void onlyTheFirstClaimantOwnsAPurchase() {
        Purchase purchase = Purchase.record(ANN, PurchaseFixtures.verifiedTest("tx", "coins_500"), coins, NOW);
        purchase.checkClaimant(ANN);
        assertEquals("purchase-already-claimed", assertThrows(Conflict.class, () -> purchase.checkClaimant(BOB)).code());
    }

    @Test
    void theFirstRefundStandsAndRepeatedOrLateOnesChangeNothing() {
        Purchase purchase = Purchase.record(ANN, PurchaseFixtures.verifiedTest("tx", "coins_500"), coins, NOW);
        purchase.markGranted(NOW);
        Refund first = new Refund("test", "refund", NOW.plusSeconds(10));
        assertTrue(purchase.startRefund(first, NOW.plusSeconds(11)));
        assertFalse(purchase.startRefund(new Refund("admin", "goodwill", NOW.plusSeconds(20)), NOW.plusSeconds(21)));
        assertTrue(purchase.completeRefund(NOW.plusSeconds(12)));
        assertFalse(purchase.completeRefund(NOW.plusSeconds(13)));
        assertFalse(purchase.startRefund(first, NOW.plusSeconds(30)));
        assertEquals(PurchaseStatus.REFUNDED, purchase.status());
        assertEquals(first, purchase.refund().orElseThrow());
        assertFalse(purchase.markGranted(NOW), "a refunded purchase is never granted again");
    }

    @Test
    void aRefundTheStoreReversesStartsANewRoundWithOperationIdsOfItsOwn() {
        Purchase purchase = Purchase.record(ANN, PurchaseFixtures.verifiedTest("tx", "coins_500"), coins, NOW);
        assertFalse(purchase.reinstate(NOW), "nothing to reinstate before a refund");
        purchase.markGranted(NOW);
        assertFalse(purchase.reinstate(NOW), "nothing to reinstate while granted");
        purchase.startRefund(new Refund("test", "refund", NOW), NOW);
        assertFalse(purchase.reinstate(NOW), "a refund still running is finished first");
        purchase.completeRefund(NOW);

        assertTrue(purchase.reinstate(NOW.plusSeconds(5)));
        assertFalse(purchase.reinstate(NOW.plusSeconds(6)), "reinstating twice changes nothing");
        assertEquals(PurchaseStatus.GRANTING, purchase.status());
        assertTrue(purchase.refund().isEmpty());
        assertEquals(1, purchase.reinstatements());
        assertEquals("reinstate:test:tx:1", purchase.grantOperationId());
        assertEquals("refund:test:tx:1", purchase.refundOperationId());
        assertTrue(purchase.markGranted(NOW.plusSeconds(7)));

        purchase.startRefund(new Refund("test", "refund", NOW.plusSeconds(8)), NOW.plusSeconds(8));
        purchase.completeRefund(NOW.plusSeconds(9));
        assertTrue(purchase.reinstate(NOW.plusSeconds(10)));
        assertEquals("reinstate:test:tx:2", purchase.grantOperationId());
        assertEquals("refund:test:tx:2", purchase.refundOperationId());

        Purchase restored = Purchase.restore(purchase.storedState());
        assertEquals(2, restored.reinstatements());
        assertEquals(purchase.grantOperationId(), restored.grantOperationId());
    }

    @Test
    void onlyARefundByThePurchasesOwnStoreIsReversedAndASubscriptionGoesBackToRecorded() {
        Purchase byAdmin = Purchase.record(ANN, PurchaseFixtures.verifiedTest("tx", "coins_500"), coins, NOW);
        byAdmin.markGranted(NOW);
        byAdmin.startRefund(new Refund("admin", "chargeback", NOW), NOW);
        byAdmin.completeRefund(NOW);
        assertFalse(byAdmin.reinstate(NOW), "an admin's refund stands");
        assertEquals(PurchaseStatus.REFUNDED, byAdmin.status());

        Purchase premium = Purchase.record(ANN, PurchaseFixtures.verified(Store.TEST, "tx-s", "premium_monthly",
                ProductKind.SUBSCRIPTION), PurchaseFixtures.premiumProduct("premium_monthly"), NOW);
        premium.startRefund(new Refund("test", "revoke", NOW), NOW);
        premium.completeRefund(NOW);
        assertTrue(premium.reinstate(NOW));
        assertEquals(PurchaseStatus.RECORDED, premium.status());
    }

    private static StoreWord word(String id, int second, StoreWord.Says says) {
        return new StoreWord(id, NOW.plusSeconds(second), says);
    }

    private static Refund storeRefund(int second) {
        return new Refund("test", "refund", NOW.plusSeconds(second));
    }

    @Test
    void aStoresWordChangesThePurchaseOnlyIfItIsTheLatestAndEqualTimesGoByArrival() {
        Purchase purchase = Purchase.record(ANN, PurchaseFixtures.verifiedTest("tx", "coins_500"), coins, NOW);
        StoreWord refund = word("r1", 10, StoreWord.Says.REVOKED);
        assertEquals(Purchase.Heard.GRANT_FIRST, purchase.hear(refund, storeRefund(10), NOW),
                "nothing to take back before the grant");
        assertTrue(purchase.word().isEmpty(), "and nothing changed");
        purchase.markGranted(NOW);

        assertEquals(Purchase.Heard.APPLIED, purchase.hear(refund, storeRefund(10), NOW));
        assertEquals(PurchaseStatus.REFUNDING, purchase.status());
        assertEquals(refund, purchase.word().orElseThrow());
        StoreWord reversal = word("v1", 20, StoreWord.Says.REFUND_REVERSED);
        assertEquals(Purchase.Heard.FINISH_REFUND_FIRST, purchase.hear(reversal, null, NOW),
                "the refund's money is taken back before the next round");
        purchase.completeRefund(NOW);
        assertEquals(Purchase.Heard.APPLIED, purchase.hear(reversal, null, NOW));
        assertEquals(PurchaseStatus.GRANTING, purchase.status());
        assertEquals(1, purchase.reinstatements());

        assertEquals(Purchase.Heard.OUT_OF_ORDER, purchase.hear(word("r0", 5, StoreWord.Says.REVOKED), storeRefund(5), NOW));
        assertEquals(Purchase.Heard.OUT_OF_ORDER, purchase.hear(refund, storeRefund(10), NOW), "the refund it undid");
        assertEquals(Purchase.Heard.REPEATED, purchase.hear(reversal, null, NOW));
        purchase.markGranted(NOW);
        assertEquals(Purchase.Heard.NOTED, purchase.hear(word("p1", 20, StoreWord.Says.PAID), null, NOW),
                "the same store time, arrived later: applied (it says nothing new)");
        StoreWord sameTimeRefund = word("r2", 20, StoreWord.Says.REVOKED);
        assertEquals(Purchase.Heard.APPLIED, purchase.hear(sameTimeRefund, storeRefund(20), NOW),
                "the same store time, arrived later: applied");
        assertEquals(PurchaseStatus.REFUNDING, purchase.status());
        assertEquals(Purchase.Heard.NOTED, purchase.hear(word("r3", 21, StoreWord.Says.REVOKED), storeRefund(21), NOW),
                "already refunding: the first refund stands");
        assertEquals(storeRefund(20), purchase.refund().orElseThrow());
        assertEquals(word("r3", 21, StoreWord.Says.REVOKED), Purchase.restore(purchase.storedState()).word().orElseThrow());
    }

    @Test
    void anAdminsRefundIsNotTheStoresToReverseButTheReversalIsStillItsLatestWord() {
        Purchase purchase = Purchase.record(ANN, PurchaseFixtures.verifiedTest("tx", "coins_500"), coins, NOW);
        purchase.markGranted(NOW);
        purchase.startRefund(new Refund("admin", "chargeback", NOW), NOW);
        StoreWord reversal = word("v1", 20, StoreWord.Says.REFUND_REVERSED);
        assertEquals(Purchase.Heard.NOTED, purchase.hear(reversal, null, NOW), "an admin's refund running is not waited for");
        purchase.completeRefund(NOW);
        assertEquals(Purchase.Heard.REPEATED, purchase.hear(reversal, null, NOW));
        assertEquals(Purchase.Heard.NOTED, purchase.hear(word("v2", 30, StoreWord.Says.REFUND_REVERSED), null, NOW));
        assertEquals(PurchaseStatus.REFUNDED, purchase.status());
        assertEquals("admin", purchase.refund().orElseThrow().by());
        assertEquals(0, purchase.reinstatements());
    }

    @Test
    void aPurchaseConsumedBeforeItWasClaimedHereIsRefused() {
        VerifiedPurchase consumed = PurchaseFixtures.verifiedTest("tx", "coins_500")
                .withState(VerifiedPurchase.StoreState.CONSUMED, null);
        assertEquals("purchase-already-consumed", assertThrows(RuleViolation.class,
                () -> Purchase.record(ANN, consumed, coins, NOW)).code());
    }

    @Test
    void productDefinitionsAreValidByConstruction() {
        assertThrows(InvalidValue.class, () -> new ProductDefinition("", ProductKind.CREDITS_PACK, 5L, null, null,
                Map.of(Store.TEST, "x")));
        assertThrows(InvalidValue.class, () -> new ProductDefinition("t", ProductKind.CREDITS_PACK, 0L, null, null,
                Map.of(Store.TEST, "x")));
        assertThrows(InvalidValue.class, () -> new ProductDefinition("t", ProductKind.CREDITS_PACK, 5L, "premium", null,
                Map.of(Store.TEST, "x")));
        assertThrows(InvalidValue.class, () -> new ProductDefinition("t", ProductKind.CREDITS_PACK, 5L, null, null,
                Map.of()));
        assertThrows(InvalidValue.class, () -> new ProductDefinition("t", ProductKind.CREDITS_PACK, 5L, null, null,
                Map.of(Store.TEST, "has space")));
        assertThrows(InvalidValue.class, () -> new ProductDefinition("t", ProductKind.SUBSCRIPTION, null, "gold",
                Period.ofMonths(1), Map.of(Store.TEST, "x")));
        assertThrows(InvalidValue.class, () -> new ProductDefinition("t", ProductKind.SUBSCRIPTION, null, "premium",
                Period.ofYears(2), Map.of(Store.TEST, "x")));
        assertThrows(InvalidValue.class, () -> new ProductDefinition("t", ProductKind.SUBSCRIPTION, 0L, "premium",
                Period.ofMonths(1), Map.of(Store.TEST, "x")));
        assertEquals(5L, new ProductDefinition("t", ProductKind.SUBSCRIPTION, 5L, "premium", Period.ofMonths(1),
                Map.of(Store.TEST, "x")).credits(), "a subscription may grant credits per period");
        assertThrows(InvalidValue.class, () -> new ProductId("Coins"));
        assertEquals("coins", new ProductDefinition("  coins ", ProductKind.CREDITS_PACK, 5L, null, null,
                Map.of(Store.TEST, "x")).title());
        assertEquals(ProductKind.SUBSCRIPTION, ProductKind.fromWireName("subscription"));
        assertThrows(InvalidValue.class, () -> ProductKind.fromWireName("SUBSCRIPTION"));
    }

    @Test
    void aProductsKindNeverChanges() {
        assertEquals("product-kind-immutable", assertThrows(RuleViolation.class, () -> coins.redefine(
                PurchaseFixtures.premiumProduct("p").definition(), NOW)).code());
        coins.redefine(PurchaseFixtures.coins(600, "coins_500"), NOW);
        assertEquals(600, coins.definition().credits());
    }
}
