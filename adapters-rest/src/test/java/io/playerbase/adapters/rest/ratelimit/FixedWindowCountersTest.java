package io.playerbase.adapters.rest.ratelimit;

import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixedWindowCountersTest {

    /** A clock the test moves by hand: no sleeping, no timing in assertions. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final RateLimitPolicy threePerMinute = RateLimitPolicy.parse("test", "3/1m");

    @Test
    void theLimitHoldsWithinAWindowAndResetsAfterIt() {
        FixedWindowCounters counters = new FixedWindowCounters(100, clock);
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), counters.hit(threePerMinute, "a"));
        }
        clock.advance(Duration.ofSeconds(20));
        assertEquals(Optional.of(Duration.ofSeconds(40)), counters.hit(threePerMinute, "a"), "retry when the window ends");
        assertEquals(Optional.empty(), counters.hit(threePerMinute, "b"), "keys are independent");
        clock.advance(Duration.ofSeconds(40));
        assertEquals(Optional.empty(), counters.hit(threePerMinute, "a"));
    }

    @Test
    void exhaustionIsVisibleWithoutCounting() {
        FixedWindowCounters counters = new FixedWindowCounters(100, clock);
        counters.hit(threePerMinute, "a");
        counters.hit(threePerMinute, "a");
        assertEquals(Optional.empty(), counters.exhausted(threePerMinute, "a"));
        assertEquals(Optional.empty(), counters.exhausted(threePerMinute, "a"), "asking does not count");
        counters.hit(threePerMinute, "a");
        assertEquals(Optional.of(Duration.ofMinutes(1)), counters.exhausted(threePerMinute, "a"));
    }

    @Test
    void memoryIsBoundedExpiredWindowsMakeRoomAndAFullTableFailsClosed() {
        FixedWindowCounters counters = new FixedWindowCounters(2, clock);
        counters.hit(threePerMinute, "a");
        counters.hit(threePerMinute, "b");
        assertTrue(counters.hit(threePerMinute, "c").isPresent(), "no room for a third live key");
        assertEquals(Optional.empty(), counters.hit(threePerMinute, "a"), "known keys keep counting");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(Optional.empty(), counters.hit(threePerMinute, "c"), "expired windows were purged");
        assertEquals(1, counters.size());
    }

    @Test
    void policiesParseTheirShortForm() {
        assertEquals(new RateLimitPolicy("x", 10, Duration.ofMinutes(15)), RateLimitPolicy.parse("x", "10/15m"));
        assertEquals(Duration.ofHours(1), RateLimitPolicy.parse("x", " 5/1h ").window());
        assertEquals(Duration.ofDays(1), RateLimitPolicy.parse("x", "5/1d").window());
        assertEquals(Duration.ofSeconds(30), RateLimitPolicy.parse("x", "5/30s").window());
        for (String bad : new String[]{"10", "10/m", "ten/1m", "0/1m", "10/0m", "10/1w"}) {
            assertThrows(IllegalArgumentException.class, () -> RateLimitPolicy.parse("x", bad), bad);
        }
    }

    @Test
    void forwardedAddressesAreTrustedOnlyWhenConfiguredAndThenTheNearestHop() {
        HttpRequest<?> request = HttpRequest.GET("/").header("X-Forwarded-For", "6.6.6.6, 10.0.0.7 , ");
        assertEquals("10.0.0.7", new ClientAddresses("X-Forwarded-For").of(request));
        assertEquals(new ClientAddresses("").of(HttpRequest.GET("/")), new ClientAddresses(null).of(request),
                "without configuration the header is ignored");
    }

    @Test
    void accountsAreNormalizedLikeTheBlindIndex() {
        assertEquals(AuthRateLimits.account("ann@example.com"), AuthRateLimits.account("  ANN@Example.COM "));
        assertEquals(AuthRateLimits.account("ann"), AuthRateLimits.account("ａｎｎ"), "fullwidth folds under NFKC");
    }
}
