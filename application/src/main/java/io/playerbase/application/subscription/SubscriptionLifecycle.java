package io.playerbase.application.subscription;

import io.playerbase.application.purchase.SubscriptionHook;
import io.playerbase.domain.purchase.Product;
import io.playerbase.domain.purchase.ProductCatalog;
import io.playerbase.domain.purchase.ProductKind;
import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.StoreNotification;
import io.playerbase.domain.purchase.VerifiedPurchase;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.subscription.AppStoreFacts;
import io.playerbase.domain.subscription.AppStoreLifecycle;
import io.playerbase.domain.subscription.GooglePlayFacts;
import io.playerbase.domain.subscription.GooglePlayLifecycle;
import io.playerbase.domain.subscription.Plan;
import io.playerbase.domain.subscription.PurchaseTokenLinks;
import io.playerbase.domain.subscription.StoreView;
import io.playerbase.domain.subscription.Subscription;
import io.playerbase.domain.subscription.SubscriptionKey;
import io.playerbase.domain.subscription.SubscriptionPayloads;
import io.playerbase.domain.subscription.SubscriptionRepository;
import io.playerbase.domain.subscription.SubscriptionStore;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The subscription module's side of purchases and store notifications (docs/subscriptions.md):
 * <ul>
 *   <li>a claimed subscription purchase gives its subscription (found by original transaction or
 *       token chain, created if new) to the claimant and applies what the purchase says;</li>
 *   <li>a notification applies what it says to its subscription, whether or not anyone claimed it
 *       yet: one nobody claimed keeps the store's state and the periods' credits, and its owner gets
 *       them when the purchase arrives;</li>
 *   <li>after each: the money of the periods, then the owner's account copy.</li>
 * </ul>
 * Google Play chains are followed through {@code linkedPurchaseToken} back to their first token, over
 * as many hops as the store remembers (at most {@link #MAX_HOPS}).
 */
@Singleton
final class SubscriptionLifecycle implements SubscriptionHook {

    static final int MAX_HOPS = 20;
    private static final System.Logger LOG = System.getLogger(SubscriptionLifecycle.class.getName());

    private final SubscriptionRepository subscriptions;
    private final SubscriptionUpdates updates;
    private final ProductCatalog catalog;
    private final SubscriptionPayloads payloads;
    private final Optional<PurchaseTokenLinks> links;
    private final Clock clock;

    SubscriptionLifecycle(SubscriptionRepository subscriptions, SubscriptionUpdates updates, ProductCatalog catalog,
                          SubscriptionPayloads payloads, Optional<PurchaseTokenLinks> links, Clock clock) {
        this.subscriptions = subscriptions;
        this.updates = updates;
        this.catalog = catalog;
        this.payloads = payloads;
        this.links = links;
        this.clock = clock;
    }

    @Override
    public void checkClaim(UserId claimant, VerifiedPurchase verified) {
        if (verified.kind() != ProductKind.SUBSCRIPTION) {
            return;
        }
        Optional<UserId> owner = known(verified).flatMap(Subscription::owner);
        if (owner.isPresent() && !owner.get().equals(claimant)) {
            throw new Conflict("purchase-already-claimed", "This subscription belongs to another account");
        }
    }

    @Override
    public void claimed(Purchase purchase, Actor actor) {
        VerifiedPurchase verified = purchase.verified();
        if (verified.kind() != ProductKind.SUBSCRIPTION) {
            return;
        }
        Instant now = clock.instant();
        Optional<Product> product = catalog.findBySku(verified.store(), verified.sku());
        StoreView view = claimView(verified, product, now);
        Subscription subscription = updates.change(resolve(verified, now), s -> s.attach(purchase.owner(), purchase.id().value(), now)
                | s.observe(view, plan(product), "purchase:" + purchase.id().value(), now));
        follow(subscription, actor);
    }

    @Override
    public Optional<String> notified(StoreNotification notification) {
        VerifiedPurchase verified = notification.purchase();
        boolean subscriptionEvent = verified != null && verified.kind() == ProductKind.SUBSCRIPTION
                || notification.store() == Store.GOOGLE_PLAY && notification.type().startsWith("SUBSCRIPTION_");
        if (!subscriptionEvent || notification.store() == Store.TEST) {
            return Optional.empty();
        }
        if (verified == null) {
            // Google no longer knows the token: nothing to re-read; the notification stays logged for support.
            return Optional.of("subscription:ignored:unknown-token");
        }
        Instant now = clock.instant();
        Optional<Product> product = catalog.findBySku(verified.store(), verified.sku());
        StoreView view = notificationView(notification, verified, product);
        Subscription subscription = updates.change(resolve(verified, now),
                s -> s.observe(view, plan(product), "notification:" + notification.notificationId(), now));
        if (subscription.owner().isEmpty()) {
            return Optional.of("subscription:kept-until-claimed");
        }
        subscription = follow(subscription, Actor.system("notification:" + notification.notificationId()));
        return Optional.of("subscription:" + subscription.statusAt(clock.instant()).wire());
    }

    /** The money its periods decided, then the owner's account copy. */
    private Subscription follow(Subscription subscription, Actor actor) {
        Subscription settled = updates.settle(subscription, actor);
        settled.owner().ifPresent(owner -> updates.project(owner, actor));
        return settled;
    }

    private StoreView claimView(VerifiedPurchase verified, Optional<Product> product, Instant now) {
        return switch (verified.store()) {
            case APP_STORE -> {
                AppStoreFacts facts = withPeriod(payloads.appStore(verified.rawPayload(), null, null), product);
                yield AppStoreLifecycle.view(null, null, facts.signedDate() != null ? facts.signedDate() : now, facts);
            }
            case GOOGLE_PLAY -> GooglePlayLifecycle.view(null, now, payloads.googlePlay(verified.rawPayload()), null);
            case TEST -> testStoreView(verified, product);
        };
    }

    private StoreView notificationView(StoreNotification n, VerifiedPurchase verified, Optional<Product> product) {
        if (n.store() == Store.APP_STORE) {
            AppStoreFacts facts = withPeriod(payloads.appStore(verified.rawPayload(), n.renewalInfo(), n.rawPayload()), product);
            return AppStoreLifecycle.view(n.type(), n.subtype(), n.sentAt(), facts);
        }
        GooglePlayFacts facts = payloads.googlePlay(verified.rawPayload());
        String revokedOrder = "VOIDED_PURCHASE".equals(n.type()) ? verified.storeTransactionId() : null;
        return GooglePlayLifecycle.view(n.type(), n.sentAt(), facts, revokedOrder);
    }

    /** A non-renewing subscription carries no expiry: it lasts the product's period from its purchase. */
    private static AppStoreFacts withPeriod(AppStoreFacts facts, Optional<Product> product) {
        if (facts.expiresDate() != null || facts.purchaseDate() == null || product.isEmpty()
                || product.get().definition().period() == null) {
            return facts;
        }
        return facts.withExpiresDate(facts.purchaseDate().atOffset(ZoneOffset.UTC)
                .plus(product.get().definition().period()).toInstant());
    }

    /** The test store sells one period, bought when its receipt says, that never renews. */
    private static StoreView testStoreView(VerifiedPurchase verified, Optional<Product> product) {
        Instant start = verified.purchasedAt();
        Instant end = product.map(p -> p.definition().period()).map(p -> start.atOffset(ZoneOffset.UTC).plus(p).toInstant())
                .orElse(start);
        return new StoreView("claim", start, StoreView.State.PAID, verified.sku(), start, end, null, null, null, null, null,
                new StoreView.Period(verified.storeTransactionId(), start, end, true), null, null, null, verified.environment());
    }

    private static Plan plan(Optional<Product> product) {
        return product.filter(p -> p.kind() == ProductKind.SUBSCRIPTION)
                .map(p -> new Plan(p.id().value(), p.definition().credits() == null ? 0 : p.definition().credits()))
                .orElse(null);
    }

    /** The subscription a purchase belongs to, if one exists already. */
    private Optional<Subscription> known(VerifiedPurchase verified) {
        SubscriptionStore store = store(verified.store());
        if (store != SubscriptionStore.GOOGLE_PLAY) {
            return subscriptions.find(new SubscriptionKey(store, verified.originalTransactionId()));
        }
        return subscriptions.findByToken(store, verified.originalTransactionId())
                .or(() -> Optional.ofNullable(verified.linkedPurchaseToken()).flatMap(t -> subscriptions.findByToken(store, t)));
    }

    /**
     * The subscription a purchase belongs to, created if it is the first word of it: one per original
     * transaction; for Google Play, the chain of tokens is followed back (known tokens first, then
     * Google's {@code linkedPurchaseToken}s) and its newer tokens added to it.
     */
    private Subscription resolve(VerifiedPurchase verified, Instant now) {
        SubscriptionStore store = store(verified.store());
        if (store != SubscriptionStore.GOOGLE_PLAY) {
            SubscriptionKey key = new SubscriptionKey(store, verified.originalTransactionId());
            return subscriptions.find(key).orElseGet(() -> subscriptions.create(Subscription.open(key, List.of(), now)));
        }
        String token = verified.originalTransactionId();
        Optional<Subscription> found = subscriptions.findByToken(store, token);
        if (found.isPresent()) {
            return found.get();
        }
        List<String> newestFirst = new ArrayList<>(List.of(token));
        String next = verified.linkedPurchaseToken();
        for (int hop = 0; next != null && hop < MAX_HOPS && !newestFirst.contains(next); hop++) {
            found = subscriptions.findByToken(store, next);
            if (found.isPresent()) {
                return updates.change(found.get(), s -> s.addTokens(oldestFirst(newestFirst), now));
            }
            newestFirst.add(next);
            String current = next;
            next = links.flatMap(l -> l.linkedPurchaseToken(current)).orElse(null);
        }
        if (next != null) {
            LOG.log(System.Logger.Level.WARNING, "Google Play token chain longer than " + MAX_HOPS + " hops; started it at the last one read");
        }
        List<String> chain = oldestFirst(newestFirst);
        Subscription created = subscriptions.create(Subscription.open(new SubscriptionKey(store, chain.get(0)), chain, now));
        return updates.change(created, s -> s.addTokens(chain, now));
    }

    private static List<String> oldestFirst(List<String> newestFirst) {
        List<String> chain = new ArrayList<>(newestFirst);
        Collections.reverse(chain);
        return chain;
    }

    private static SubscriptionStore store(Store store) {
        return SubscriptionStore.fromWireName(store.wireName());
    }
}
