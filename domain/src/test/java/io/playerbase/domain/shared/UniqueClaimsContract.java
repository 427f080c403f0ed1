package io.playerbase.domain.shared;

import io.playerbase.domain.shared.UniqueClaims.Claim;
import io.playerbase.domain.shared.UniqueClaims.ClaimKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules every {@link UniqueClaims} keeps: the in-memory fake, the embedded store and a real
 * MongoDB. A subclass gives the store; what a store writes to its database is its own test's business.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class UniqueClaimsContract {

    protected static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    protected UniqueClaims claims;

    /** The store under test, once per test class. */
    protected abstract UniqueClaims createStore();

    /** Releases what {@link #createStore()} started. */
    protected void closeStore() {
    }

    @BeforeAll
    void startStore() {
        claims = createStore();
    }

    @AfterAll
    void stopStore() {
        closeStore();
    }

    protected static ClaimKey newKey(String kind) {
        return new ClaimKey(kind, "k1:" + UUID.randomUUID());
    }

    private static String owner() {
        return UUID.randomUUID().toString();
    }

    @Test
    void theFirstClaimantWinsAndTheSameOwnerMayClaimAgain() {
        ClaimKey key = newKey("email");
        String ann = owner();
        String bob = owner();
        assertTrue(claims.claim(key, ann, NOW));
        assertFalse(claims.claim(key, bob, NOW), "taken by another owner");
        assertTrue(claims.claim(key, ann, NOW), "a repeat by the owner is fine");
        Claim stored = claims.find(key).orElseThrow();
        assertEquals(ann, stored.owner());
        assertTrue(stored.pending(), "pending until the owner's write is confirmed");
        assertEquals(key, stored.key());
    }

    @Test
    void confirmHoldsTheClaimAndOnlyTheOwnerConfirms() {
        ClaimKey key = newKey("username");
        String ann = owner();
        claims.claim(key, ann, NOW);
        claims.confirm(key, owner());
        assertTrue(claims.find(key).orElseThrow().pending(), "a stranger confirms nothing");
        claims.confirm(key, ann);
        assertFalse(claims.find(key).orElseThrow().pending());
        assertTrue(claims.claim(key, ann, NOW), "the holder may claim again");
        assertFalse(claims.find(key).orElseThrow().pending(), "claiming again keeps it held");
    }

    @Test
    void onlyTheOwnerReleasesAndThenTheKeyIsFree() {
        ClaimKey key = newKey("email");
        String ann = owner();
        String bob = owner();
        claims.claim(key, ann, NOW);
        claims.confirm(key, ann);
        claims.release(key, bob);
        assertEquals(ann, claims.find(key).orElseThrow().owner(), "never freed by a stranger");
        claims.release(key, ann);
        assertEquals(Optional.empty(), claims.find(key));
        assertTrue(claims.claim(key, bob, NOW), "free again");
        claims.release(key, ann);
        assertEquals(bob, claims.find(key).orElseThrow().owner(), "the old owner cannot free the new owner's claim");
    }

    @Test
    void startReleaseMakesAHeldClaimPendingAgain() {
        ClaimKey key = newKey("username");
        String ann = owner();
        claims.claim(key, ann, NOW);
        claims.confirm(key, ann);
        claims.startRelease(key, owner(), NOW.plusSeconds(5));
        assertFalse(claims.find(key).orElseThrow().pending(), "a stranger starts nothing");
        claims.startRelease(key, ann, NOW.plusSeconds(5));
        Claim releasing = claims.find(key).orElseThrow();
        assertTrue(releasing.pending());
        assertEquals(NOW.plusSeconds(5), releasing.since());
        assertFalse(claims.claim(key, owner(), NOW), "still taken while it is being released");
        claims.confirm(key, ann);
        assertFalse(claims.find(key).orElseThrow().pending(), "a refused change confirms the old key again");
    }

    @Test
    void settlingConfirmsWhatTheOwnerHoldsAndFreesTheRest() {
        String kind = "contract_" + UUID.randomUUID().toString().substring(0, 8).replaceAll("[0-9-]", "x");
        ClaimKey held = newKey(kind);
        ClaimKey abandoned = newKey(kind);
        ClaimKey recent = newKey(kind);
        ClaimKey confirmed = newKey(kind);
        ClaimKey otherKind = newKey("other_kind");
        String ann = owner();
        claims.claim(held, ann, NOW.minusSeconds(3600));
        claims.claim(abandoned, ann, NOW.minusSeconds(3600));
        claims.claim(recent, ann, NOW);
        claims.claim(confirmed, ann, NOW.minusSeconds(3600));
        claims.confirm(confirmed, ann);
        claims.claim(otherKind, ann, NOW.minusSeconds(3600));
        Set<String> asked = new HashSet<>();
        ClaimHolder holder = new ClaimHolder() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public boolean holds(String owner, String value) {
                asked.add(value);
                return owner.equals(ann) && value.equals(held.value());
            }
        };

        int settled = claims.settlePending(NOW.minusSeconds(60), Map.of(kind, holder));

        assertEquals(2, settled);
        assertEquals(Set.of(held.value(), abandoned.value()), asked, "only pending claims older than the cut-off");
        assertFalse(claims.find(held).orElseThrow().pending(), "the owner holds it: confirmed");
        assertEquals(Optional.empty(), claims.find(abandoned), "the owner does not hold it: freed");
        assertTrue(claims.find(recent).orElseThrow().pending(), "too recent: an owner write may still be running");
        assertFalse(claims.find(confirmed).orElseThrow().pending());
        assertTrue(claims.find(otherKind).orElseThrow().pending(), "no holder for that kind: left alone");
        claims.release(otherKind, ann);
    }

    @Test
    void sixteenConcurrentClaimantsOfOneKeyGetExactlyOneWinner() throws Exception {
        ClaimKey key = newKey("email");
        int claimants = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(claimants);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < claimants; i++) {
                String owner = "owner-" + i;
                Callable<Boolean> task = () -> {
                    start.await();
                    return claims.claim(key, owner, NOW);
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get() ? 1 : 0;
            }
            assertEquals(1, winners);
        } finally {
            pool.shutdownNow();
        }
    }
}
