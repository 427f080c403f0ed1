package io.playerbase.bootstrap.subscription;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The service's clock, moved by an end-to-end test (subscriptions end by the clock, not by a
 * notification). Replaces the service's {@link Clock} only where a test sets
 * {@code playerbase.test.settable-clock=true}; it starts at the real time and only moves forward, in
 * milliseconds like the service's own clock.
 */
public final class SettableClock extends Clock {

    private volatile Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    public void set(Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        now = instant.truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Factory
    @Requires(property = "playerbase.test.settable-clock", value = "true")
    static final class Wiring {
        @Singleton
        @Replaces(Clock.class)
        SettableClock clock() {
            return new SettableClock();
        }
    }
}
