package io.playerbase.domain.subscription;

import io.playerbase.domain.subscription.StoreView.State;

import java.time.Duration;
import java.time.Instant;

/** Builds {@link StoreView}s for tests: a renewing monthly period unless a test says otherwise. */
final class Views {

    static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");
    static final Plan PLAN = new Plan("premium_monthly", 100);
    static final String SKU = "com.example.premium.monthly";

    private String event;
    private final Instant asOf;
    private final State state;
    private String sku = SKU;
    private Instant startedAt;
    private Instant expiresAt;
    private Instant graceUntil;
    private Boolean autoRenew = true;
    private Instant resumesAt;
    private Instant revokedAt;
    private String reason;
    private StoreView.Period period;
    private String refunded;
    private String reinstated;
    private String token;

    private Views(State state, Instant asOf) {
        this.state = state;
        this.asOf = asOf;
        this.event = state.name();
        this.startedAt = T0;
        this.expiresAt = asOf.plus(Duration.ofDays(30));
        if (state == State.GRACE) {
            this.graceUntil = asOf.plus(Duration.ofDays(16));
            this.expiresAt = asOf.minus(Duration.ofMinutes(1));
        }
        if (state == State.ON_HOLD || state == State.EXPIRED || state == State.PAUSED) {
            this.expiresAt = asOf.minus(Duration.ofMinutes(1));
        }
        if (state == State.REVOKED) {
            this.revokedAt = asOf;
            this.reason = "refund";
        }
        if (state == State.PAUSED) {
            this.resumesAt = asOf.plus(Duration.ofDays(30));
        }
        if (state == State.UNCHANGED) {
            this.sku = null;
            this.expiresAt = null;
            this.autoRenew = null;
            this.startedAt = null;
        }
    }

    static Views of(State state, Instant asOf) {
        return new Views(state, asOf);
    }

    static Views paid(Instant asOf, String transactionId) {
        return new Views(State.PAID, asOf).period(transactionId, asOf, asOf.plus(Duration.ofDays(30)));
    }

    Views event(String name) {
        this.event = name;
        return this;
    }

    Views sku(String value) {
        this.sku = value;
        return this;
    }

    Views expires(Instant value) {
        this.expiresAt = value;
        return this;
    }

    Views grace(Instant value) {
        this.graceUntil = value;
        return this;
    }

    Views autoRenew(Boolean value) {
        this.autoRenew = value;
        return this;
    }

    Views period(String transactionId, Instant startsAt, Instant endsAt) {
        this.period = new StoreView.Period(transactionId, startsAt, endsAt, true);
        return this;
    }

    Views trial(String transactionId, Instant startsAt, Instant endsAt) {
        this.period = new StoreView.Period(transactionId, startsAt, endsAt, false);
        return this;
    }

    Views refunds(String transactionId) {
        this.refunded = transactionId;
        if (revokedAt == null) {
            this.revokedAt = asOf;
        }
        return this;
    }

    Views reinstates(String transactionId) {
        this.reinstated = transactionId;
        return this;
    }

    Views token(String value) {
        this.token = value;
        return this;
    }

    StoreView build() {
        return new StoreView(event, asOf, state, sku, startedAt, expiresAt, graceUntil, autoRenew, resumesAt,
                revokedAt, reason, period, refunded, reinstated, token, "Sandbox");
    }
}
