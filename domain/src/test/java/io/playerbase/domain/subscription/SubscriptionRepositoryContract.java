package io.playerbase.domain.subscription;

import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.subscription.StoreView.State;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link SubscriptionRepository} does: run on the in-memory fake, the embedded store and Testcontainers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SubscriptionRepositoryContract {

    protected static final Instant NOW = Instant.parse("2027-03-01T12:00:00Z");
    private static final Plan PLAN = new Plan("premium_monthly", 100);

    protected SubscriptionRepository repository;

    /** The repository under test, once per class (tests use keys of their own). */
    protected abstract SubscriptionRepository createStore();

    protected void closeStore() {
    }

    @BeforeAll
    void start() {
        repository = createStore();
    }

    @AfterAll
    void stop() {
        closeStore();
    }

    private static SubscriptionKey appleKey() {
        return new SubscriptionKey(SubscriptionStore.APP_STORE, "2000" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
    }

    /** A subscription with something in every field: owner, periods (credited and refunded), history, tokens. */
    private static Subscription rich(SubscriptionKey key, UserId owner) {
        Subscription s = Subscription.open(key, key.store() == SubscriptionStore.GOOGLE_PLAY ? List.of(key.chain()) : List.of(), NOW);
        s.attach(owner, "650000000000000000000c01", NOW);
        Instant ends = NOW.plus(Duration.ofDays(30));
        s.observe(new StoreView("SUBSCRIBED/INITIAL_BUY", NOW, State.PAID, "com.example.premium", NOW.minusSeconds(5), ends,
                null, true, null, null, null, new StoreView.Period("tx-1", NOW, ends, true), null, null,
                key.store() == SubscriptionStore.GOOGLE_PLAY ? key.chain() : null, "Sandbox"), PLAN, "notification:a", NOW);
        s.walletDone("tx-1", SubscriptionPeriod.CreditState.DUE, 0, NOW);
        Instant later = NOW.plusSeconds(60);
        s.observe(new StoreView("DID_FAIL_TO_RENEW/GRACE_PERIOD", later, State.GRACE, "com.example.premium", null, ends,
                later.plus(Duration.ofDays(16)), false, null, null, null, new StoreView.Period("tx-2", later, null, false),
                "tx-0", null, key.store() == SubscriptionStore.GOOGLE_PLAY ? key.chain() : null, "Sandbox"), PLAN, "notification:b", later);
        // tx-1 refunded, then the refund reversed: a second round with the time of the store's last word.
        Instant refunded = later.plusSeconds(30);
        s.observe(new StoreView("REFUND", refunded, State.UNCHANGED, null, null, null, null, null, null, refunded, "refund",
                null, "tx-1", null, null, "Sandbox"), PLAN, "notification:c", refunded);
        Instant reversed = later.plusSeconds(60);
        s.observe(new StoreView("REFUND_REVERSED", reversed, State.UNCHANGED, null, null, null, null, null, null, null, null,
                null, null, "tx-1", null, "Sandbox"), PLAN, "notification:d", reversed);
        return s;
    }

    @Test
    void aCreatedSubscriptionIsReadBackExactly() {
        SubscriptionKey key = appleKey();
        UserId owner = UserId.newId(NOW);
        Subscription candidate = rich(key, owner);
        Subscription stored = repository.create(candidate);
        Subscription found = repository.find(key).orElseThrow();
        assertEquals(stored.storedState(), found.storedState());
        Subscription.StoredState expected = candidate.storedState();
        assertEquals(expected, found.storedState());
        assertEquals(3, found.periods().size());
        assertEquals(2, found.history().size());
        SubscriptionPeriod reinstated = found.periods().stream().filter(p -> p.transactionId().equals("tx-1")).findFirst().orElseThrow();
        assertEquals(1, reinstated.round());
        assertEquals(SubscriptionPeriod.CreditState.DUE, reinstated.state());
        assertEquals(NOW.plusSeconds(120), reinstated.wordAt());
        assertTrue(repository.find(appleKey()).isEmpty());
    }

    @Test
    void theFirstCreateOfAKeyWinsAndOthersGetIt() throws Exception {
        SubscriptionKey key = appleKey();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Subscription>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                UserId owner = UserId.newId(NOW);
                results.add(pool.submit(() -> {
                    Subscription candidate = Subscription.open(key, List.of(), NOW);
                    candidate.attach(owner, null, NOW);
                    start.await();
                    return repository.create(candidate);
                }));
            }
            start.countDown();
            Set<UserId> owners = new HashSet<>();
            for (Future<Subscription> result : results) {
                owners.add(result.get().owner().orElseThrow());
            }
            assertEquals(1, owners.size(), "one subscription, one owner");
            assertEquals(owners.iterator().next(), repository.find(key).orElseThrow().owner().orElseThrow());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUpdateIsConditionalOnTheVersionRead() {
        SubscriptionKey key = appleKey();
        repository.create(Subscription.open(key, List.of(), NOW));
        Subscription first = repository.find(key).orElseThrow();
        Subscription second = repository.find(key).orElseThrow();
        first.attach(UserId.newId(NOW), null, NOW);
        long before = first.version();
        repository.update(first);
        assertEquals(before + 1, first.version());
        second.attach(UserId.newId(NOW), null, NOW);
        assertThrows(Conflict.class, () -> repository.update(second));
        assertEquals(first.owner(), repository.find(key).orElseThrow().owner());
        assertThrows(Conflict.class, () -> repository.update(Subscription.open(appleKey(), List.of(), NOW)), "never stored");
    }

    @Test
    void concurrentReadModifyWritesWithRetriesLoseNothing() throws Exception {
        SubscriptionKey key = new SubscriptionKey(SubscriptionStore.GOOGLE_PLAY, "root-" + UUID.randomUUID());
        repository.create(Subscription.open(key, List.of(key.chain()), NOW));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                String token = "next-" + i;
                done.add(pool.submit(() -> {
                    for (int attempt = 0; attempt < 200; attempt++) {
                        Subscription s = repository.find(key).orElseThrow();
                        s.addTokens(List.of(token), NOW);
                        try {
                            repository.update(s);
                            return null;
                        } catch (Conflict stale) {
                            Thread.onSpinWait();
                        }
                    }
                    throw new IllegalStateException("never got through");
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(17, repository.find(key).orElseThrow().tokens().size());
    }

    @Test
    void aGoogleChainIsFoundByAnyOfItsTokens() {
        String root = "tok-" + UUID.randomUUID();
        SubscriptionKey key = new SubscriptionKey(SubscriptionStore.GOOGLE_PLAY, root);
        repository.create(Subscription.open(key, List.of(root, root + "-b", root + "-c"), NOW));
        for (String token : List.of(root, root + "-b", root + "-c")) {
            assertEquals(key, repository.findByToken(SubscriptionStore.GOOGLE_PLAY, token).orElseThrow().key());
        }
        assertTrue(repository.findByToken(SubscriptionStore.APP_STORE, root).isEmpty());
        assertTrue(repository.findByToken(SubscriptionStore.GOOGLE_PLAY, root + "-d").isEmpty());
    }

    @Test
    void anAccountsSubscriptionsAreThoseItOwns() {
        UserId ann = UserId.newId(NOW);
        SubscriptionKey first = appleKey();
        SubscriptionKey second = new SubscriptionKey(SubscriptionStore.GOOGLE_PLAY, "tok-" + UUID.randomUUID());
        repository.create(rich(first, ann));
        repository.create(rich(second, ann));
        repository.create(rich(appleKey(), UserId.newId(NOW)));
        repository.create(Subscription.open(appleKey(), List.of(), NOW));
        Set<SubscriptionKey> keys = new HashSet<>();
        repository.forUser(ann).forEach(s -> keys.add(s.key()));
        assertEquals(Set.of(first, second), keys);
    }

    @Test
    void theSweepFindsOwnedSubscriptionsDueByTimeOrWithMoneyToMove() {
        Instant far = NOW.plus(Duration.ofDays(3650));
        UserId ann = UserId.newId(NOW);
        SubscriptionKey expiring = appleKey();
        Subscription running = Subscription.open(expiring, List.of(), NOW);
        running.attach(ann, null, NOW);
        running.observe(new StoreView("claim", NOW, State.PAID, "sku", null, far.minusSeconds(10), null, true, null, null, null,
                null, null, null, null, "Sandbox"), PLAN, "t", NOW);
        running.copyDone();
        repository.create(running);
        SubscriptionKey owing = appleKey();
        Subscription credit = Subscription.open(owing, List.of(), NOW);
        credit.attach(ann, null, NOW);
        credit.observe(new StoreView("claim", NOW, State.EXPIRED, "sku", null, NOW, null, true, null, null, null,
                new StoreView.Period("tx-" + owing.chain(), NOW, NOW, true), null, null, null, "Sandbox"), PLAN, "t", NOW);
        credit.copyDone();
        repository.create(credit);
        SubscriptionKey copying = appleKey();
        Subscription behind = Subscription.open(copying, List.of(), NOW);
        behind.attach(ann, null, NOW);
        repository.create(behind);
        SubscriptionKey nobodys = appleKey();
        Subscription ownerless = Subscription.open(nobodys, List.of(), NOW);
        ownerless.observe(new StoreView("claim", NOW, State.PAID, "sku", null, NOW.plusSeconds(1), null, true, null, null, null,
                new StoreView.Period("tx-" + nobodys.chain(), NOW, NOW, true), null, null, null, "Sandbox"), PLAN, "t", NOW);
        repository.create(ownerless);

        Set<SubscriptionKey> due = new HashSet<>();
        repository.due(far, 1000).forEach(s -> due.add(s.key()));
        assertTrue(due.containsAll(Set.of(expiring, owing, copying)), due.toString());
        assertTrue(!due.contains(nobodys), "nobody's subscription waits for its owner");
        Set<SubscriptionKey> early = new HashSet<>();
        repository.due(far.minusSeconds(11), 1000).forEach(s -> early.add(s.key()));
        assertTrue(early.contains(owing) && early.contains(copying) && !early.contains(expiring), early.toString());

        Subscription settled = repository.find(owing).orElseThrow();
        settled.walletDone("tx-" + owing.chain(), SubscriptionPeriod.CreditState.DUE, 0, NOW);
        repository.update(settled);
        Set<SubscriptionKey> after = new HashSet<>();
        repository.due(far.minusSeconds(11), 1000).forEach(s -> after.add(s.key()));
        assertTrue(!after.contains(owing), "nothing left to do");
    }
}
