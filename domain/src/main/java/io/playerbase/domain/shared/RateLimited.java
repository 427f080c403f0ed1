package io.playerbase.domain.shared;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Too many requests of one kind from one client or for one account; the caller may retry after {@link #retryAfter()}. */
public final class RateLimited extends DomainException {

    private final Duration retryAfter;

    public RateLimited(String detail, Duration retryAfter) {
        super("too-many-requests", detail, List.of());
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** How long until the limit that was hit lets a request through again; at least one second. */
    public Duration retryAfter() {
        return retryAfter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : retryAfter;
    }
}
