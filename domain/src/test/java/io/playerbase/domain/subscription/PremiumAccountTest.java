package io.playerbase.domain.subscription;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.subscription.StoreView.State;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.playerbase.domain.subscription.Views.PLAN;
import static io.playerbase.domain.subscription.Views.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Manual grants (reason, expiry, never touching a store subscription) and the account's copy of its subscription. */
class PremiumAccountTest {

    private static final UserId ANN = new UserId("650000000000000000000a01");
    private static final Actor ADMIN = new Actor("650000000000000000000f01", Actor.ActorRole.ADMIN, "req-1");

    private static PremiumAccount account() {
        return PremiumAccount.restore(ANN, false, List.of(), SubscriptionSummary.NONE, 0);
    }

    @Test
    void aGrantGivesPremiumUntilItsExpiryExclusive() {
        PremiumAccount account = account();
        Instant until = T0.plus(Duration.ofDays(30));
        PremiumGrant grant = account.grant("g-1", "goodwill", until, ADMIN, T0);
        assertEquals(ADMIN.id(), grant.grantedBy());
        assertTrue(grant.activeAt(until.minusMillis(1)));
        assertFalse(grant.activeAt(until));
        assertEquals(Optional.of(grant), account.activeGrant(T0));
        assertTrue(account.activeGrant(until).isEmpty());
    }

    @Test
    void aGrantNeedsAReasonAndAnExpiryInTheNextFiveYears() {
        PremiumAccount account = account();
        assertThrows(InvalidValue.class, () -> account.grant("g", "Good will!", T0.plusSeconds(60), ADMIN, T0));
        assertEquals("expires_at", assertThrows(InvalidValue.class, () -> account.grant("g", "goodwill", T0, ADMIN, T0))
                .fieldErrors().get(0).field());
        assertThrows(InvalidValue.class, () -> account.grant("g", "goodwill", null, ADMIN, T0));
        assertThrows(InvalidValue.class, () -> account.grant("g", "goodwill", T0.plus(PremiumAccount.MAX_GRANT).plusSeconds(1), ADMIN, T0));
        account.grant("g", "goodwill", T0.plus(PremiumAccount.MAX_GRANT), ADMIN, T0);
        assertEquals(1, account.grants().size());
        PremiumAccount erased = PremiumAccount.restore(ANN, true, List.of(), SubscriptionSummary.NONE, 3);
        assertEquals("account-deleted", assertThrows(RuleViolation.class,
                () -> erased.grant("g", "goodwill", T0.plusSeconds(60), ADMIN, T0)).code());
    }

    @Test
    void revokingEndsTheActiveGrantsOnlyAndSaysSoWhenThereIsNone() {
        PremiumAccount account = account();
        account.grant("g-1", "goodwill", T0.plus(Duration.ofDays(30)), ADMIN, T0);
        account.grant("g-2", "outage", T0.plus(Duration.ofDays(2)), ADMIN, T0);
        account.grant("g-3", "old", T0.plus(Duration.ofDays(1)), ADMIN, T0);
        Instant later = T0.plus(Duration.ofDays(1)).plusSeconds(1);
        List<PremiumGrant> ended = account.revokeGrants("mistake", ADMIN, later);
        assertEquals(List.of("g-1", "g-2"), ended.stream().map(PremiumGrant::id).toList());
        assertTrue(account.activeGrant(later).isEmpty());
        assertEquals("mistake", account.grants().get(0).revokeReason());
        assertTrue(account.grants().get(2).revokedAt() == null, "an expired grant is left as it ended");
        assertEquals("no-active-grant", assertThrows(RuleViolation.class,
                () -> account.revokeGrants("mistake", ADMIN, later)).code());
    }

    @Test
    void theCopyOfTheSubscriptionSaysWhichFieldsChanged() {
        PremiumAccount account = account();
        Subscription s = Subscription.open(new SubscriptionKey(SubscriptionStore.APP_STORE, "2000000001"), List.of(), T0);
        s.attach(ANN, "650000000000000000000c01", T0);
        s.observe(Views.paid(T0, "tx-1").build(), PLAN, "n", T0);
        SubscriptionSummary summary = SubscriptionSummary.of(List.of(s), Optional.empty(), T0);
        assertEquals("premium_monthly", summary.plan());
        assertEquals(SubscriptionStatus.ACTIVE, summary.status());
        assertEquals("app_store", summary.store());
        assertEquals(List.of("plan", "status", "started_at", "expires_at", "auto_renew", "source_purchase_id", "store"),
                account.project(summary));
        assertEquals(List.of(), account.project(summary));
        s.observe(Views.of(State.GRACE, T0.plusSeconds(10)).build(), PLAN, "n", T0);
        assertEquals(List.of("status", "expires_at", "grace_until"),
                account.project(SubscriptionSummary.of(List.of(s), Optional.empty(), T0.plusSeconds(10))));
        PremiumGrant grant = account.grant("g", "goodwill", T0.plus(Duration.ofDays(3)), ADMIN, T0);
        assertEquals(List.of("granted_until"), account.project(SubscriptionSummary.of(List.of(s), Optional.of(grant), T0.plusSeconds(10))));
        assertEquals(SubscriptionSummary.NONE, SubscriptionSummary.of(List.of(), Optional.empty(), T0));
    }
}
