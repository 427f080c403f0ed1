package io.playerbase.application.purchase;

import io.playerbase.application.purchase.port.in.ClaimPurchaseUseCase;
import io.playerbase.application.purchase.port.in.PurchaseView;
import io.playerbase.domain.purchase.Product;
import io.playerbase.domain.purchase.ProductCatalog;
import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.PurchaseMetrics;
import io.playerbase.domain.purchase.PurchaseModule;
import io.playerbase.domain.purchase.ProductKind;
import io.playerbase.domain.purchase.PurchaseProof;
import io.playerbase.domain.purchase.PurchaseRepository;
import io.playerbase.domain.purchase.PurchaseStatus;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.StoreNotificationLog;
import io.playerbase.domain.purchase.VerifiedPurchase;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.DomainException;
import io.playerbase.domain.shared.RuleViolation;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Verify, record, grant (docs/purchases.md): the store's verification comes first, so nothing is
 * written for a proof that is not genuine; the purchase is recorded under the unique store
 * transaction before any money moves, so of many concurrent claims one wins and the others find it;
 * the grant then runs with the operation id derived from the store transaction.
 *
 * <p>The store's notifications may come first: a refund logged before anyone claimed the purchase
 * makes the claim refuse it ({@code purchase-revoked}, nothing written), and one that lands while a
 * claim runs is found by the check after the grant, which applies the store's latest word to the
 * purchase as the notification would (a refund at once). (The notification handler writes its log
 * entry before it looks for the purchase, the claim records the purchase before it looks at the log:
 * one of the two always sees the other.)
 */
@Singleton
final class ClaimPurchaseService implements ClaimPurchaseUseCase {

    private final StoreVerifiers verifiers;
    private final ProductCatalog catalog;
    private final PurchaseRepository purchases;
    private final StoreNotificationLog notifications;
    private final PurchaseModule module;
    private final PurchaseCompletion completion;
    private final PurchaseMetrics metrics;
    private final SubscriptionHook subscriptions;
    private final Clock clock;

    ClaimPurchaseService(StoreVerifiers verifiers, ProductCatalog catalog, PurchaseRepository purchases,
                         StoreNotificationLog notifications, PurchaseModule module, PurchaseCompletion completion,
                         PurchaseMetrics metrics, SubscriptionHook subscriptions, Clock clock) {
        this.verifiers = verifiers;
        this.catalog = catalog;
        this.purchases = purchases;
        this.notifications = notifications;
        this.module = module;
        this.completion = completion;
        this.metrics = metrics;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    @Override
    public PurchaseView claim(Command command) {
        VerifiedPurchase verified;
        try {
            PurchaseProof proof = proof(command);
            verified = verifiers.receipts(command.store()).verify(proof);
            if (verified.store() != command.store()) {
                throw new IllegalStateException("a verifier answered for another store");
            }
            metrics.verified(verified.store());
            return PurchaseView.of(recordAndGrant(command, asTheStoreLastSaid(verified)));
        } catch (RuleViolation | Conflict refused) {
            if (refused instanceof Conflict && !refused.code().equals("purchase-already-claimed")) {
                throw refused;
            }
            metrics.refused(command.store(), refused.code());
            module.audit(AuditEntry.of(command.userId(), command.actor(), "purchase.refused", PurchaseCompletion.MODULE,
                    List.of(), clock.instant()));
            throw refused;
        } catch (DomainException invalid) {
            metrics.refused(command.store(), invalid.code());
            throw invalid;
        }
    }

    /** Google's API needs to know whether the SKU is a product or a subscription: the catalog says. */
    private PurchaseProof proof(Command command) {
        return switch (command.store()) {
            case APP_STORE -> new PurchaseProof.AppStoreSignedTransaction(command.signedTransaction());
            case TEST -> new PurchaseProof.TestReceipt(command.receipt());
            case GOOGLE_PLAY -> {
                verifiers.receipts(Store.GOOGLE_PLAY);
                Product product = catalog.findBySku(Store.GOOGLE_PLAY, command.sku())
                        .orElseThrow(() -> new RuleViolation("product-unknown", "No product of the catalog has this SKU"));
                yield new PurchaseProof.GooglePlayToken(command.sku(), command.purchaseToken(), product.kind());
            }
        };
    }

    private Purchase recordAndGrant(Command command, VerifiedPurchase verified) {
        Optional<Purchase> known = purchases.findByStoreTransaction(verified.store(), verified.storeTransactionId());
        Purchase purchase;
        if (known.isPresent()) {
            purchase = known.get();
            purchase.checkClaimant(command.userId());
        } else {
            Product product = catalog.findBySku(verified.store(), verified.sku())
                    .orElseThrow(() -> new RuleViolation("product-unknown", "No product of the catalog has this SKU"));
            Purchase candidate = Purchase.record(command.userId(), verified, product, clock.instant());
            if (verified.kind() == ProductKind.SUBSCRIPTION) {
                subscriptions.checkClaim(command.userId(), verified);
            }
            purchase = purchases.claim(candidate);
            purchase.checkClaimant(command.userId());
            if (purchase.id().equals(candidate.id())) {
                module.audit(AuditEntry.of(command.userId(), command.actor(), "purchase.verified",
                        PurchaseCompletion.MODULE, List.of(), clock.instant()));
                if (purchase.status() == PurchaseStatus.RECORDED) {
                    completion.noteRecorded(purchase, command.actor());
                }
            }
        }
        if (purchase.verified().kind() == ProductKind.SUBSCRIPTION) {
            subscriptions.claimed(purchase, command.actor());
        }
        // A notification that arrived while this claim ran found no purchase yet: the claim applies it.
        Purchase result = StoreEvents.applyLatestWord(completion.grant(purchase, command.actor()), notifications,
                completion, metrics);
        if (result.status() == PurchaseStatus.RECORDED) {
            // Every claim of it, retries included: a crash after the record is completed by the client's retry.
            completion.qualifyReferral(result, command.actor());
        }
        acknowledge(verified);
        return result;
    }

    /** Revoked if the store's latest notification about it says so, whatever the client's older proof says. */
    private VerifiedPurchase asTheStoreLastSaid(VerifiedPurchase verified) {
        if (verified.state() == VerifiedPurchase.StoreState.REVOKED) {
            return verified;
        }
        return notifications.latestAbout(verified.store(), verified.storeTransactionId())
                .filter(latest -> latest.state() == VerifiedPurchase.StoreState.REVOKED)
                .map(latest -> verified.withState(VerifiedPurchase.StoreState.REVOKED,
                        latest.revokedAt() != null ? latest.revokedAt() : latest.sentAt()))
                .orElse(verified);
    }

    /** The store may refund what is never acknowledged; a failure here is retried by the client's next claim. */
    private void acknowledge(VerifiedPurchase verified) {
        try {
            verifiers.receipts(verified.store()).acknowledge(verified);
        } catch (RuntimeException e) {
            System.getLogger(ClaimPurchaseService.class.getName()).log(System.Logger.Level.WARNING,
                    "Purchase " + verified.store().wireName() + " not acknowledged yet: " + e.getMessage());
        }
    }
}
