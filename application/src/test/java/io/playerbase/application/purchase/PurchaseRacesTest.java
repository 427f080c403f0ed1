package io.playerbase.application.purchase;

import io.playerbase.application.referral.ReferralTestModule;
import io.playerbase.application.purchase.port.in.ClaimPurchaseUseCase;
import io.playerbase.application.purchase.port.in.CreateProductUseCase;
import io.playerbase.application.purchase.port.in.PurchaseView;
import io.playerbase.application.wallet.MoneyMovements;
import io.playerbase.domain.purchase.NotificationDelivery;
import io.playerbase.domain.purchase.ProductKind;
import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.PurchaseId;
import io.playerbase.domain.purchase.PurchaseModule;
import io.playerbase.domain.purchase.PurchaseRepository;
import io.playerbase.domain.purchase.PurchaseStatus;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.StoreNotification;
import io.playerbase.domain.purchase.StoreNotificationLog;
import io.playerbase.domain.purchase.VerifiedPurchase;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.DomainException;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.InMemoryLedger;
import io.playerbase.domain.testing.InMemoryProductCatalog;
import io.playerbase.domain.testing.InMemoryPurchaseModule;
import io.playerbase.domain.testing.InMemoryPurchaseRepository;
import io.playerbase.domain.testing.InMemoryStoreNotificationLog;
import io.playerbase.domain.testing.InMemoryWalletRepository;
import io.playerbase.domain.testing.MutableClock;
import io.playerbase.domain.testing.PurchaseFixtures;
import io.playerbase.domain.wallet.LedgerVerifier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.playerbase.domain.testing.PurchaseFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Store notifications about one purchase racing each other, and a claim racing a refund and dying half-way,
 * on the fakes. Whatever the interleaving, the purchase ends as the store's latest word (by the store's
 * time) says, every round's money moves exactly once, and what a crash left is finished by the recovery
 * pass as the notification log says (docs/purchases.md, "Order").
 */
class PurchaseRacesTest {

    private static final String COINS_SKU = "com.example.coins500";
    private static final String PREMIUM_SKU = "com.example.premium_monthly";

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryWalletRepository wallets = new InMemoryWalletRepository();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final InMemoryProductCatalog catalog = new InMemoryProductCatalog();
    private final InMemoryPurchaseRepository purchases = new InMemoryPurchaseRepository();
    private final InMemoryPurchaseModule module = new InMemoryPurchaseModule();
    private final InMemoryStoreNotificationLog notificationLog = new InMemoryStoreNotificationLog();
    private final FakeStores.Notifications appleNotifications = new FakeStores.Notifications(Store.APP_STORE);
    private final FakeStores.Receipts apple = new FakeStores.Receipts(Store.APP_STORE);
    private final StoreVerifiers verifiers = new StoreVerifiers(List.of(apple), List.of(appleNotifications), () -> false);
    private final AtomicLong transactions = new AtomicLong(3_000_000);

    private final Instance one = new Instance(purchases, notificationLog, module);

    /** One service instance over the given ports (the shared fakes, or the fakes seen through a wrapper). */
    private final class Instance {
        final PurchaseCompletion completion;
        final ClaimPurchaseService claim;
        final HandleStoreNotificationService notifications;
        final RecoverPurchasesService recovery;

        Instance(PurchaseRepository purchases, StoreNotificationLog log, PurchaseModule module) {
            FakeStores.Metrics metrics = new FakeStores.Metrics();
            completion = new PurchaseCompletion(purchases, module, new MoneyMovements(wallets, ledger, clock),
                    ReferralTestModule.empty(clock).qualification, clock);
            claim = new ClaimPurchaseService(verifiers, catalog, purchases, log, module, completion, metrics,
                    new FakeStores.NoSubscriptions(), clock);
            notifications = new HandleStoreNotificationService(verifiers, log, purchases, completion, metrics,
                    new FakeStores.NoSubscriptions(), clock);
            recovery = new RecoverPurchasesService(purchases, completion, log, notifications, clock);
        }
    }

    PurchaseRacesTest() {
        CreateProductService products = new CreateProductService(catalog, clock);
        products.create(CreateProductUseCase.Command.of("coins_500", "500 coins", "credits_pack", 500L, null, null,
                Map.of("app_store", COINS_SKU)));
        products.create(CreateProductUseCase.Command.of("premium_monthly", "Premium", "subscription", null, "premium", "P1M",
                Map.of("app_store", PREMIUM_SKU)));
    }

    /** One notification about a purchase: what Apple says of it and when. */
    private record Word(String type, Instant sentAt) {
        boolean refund() {
            return type.equals("REFUND");
        }
    }

    private static final Word REFUND_AT_10 = new Word("REFUND", NOW.plusSeconds(10));
    private static final Word REVERSED_AT_20 = new Word("REFUND_REVERSED", NOW.plusSeconds(20));
    private static final Word REFUND_AT_30 = new Word("REFUND", NOW.plusSeconds(30));

    private static String notificationId(Word word, VerifiedPurchase purchase) {
        return word.type() + "@" + word.sentAt().getEpochSecond() + "-" + purchase.storeTransactionId();
    }

    private NotificationDelivery appleSays(Word word, VerifiedPurchase purchase) {
        VerifiedPurchase said = word.refund() ? PurchaseFixtures.revoked(purchase, word.sentAt()) : purchase;
        String id = notificationId(word, purchase);
        return appleNotifications.issue("body-" + id, new StoreNotification(Store.APP_STORE, id, word.type(), null,
                word.sentAt(), "Sandbox", said, null, "{}"));
    }

    private VerifiedPurchase appStorePurchase(ProductKind kind) {
        return PurchaseFixtures.verified(Store.APP_STORE, Long.toString(transactions.incrementAndGet()),
                kind == ProductKind.CREDITS_PACK ? COINS_SKU : PREMIUM_SKU, kind);
    }

    private ClaimPurchaseUseCase.Command claimOf(UserId owner, VerifiedPurchase verified) {
        String jws = "jws-" + verified.storeTransactionId();
        apple.issue(jws, verified);
        return ClaimPurchaseUseCase.Command.of(owner, "app_store", jws, null, null, null, Actor.player(owner, "req"));
    }

    private VerifiedPurchase bought(UserId owner) {
        VerifiedPurchase verified = appStorePurchase(ProductKind.CREDITS_PACK);
        assertEquals("granted", one.claim.claim(claimOf(owner, verified)).status());
        return verified;
    }

    private Purchase recorded(VerifiedPurchase verified) {
        return purchases.findByStoreTransaction(Store.APP_STORE, verified.storeTransactionId()).orElseThrow();
    }

    /**
     * The purchase is what the latest word says, its money is where that leaves it, and the ledger holds each
     * round's movements exactly once: round 0 granted ({@code purchase:}), every later round granted
     * ({@code reinstate:…:n}) only after the previous one was taken back ({@code refund:…}), the last one
     * taken back only if the purchase ends refunded.
     */
    private void assertEndsAt(Word latest, UserId owner, VerifiedPurchase verified, String context) {
        Purchase purchase = recorded(verified);
        String tx = "app_store:" + verified.storeTransactionId();
        assertEquals(latest.refund() ? PurchaseStatus.REFUNDED : PurchaseStatus.GRANTED, purchase.status(), context);
        assertEquals(latest.refund() ? 0 : 500, wallets.find(owner).orElseThrow().balance(), context);
        assertEquals(0, wallets.find(owner).orElseThrow().debt(), context);
        List<String> expected = new ArrayList<>();
        for (int round = 0; round <= purchase.reinstatements(); round++) {
            expected.add(round == 0 ? "purchase:" + tx : "reinstate:" + tx + ":" + round);
            if (round < purchase.reinstatements() || latest.refund()) {
                expected.add(round == 0 ? "refund:" + tx : "refund:" + tx + ":" + round);
            }
        }
        assertEquals(expected, ledger.all(owner).stream().map(entry -> entry.operationId().value())
                .filter(id -> !id.startsWith("debt-settlement:")).toList(), context);
        LedgerVerifier verifier = new LedgerVerifier(wallets.find(owner).orElseThrow());
        ledger.all(owner).forEach(verifier::accept);
        assertTrue(verifier.finish().consistent(), context + ": the ledger explains balance and debt");
    }

    @Test
    void aRefundAndItsReversalEndAtTheStoresLatestWordWhereverOneRunsInsideTheOther() {
        for (boolean refundHosts : List.of(true, false)) {
            Word host = refundHosts ? REFUND_AT_10 : REVERSED_AT_20;
            Word guest = refundHosts ? REVERSED_AT_20 : REFUND_AT_10;
            for (int at = 1; ; at++) {
                UserId ann = wallets.addUser();
                VerifiedPurchase verified = bought(ann);
                NotificationDelivery guestDelivery = appleSays(guest, verified);
                List<String> outcomes = new ArrayList<>();
                // The guest is handled from start to end by another instance just before the host's at-th call
                // to the purchase store or the notification log: between its log check and its lookup, between
                // the lookup and its write, between two writes…
                Guest guestRun = new Guest(at, () -> outcomes.add(guest.type() + ":" + one.notifications.handle(guestDelivery)));
                Instance hosting = new Instance(new SeenByHost(purchases, guestRun), new LogSeenByHost(notificationLog, guestRun),
                        module);
                outcomes.add(0, host.type() + ":" + hosting.notifications.handle(appleSays(host, verified)));
                boolean inside = guestRun.ran();
                if (!inside) {
                    outcomes.add(guest.type() + ":" + one.notifications.handle(guestDelivery));
                }
                String context = host.type() + " with " + guest.type() + (inside ? " before its call " + at : " after it")
                        + ": " + outcomes;
                assertEndsAt(REVERSED_AT_20, ann, verified, context);
                assertTrue(Set.of("REFUND:refunded", "REFUND:ignored:out-of-order").containsAll(outcomes.stream()
                        .filter(o -> o.startsWith("REFUND:")).toList()), context);
                if (!inside) {
                    break;
                }
            }
        }
    }

    @Test
    void refundsAndReversalsHandledConcurrentlyOnTwoInstancesEndAtTheStoresLatestWordWithMoneyMovedOncePerRound()
            throws Exception {
        // Both instances see the stores through a wrapper that yields the processor before every call, so that
        // the threads interleave as much as they can.
        Instance two = new Instance(new SeenByHost(purchases, Guest.YIELD), new LogSeenByHost(notificationLog, Guest.YIELD),
                module);
        Instance three = new Instance(new SeenByHost(purchases, Guest.YIELD), new LogSeenByHost(notificationLog, Guest.YIELD),
                module);
        List<List<Word>> sets = List.of(List.of(REFUND_AT_10, REVERSED_AT_20), List.of(REFUND_AT_10, REVERSED_AT_20, REFUND_AT_30));
        Random random = new Random(42);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int run = 0; run < 200; run++) {
                List<Word> words = new ArrayList<>(sets.get(run % 2));
                Word latest = words.get(words.size() - 1);
                Collections.shuffle(words, random);
                UserId ann = wallets.addUser();
                VerifiedPurchase verified = bought(ann);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> outcomes = new ArrayList<>();
                for (int i = 0; i < words.size(); i++) {
                    Instance instance = i % 2 == 0 ? two : three;
                    NotificationDelivery delivery = appleSays(words.get(i), verified);
                    String type = words.get(i).type();
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        return type + ":" + instance.notifications.handle(delivery);
                    }));
                }
                start.countDown();
                List<String> answered = new ArrayList<>();
                for (Future<String> outcome : outcomes) {
                    answered.add(outcome.get());
                }
                assertEndsAt(latest, ann, verified, "run " + run + ", delivered as " + words + ": " + answered);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClaimThatDiesAfterRecordingAPurchaseTheStoreRefundedMeanwhileIsRefundedByTheRecoveryPass() {
        for (ProductKind kind : List.of(ProductKind.CREDITS_PACK, ProductKind.SUBSCRIPTION)) {
            for (int at = 1; ; at++) {
                UserId ann = wallets.addUser();
                VerifiedPurchase verified = appStorePurchase(kind);
                NotificationDelivery refund = appleSays(REFUND_AT_10, verified);
                Crash crash = new Crash(at);
                AtomicBoolean refunded = new AtomicBoolean();
                // The refund lands after the claim asked the log and before it recorded the purchase: its handler
                // finds no purchase. Then the claim dies at its at-th call after recording the purchase.
                StoreNotificationLog log = new LogSeenByHost(notificationLog, crash) {
                    @Override
                    public Optional<PurchaseEvent> latestAbout(Store store, String storeTransactionId) {
                        Optional<PurchaseEvent> seen = super.latestAbout(store, storeTransactionId);
                        if (!refunded.getAndSet(true)) {
                            assertEquals("ignored:unknown-purchase", one.notifications.handle(refund));
                        }
                        return seen;
                    }
                };
                Instance dying = new Instance(new SeenByHost(purchases, crash) {
                    @Override
                    public Purchase claim(Purchase candidate) {
                        Purchase stored = super.claim(candidate);
                        crash.arm();
                        return stored;
                    }
                }, log, new ModuleSeenByHost(module, crash));
                String context = kind + ", the claim dying at its call " + at + " after recording";
                boolean died;
                try {
                    PurchaseView answer = dying.claim.claim(claimOf(ann, verified));
                    assertEquals("refunded", answer.status(), "a claim that lives refunds it itself");
                    died = false;
                } catch (Crash.Died expected) {
                    died = true;
                }
                clock.advance(Duration.ofMinutes(1));
                one.recovery.recover();
                Purchase purchase = recorded(verified);
                assertEquals(PurchaseStatus.REFUNDED, purchase.status(), context);
                assertEquals("app_store", purchase.refund().orElseThrow().by(), context);
                if (kind == ProductKind.CREDITS_PACK) {
                    assertEndsAt(REFUND_AT_10, ann, verified, context);
                } else {
                    assertTrue(ledger.all(ann).isEmpty(), context + ": a subscription's record moves no money");
                }
                if (!died) {
                    break;
                }
                assertTrue(at < 50, "the claim keeps dying");
            }
        }
    }

    @Test
    void aClaimThatDiesBeforeItsGrantIsGrantedByTheRecoveryPassWhenTheStoreSaidNothing() {
        UserId ann = wallets.addUser();
        VerifiedPurchase verified = appStorePurchase(ProductKind.CREDITS_PACK);
        Crash crash = new Crash(1);
        Instance dying = new Instance(new SeenByHost(purchases, crash) {
            @Override
            public Purchase claim(Purchase candidate) {
                Purchase stored = super.claim(candidate);
                crash.arm();
                return stored;
            }
        }, notificationLog, module);
        assertThrows(Crash.Died.class, () -> dying.claim.claim(claimOf(ann, verified)));
        assertEquals(PurchaseStatus.GRANTING, recorded(verified).status());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(1, one.recovery.recover());
        assertEquals(PurchaseStatus.GRANTED, recorded(verified).status());
        assertEquals(500, wallets.find(ann).orElseThrow().balance());
    }

    @Test
    void randomInterleavingsOfRefundsTheirReversalAndTheClaimOnTwoInstancesWithCrashesEndAtTheStoresLatestWord() {
        // Seeded: a failure names its run, and the same seed replays the same interleaving.
        Random random = new Random(20_260_501L);
        Turns turns = new Turns();
        Instance two = new Instance(new SeenByHost(purchases, turns), new LogSeenByHost(notificationLog, turns),
                new ModuleSeenByHost(module, turns));
        Instance three = new Instance(new SeenByHost(purchases, turns), new LogSeenByHost(notificationLog, turns),
                new ModuleSeenByHost(module, turns));
        int crashed = 0;
        int interleaved = 0;
        for (int run = 0; run < 600; run++) {
            long seed = random.nextLong();
            Random r = new Random(seed);
            UserId ann = wallets.addUser();
            VerifiedPurchase verified = appStorePurchase(ProductKind.CREDITS_PACK);
            ClaimPurchaseUseCase.Command claim = claimOf(ann, verified);
            List<Word> words = new ArrayList<>(List.of(REFUND_AT_10, REVERSED_AT_20));
            if (r.nextBoolean()) {
                words.add(REFUND_AT_30);
            }
            Word latest = words.get(words.size() - 1);
            List<Turns.Job> jobs = new ArrayList<>();
            Instance claimer = r.nextBoolean() ? two : three;
            jobs.add(turns.job("claim", () -> claimer.claim.claim(claim).status()));
            for (Word word : words) {
                NotificationDelivery delivery = appleSays(word, verified);
                boolean onTwo = r.nextBoolean();
                jobs.add(turns.job(word.type() + "@" + word.sentAt().getEpochSecond() % 100,
                        () -> (onTwo ? two : three).notifications.handle(delivery)));
                if (r.nextInt(4) == 0) {
                    // The store delivers it again while the first delivery still runs, to the other instance.
                    jobs.add(turns.job(word.type() + "@" + word.sentAt().getEpochSecond() % 100 + " again",
                            () -> (onTwo ? three : two).notifications.handle(delivery)));
                }
            }
            List<String> outcomes = turns.run(jobs, r, 2);
            String context = "run " + run + " (seed " + seed + "): " + outcomes;
            crashed += (int) outcomes.stream().filter(o -> o.endsWith(":died")).count();
            interleaved++;

            // What the world does next: the store delivers again what was not answered (at once if the log never
            // stored it, else maybe later: the recovery pass comes first), the recovery pass runs, and a player
            // whose claim recorded nothing claims again (the app retries until answered).
            for (int i = 1; i < jobs.size(); i++) {
                Word word = words.get(wordIndex(jobs, i, words));
                boolean stored = notificationLog.received(Store.APP_STORE, notificationId(word, verified));
                if (outcomes.get(i).endsWith(":died") && (!stored || r.nextBoolean())) {
                    one.notifications.handle(appleSays(word, verified));
                }
            }
            clock.advance(Duration.ofMinutes(1));
            one.recovery.recover();
            if (purchases.findByStoreTransaction(Store.APP_STORE, verified.storeTransactionId()).isEmpty()) {
                try {
                    one.claim.claim(claim);
                } catch (RuleViolation refused) {
                    assertEquals("purchase-revoked", refused.code(), context);
                }
            }

            assertEquals(List.of(), notificationLog.unprocessed(clock.instant().plusSeconds(1), 10),
                    context + ": every notification applied and closed");
            Optional<Purchase> purchase = purchases.findByStoreTransaction(Store.APP_STORE, verified.storeTransactionId());
            if (purchase.isEmpty()) {
                assertTrue(latest.refund(), context + ": only a refunded purchase is refused to the end");
                assertTrue(ledger.all(ann).isEmpty(), context);
            } else {
                assertEndsAt(latest, ann, verified, context);
                assertTrue(purchase.get().reinstatements() <= 1, context + ": one reversal reinstates once at most");
                assertEquals(latest.sentAt(), purchase.get().word().orElseThrow().at(), context + ": keeps the latest word");
            }
        }
        assertTrue(crashed > 100, "the runs crashed jobs (" + crashed + " crashes in " + interleaved + " runs)");
    }

    /** Which word the i-th job delivered (jobs: the claim, then each word, maybe followed by its second delivery). */
    private static int wordIndex(List<Turns.Job> jobs, int i, List<Word> words) {
        String name = jobs.get(i).name.replace(" again", "");
        for (int w = 0; w < words.size(); w++) {
            if (name.equals(words.get(w).type() + "@" + words.get(w).sentAt().getEpochSecond() % 100)) {
                return w;
            }
        }
        throw new IllegalStateException(name);
    }

    @Test
    void aNotificationACrashLeftUnprocessedIsAppliedOnceByTheRecoveryPassAndClosed() {
        UserId ann = wallets.addUser();
        VerifiedPurchase verified = bought(ann);
        NotificationDelivery refund = appleSays(REFUND_AT_10, verified);
        Crash crash = new Crash(1);
        crash.arm();
        // The instance dies right after the log stored the notification, before it looked for the purchase.
        Instance dying = new Instance(purchases, new LogSeenByHost(notificationLog, Guest.NONE) {
            @Override
            public boolean receive(StoreNotification notification, Instant now) {
                boolean fresh = super.receive(notification, now);
                crash.beforeCall();
                return fresh;
            }
        }, module);
        assertThrows(Crash.Died.class, () -> dying.notifications.handle(refund));
        assertEquals(PurchaseStatus.GRANTED, recorded(verified).status(), "stored, not applied");

        assertEquals(0, one.recovery.recover(), "the pass takes nothing received within its grace period");
        assertEquals(PurchaseStatus.GRANTED, recorded(verified).status());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(1, one.recovery.recover());
        assertEquals(PurchaseStatus.REFUNDED, recorded(verified).status());
        String id = notificationId(REFUND_AT_10, verified);
        assertEquals("refunded", notificationLog.outcome(Store.APP_STORE, id));
        assertEquals("already-processed", one.notifications.handle(refund), "the store's redelivery changes nothing");
        assertEquals(0, one.recovery.recover(), "nothing left");
        assertEndsAt(REFUND_AT_10, ann, verified, "after the recovery pass");
    }

    @Test
    void aNotificationAboutAPurchaseNotRecordedYetStaysOpenUntilTheRecoveryPassLooksAgain() {
        UserId ann = wallets.addUser();
        VerifiedPurchase verified = appStorePurchase(ProductKind.CREDITS_PACK);
        NotificationDelivery reversal = appleSays(REVERSED_AT_20, verified);
        assertEquals("ignored:unknown-purchase", one.notifications.handle(appleSays(REFUND_AT_10, verified)));
        assertEquals("ignored:unknown-purchase", one.notifications.handle(reversal));
        assertEquals("ignored:unknown-purchase", one.notifications.handle(reversal), "open: applied again if delivered again");
        String id = notificationId(REVERSED_AT_20, verified);
        assertNull(notificationLog.outcome(Store.APP_STORE, id));

        clock.advance(Duration.ofMinutes(1));
        one.recovery.recover();
        assertEquals("ignored:unknown-purchase", notificationLog.outcome(Store.APP_STORE, id), "closed after the second look");
        assertEquals("already-processed", one.notifications.handle(reversal));
        assertEquals("granted", one.claim.claim(claimOf(ann, verified)).status(), "the log's latest word is the reversal");
        assertEndsAt(REVERSED_AT_20, ann, verified, "claimed after the reversal");
    }

    /** Runs a guest once, just before the host's at-th call to a store; or yields the processor before every call. */
    private static class Guest {
        static final Guest NONE = new Guest(0, () -> { });
        static final Guest YIELD = new Guest(0, Thread::yield) {
            @Override
            void beforeCall() {
                Thread.yield();
            }
        };

        private final int at;
        private final Runnable guest;
        private int calls;
        private boolean ran;

        Guest(int at, Runnable guest) {
            this.at = at;
            this.guest = guest;
        }

        void beforeCall() {
            if (++calls == at) {
                ran = true;
                guest.run();
            }
        }

        boolean ran() {
            return ran;
        }
    }

    /** The process dies (throws) just before its at-th call to a store once armed. */
    private static final class Crash extends Guest {
        private final int at;
        private boolean armed;
        private int calls;

        Crash(int at) {
            super(0, () -> { });
            this.at = at;
        }

        void arm() {
            armed = true;
        }

        @Override
        void beforeCall() {
            if (armed && ++calls == at) {
                armed = false;
                throw new Died();
            }
        }

        static final class Died extends RuntimeException {
            Died() {
                super("the process died");
            }
        }
    }

    /**
     * Runs jobs on threads of their own, but one at a time: before each call to a shared store a job waits for
     * its turn, and a seeded random picks whose turn comes, so the jobs interleave call by call, reproducibly.
     * A turn may be a crash instead: the job dies (throws) before that call, as its process would, leaving
     * whatever it wrote before.
     */
    private static final class Turns extends Guest {
        private final Semaphore parked = new Semaphore(0);
        private final ThreadLocal<Job> current = new ThreadLocal<>();

        Turns() {
            super(0, () -> { });
        }

        final class Job {
            final String name;
            final Callable<String> work;
            final Semaphore go = new Semaphore(0);
            boolean crash;
            boolean done;
            String outcome;
            Throwable failure;

            Job(String name, Callable<String> work) {
                this.name = name;
                this.work = work;
            }

            void run() {
                current.set(this);
                try {
                    beforeCall();
                    outcome = name + ":" + work.call();
                } catch (Crash.Died died) {
                    outcome = name + ":died";
                } catch (DomainException refused) {
                    outcome = name + ":" + refused.code();
                } catch (Throwable unexpected) {
                    failure = unexpected;
                } finally {
                    done = true;
                    parked.release();
                }
            }
        }

        Job job(String name, Callable<String> work) {
            return new Job(name, work);
        }

        @Override
        void beforeCall() {
            Job job = current.get();
            if (job == null) {
                return;
            }
            parked.release();
            job.go.acquireUninterruptibly();
            if (job.crash) {
                throw new Crash.Died();
            }
        }

        /** Runs the jobs to their end (or death), crashing at most {@code crashes} of them. @return their outcomes, in order */
        List<String> run(List<Job> jobs, Random random, int crashes) {
            List<Thread> threads = jobs.stream().map(job -> new Thread(job::run, "turns-" + job.name)).toList();
            threads.forEach(Thread::start);
            parked.acquireUninterruptibly(jobs.size());
            int crashesLeft = crashes;
            while (true) {
                List<Job> live = jobs.stream().filter(job -> !job.done).toList();
                if (live.isEmpty()) {
                    break;
                }
                Job next = live.get(random.nextInt(live.size()));
                if (crashesLeft > 0 && random.nextInt(10) == 0) {
                    next.crash = true;
                    crashesLeft--;
                }
                next.go.release();
                parked.acquireUninterruptibly();
            }
            for (Thread thread : threads) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            for (Job job : jobs) {
                if (job.failure != null) {
                    throw new AssertionError(job.name + " failed", job.failure);
                }
            }
            return jobs.stream().map(job -> job.outcome).toList();
        }
    }

    /** The purchase store as one instance sees it: the guest's turn comes before each call. */
    private static class SeenByHost implements PurchaseRepository {
        private final PurchaseRepository store;
        private final Guest guest;

        SeenByHost(PurchaseRepository store, Guest guest) {
            this.store = store;
            this.guest = guest;
        }

        @Override
        public Purchase claim(Purchase candidate) {
            guest.beforeCall();
            return store.claim(candidate);
        }

        @Override
        public void update(Purchase purchase) {
            guest.beforeCall();
            store.update(purchase);
        }

        @Override
        public Optional<Purchase> find(PurchaseId id) {
            guest.beforeCall();
            return store.find(id);
        }

        @Override
        public Optional<Purchase> findByStoreTransaction(Store s, String storeTransactionId) {
            guest.beforeCall();
            return store.findByStoreTransaction(s, storeTransactionId);
        }

        @Override
        public Page<Purchase> forUser(UserId userId, PageRequest page) {
            guest.beforeCall();
            return store.forUser(userId, page);
        }

        @Override
        public long countForUser(UserId userId) {
            guest.beforeCall();
            return store.countForUser(userId);
        }

        @Override
        public List<Purchase> unfinished(Instant before, int limit) {
            guest.beforeCall();
            return store.unfinished(before, limit);
        }
    }

    /** The notification log as one instance sees it. */
    private static class LogSeenByHost implements StoreNotificationLog {
        private final StoreNotificationLog log;
        private final Guest guest;

        LogSeenByHost(StoreNotificationLog log, Guest guest) {
            this.log = log;
            this.guest = guest;
        }

        @Override
        public boolean receive(StoreNotification notification, Instant now) {
            guest.beforeCall();
            return log.receive(notification, now);
        }

        @Override
        public void processed(Store store, String notificationId, String outcome, Instant now) {
            guest.beforeCall();
            log.processed(store, notificationId, outcome, now);
        }

        @Override
        public Optional<PurchaseEvent> latestAbout(Store store, String storeTransactionId) {
            guest.beforeCall();
            return log.latestAbout(store, storeTransactionId);
        }

        @Override
        public List<StoreNotification> unprocessed(Instant receivedBefore, int limit) {
            guest.beforeCall();
            return log.unprocessed(receivedBefore, limit);
        }
    }

    /** The module's counters and audit as one instance sees them. */
    private static final class ModuleSeenByHost implements PurchaseModule {
        private final PurchaseModule module;
        private final Guest guest;

        ModuleSeenByHost(PurchaseModule module, Guest guest) {
            this.module = module;
            this.guest = guest;
        }

        @Override
        public void noteCounters(UserId userId, long totalPurchases, Instant lastPurchaseAt, AuditEntry audit) {
            guest.beforeCall();
            module.noteCounters(userId, totalPurchases, lastPurchaseAt, audit);
        }

        @Override
        public void audit(AuditEntry audit) {
            guest.beforeCall();
            module.audit(audit);
        }
    }
}
