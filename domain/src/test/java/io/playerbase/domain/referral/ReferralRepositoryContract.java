package io.playerbase.domain.referral;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link ReferralRepository} and {@link ReferralListing} do: run on the in-memory fake, the
 * embedded store and Testcontainers.
 */
public abstract class ReferralRepositoryContract {

    protected static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    private static final ReferralCode CODE = new ReferralCode("K7M2QX9P");

    protected ReferralRepository referrals;
    protected ReferralListing listing;

    /** Sets {@link #referrals} and {@link #listing}. */
    protected abstract void createPorts();

    /** An account the listing can name, with this username. */
    protected abstract UserId newAccount(String username);

    /** A link of the old system, stored as the migration stores it. */
    protected abstract void storeLegacyLink(UserId referee, UserId referrer, ReferralCode code);

    protected void closePorts() {
    }

    @BeforeEach
    void open() {
        createPorts();
    }

    @AfterEach
    void close() {
        closePorts();
    }

    @Test
    void aReferralIsStoredOncePerReferredAccountAndReadBackWhole() {
        UserId ann = newAccount("ann");
        UserId bob = newAccount("bob");
        Referral referral = Referral.redeem(bob, ann, CODE, NOW);
        assertTrue(referrals.insert(referral));
        assertFalse(referrals.insert(Referral.redeem(bob, newAccount("cat"), CODE, NOW)), "bob is referred once");

        Referral found = referrals.find(bob).orElseThrow();
        assertEquals(referral.storedState(), found.storedState());
        assertEquals(Optional.empty(), referrals.find(ann));
    }

    @Test
    void everyStepIsStoredWithItsVersionAndAStaleCopyIsRefused() {
        UserId ann = newAccount("ann");
        UserId bob = newAccount("bob");
        Referral referral = Referral.redeem(bob, ann, CODE, NOW);
        referrals.insert(referral);
        Referral stale = referrals.find(bob).orElseThrow();

        referral.markLinked(NOW);
        referral.qualify(new Qualification(Qualification.Kind.PURCHASE, "650000000000000000000001", NOW), 500, 200,
                Duration.ofDays(14), NOW);
        referrals.update(referral);
        stale.markLinked(NOW);
        assertThrows(Conflict.class, () -> referrals.update(stale));

        referral.startPaying(NOW.plus(Duration.ofDays(15)));
        referrals.update(referral);
        referral.completePayment(Optional.empty(), Optional.of("account-deleted"), NOW.plus(Duration.ofDays(15)));
        referrals.update(referral);
        referral.requestReversal(Side.REFERRER, "fraud", "Self-referral", Actor.system("req-1"), NOW.plus(Duration.ofDays(16)));
        referrals.update(referral);
        referral.completeReversal(Side.REFERRER, NOW.plus(Duration.ofDays(16)));
        referrals.update(referral);

        Referral found = referrals.find(bob).orElseThrow();
        assertEquals(referral.storedState(), found.storedState());
        assertEquals(Reward.State.REVERSED, found.reward(Side.REFERRER).state());
        assertEquals("account-deleted", found.reward(Side.REFEREE).forfeitCode());
    }

    @Test
    void pendingReferralsAreFoundAmongAGroupOfAccountsInOneRead() {
        UserId ann = newAccount("ann");
        UserId bob = newAccount("bob");
        UserId cat = newAccount("cat");
        UserId dan = newAccount("dan");
        referrals.insert(Referral.redeem(bob, ann, CODE, NOW));
        Referral qualified = Referral.redeem(cat, ann, CODE, NOW);
        referrals.insert(qualified);
        qualified.qualify(new Qualification(Qualification.Kind.MATCH, "m-1", NOW), 1, 1, Duration.ZERO, NOW);
        referrals.update(qualified);

        List<Referral> pending = referrals.pendingAmong(List.of(ann, bob, cat, dan));
        assertEquals(List.of(bob), pending.stream().map(Referral::id).toList());
    }

    @Test
    void workIsDueWhenItsTimeComesAndNotBefore() {
        UserId ann = newAccount("ann");
        UserId bob = newAccount("bob");
        UserId cat = newAccount("cat");
        Referral linkedAndPending = Referral.redeem(bob, ann, CODE, NOW);
        referrals.insert(linkedAndPending);
        linkedAndPending.markLinked(NOW);
        referrals.update(linkedAndPending);
        Referral held = Referral.redeem(cat, ann, CODE, NOW);
        referrals.insert(held);
        held.markLinked(NOW);
        held.qualify(new Qualification(Qualification.Kind.PURCHASE, "p-1", NOW), 5, 5, Duration.ofDays(14), NOW);
        referrals.update(held);
        UserId dan = newAccount("dan");
        referrals.insert(Referral.redeem(dan, ann, CODE, NOW.plusSeconds(60)));

        assertEquals(List.of(), referrals.workDueBefore(NOW.minusSeconds(1), 10));
        assertEquals(List.of(dan), referrals.workDueBefore(NOW.plusSeconds(60), 10).stream().map(Referral::id).toList());
        assertEquals(List.of(dan, cat), referrals.workDueBefore(NOW.plus(Duration.ofDays(14)), 10).stream()
                .map(Referral::id).toList());
        assertEquals(1, referrals.workDueBefore(NOW.plus(Duration.ofDays(14)), 1).size());
    }

    @Test
    void theCountOfAReferrerLeavesLinksOfTheOldSystemOut() {
        UserId ann = newAccount("ann");
        referrals.insert(Referral.redeem(newAccount("bob"), ann, CODE, NOW));
        referrals.insert(Referral.redeem(newAccount("cat"), ann, CODE, NOW));
        storeLegacyLink(newAccount("old"), ann, new ReferralCode("REF1A"));
        referrals.insert(Referral.redeem(newAccount("dan"), newAccount("eve"), CODE, NOW));
        assertEquals(2, referrals.countReferredBy(ann));
    }

    @Test
    void theListingPagesAReferrersLinksNewestFirstWithUsernamesOnly() {
        UserId ann = newAccount("ann");
        List<UserId> referred = new ArrayList<>();
        int offset = 0;
        for (String name : List.of("bob", "cat", "dan", "eve", "fay")) {
            UserId id = newAccount(name);
            referred.add(id);
            referrals.insert(Referral.redeem(id, ann, CODE, NOW.plusSeconds(offset++)));
        }
        Page<ReferralLink> first = listing.referredBy(ann, PageRequest.first(3));
        assertEquals(List.of("fay", "eve", "dan"), first.items().stream().map(ReferralLink::username).toList());
        Page<ReferralLink> second = listing.referredBy(ann, new PageRequest(first.nextCursor(), 3));
        assertEquals(List.of("cat", "bob"), second.items().stream().map(ReferralLink::username).toList());
        assertNull(second.nextCursor());

        ReferralLink mine = listing.referralOf(referred.get(0)).orElseThrow();
        assertEquals("ann", mine.username());
        assertEquals(ann, mine.referral().referrer());
        assertEquals(Optional.empty(), listing.referralOf(ann));
    }
}
