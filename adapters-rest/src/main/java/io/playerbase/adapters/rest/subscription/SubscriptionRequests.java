package io.playerbase.adapters.rest.subscription;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** Request bodies of the admin premium endpoints. Shape only: the domain judges reasons and dates. */
final class SubscriptionRequests {

    private SubscriptionRequests() {
    }

    /** @param reason a code such as {@code goodwill}; @param expiresAt RFC 3339, in the next five years */
    @Serdeable
    @Schema(name = "GrantPremiumRequest")
    record GrantPremiumRequest(@NotNull @Size(max = 64) String reason, @NotNull Instant expiresAt) {
    }

    /** @param reason a code such as {@code mistake} */
    @Serdeable
    @Schema(name = "RevokePremiumRequest")
    record RevokePremiumRequest(@NotNull @Size(max = 64) String reason) {
    }
}
