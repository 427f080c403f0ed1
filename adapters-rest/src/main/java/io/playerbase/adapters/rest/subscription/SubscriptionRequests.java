package io.playerbase.adapters.rest.subscription;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the admin premium endpoints. Shape only: the domain judges reasons and dates. */
final class SubscriptionRequests {

    private SubscriptionRequests() {
    }

    /**
     * @param reason    a code such as {@code goodwill}
     * @param expiresAt an ISO-8601 instant with an offset ({@code 2027-01-31T00:00:00Z}), in the next five years;
     *                  text taken literally (no epoch numbers)
     */
    @Serdeable
    @Schema(name = "GrantPremiumRequest")
    record GrantPremiumRequest(@NotNull @Size(max = 64) String reason,
                               @NotNull @Size(max = 64) @Schema(format = "date-time") String expiresAt) {
    }

    /** @param reason a code such as {@code mistake} */
    @Serdeable
    @Schema(name = "RevokePremiumRequest")
    record RevokePremiumRequest(@NotNull @Size(max = 64) String reason) {
    }
}
