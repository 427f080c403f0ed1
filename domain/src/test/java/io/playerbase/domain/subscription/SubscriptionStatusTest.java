package io.playerbase.domain.subscription;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Premium at the boundary instants: a period and a grace period end exactly at their end, by the clock. */
class SubscriptionStatusTest {

    private static final Instant EXPIRY = Instant.parse("2027-01-01T00:00:00Z");
    private static final Instant GRACE_END = EXPIRY.plus(Duration.ofDays(16));
    private static final Duration MS = Duration.ofMillis(1);

    @Test
    void anActiveOrCancelledPeriodGrantsPremiumUpToTheMillisecondBeforeItsExpiry() {
        for (SubscriptionStatus running : new SubscriptionStatus[]{SubscriptionStatus.ACTIVE, SubscriptionStatus.CANCELLED}) {
            assertEquals(running, running.at(EXPIRY.minus(MS), EXPIRY, null));
            assertTrue(running.at(EXPIRY.minus(MS), EXPIRY, null).premium());
            assertEquals(SubscriptionStatus.EXPIRED, running.at(EXPIRY, EXPIRY, null));
            assertFalse(running.at(EXPIRY, EXPIRY, null).premium());
            assertFalse(running.at(EXPIRY.plus(MS), EXPIRY, null).premium());
        }
    }

    @Test
    void graceGrantsPremiumUntilItsEndThenTheSubscriptionIsOnHold() {
        assertTrue(SubscriptionStatus.GRACE.at(GRACE_END.minus(MS), EXPIRY, GRACE_END).premium());
        assertEquals(SubscriptionStatus.ON_HOLD, SubscriptionStatus.GRACE.at(GRACE_END, EXPIRY, GRACE_END));
        assertFalse(SubscriptionStatus.GRACE.at(GRACE_END.plus(MS), EXPIRY, GRACE_END).premium());
        assertFalse(SubscriptionStatus.GRACE.at(EXPIRY, EXPIRY, null).premium(), "a grace without an end grants nothing");
    }

    @Test
    void theOtherStatusesNeverGrantPremiumAndDoNotChangeByTime() {
        for (SubscriptionStatus status : new SubscriptionStatus[]{SubscriptionStatus.NONE, SubscriptionStatus.ON_HOLD,
                SubscriptionStatus.PAUSED, SubscriptionStatus.EXPIRED}) {
            assertEquals(status, status.at(EXPIRY.minus(MS), EXPIRY, GRACE_END));
            assertFalse(status.at(EXPIRY.minus(MS), EXPIRY, GRACE_END).premium());
        }
    }

    @Test
    void wireNamesRoundTripAndAnOlderSystemsNamesReadAsNone() {
        for (SubscriptionStatus status : SubscriptionStatus.values()) {
            assertEquals(status, SubscriptionStatus.fromWire(status.wire()));
        }
        assertEquals("on_hold", SubscriptionStatus.ON_HOLD.wire());
        assertEquals(SubscriptionStatus.NONE, SubscriptionStatus.fromWire("inactive"));
        assertEquals(SubscriptionStatus.NONE, SubscriptionStatus.fromWire(null));
    }
}
