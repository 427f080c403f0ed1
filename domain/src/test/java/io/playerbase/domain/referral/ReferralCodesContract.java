package io.playerbase.domain.referral;

import io.playerbase.domain.shared.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link ReferralCodes} does: run on the in-memory fake, the embedded store and Testcontainers. */
public abstract class ReferralCodesContract {

    protected static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    protected ReferralCodes codes;

    protected abstract ReferralCodes createCodes();

    protected void closeCodes() {
    }

    @BeforeEach
    void open() {
        codes = createCodes();
    }

    @AfterEach
    void close() {
        closeCodes();
    }

    @Test
    void aClaimedCodeBelongsToItsOwnerWhateverTheCase() {
        UserId ann = UserId.newId(NOW);
        assertTrue(codes.claim(new ReferralCode("K7M2QX9P"), ann, NOW));
        assertEquals(Optional.of(ann), codes.ownerOf(new ReferralCode("k7m2qx9p")));
        assertEquals(List.of(new ReferralCode("K7M2QX9P")), codes.ownedBy(ann));
        assertEquals(Optional.empty(), codes.ownerOf(new ReferralCode("ZZZZZZZZ")));
    }

    @Test
    void aCodeHasOneOwnerAndClaimingItAgainIsHarmless() {
        UserId ann = UserId.newId(NOW);
        UserId bob = UserId.newId(NOW);
        ReferralCode code = new ReferralCode("REF000123");
        assertTrue(codes.claim(code, ann, NOW));
        assertTrue(codes.claim(code, ann, NOW), "the owner's own retry");
        assertFalse(codes.claim(new ReferralCode("ref000123"), bob, NOW));
        assertEquals(Optional.of(ann), codes.ownerOf(code));
        assertEquals(List.of(), codes.ownedBy(bob));
    }

    @Test
    void onlyTheOwnerReleasesAClaim() {
        UserId ann = UserId.newId(NOW);
        UserId bob = UserId.newId(NOW);
        ReferralCode code = new ReferralCode("ABCD2345");
        codes.claim(code, ann, NOW);
        codes.release(code, bob);
        assertEquals(Optional.of(ann), codes.ownerOf(code));
        codes.release(code, ann);
        assertEquals(Optional.empty(), codes.ownerOf(code));
        assertTrue(codes.claim(code, bob, NOW), "a released code can be claimed again");
    }

    @Test
    void ofSixteenConcurrentClaimsOfOneCodeOneWins() throws Exception {
        ReferralCode code = new ReferralCode("RACE2345");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        List<UserId> owners = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                UserId owner = UserId.newId(NOW);
                owners.add(owner);
                results.add(pool.submit(() -> {
                    start.await();
                    return codes.claim(code, owner, NOW);
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get() ? 1 : 0;
            }
            assertEquals(1, won);
        } finally {
            pool.shutdownNow();
        }
        UserId owner = codes.ownerOf(code).orElseThrow();
        assertTrue(owners.contains(owner));
    }
}
