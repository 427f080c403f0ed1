package io.playerbase.adapters.rest.referral;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the referral endpoints. Shape only: formats are the domain's to judge. */
final class ReferralRequests {

    private ReferralRequests() {
    }

    /** @param code a referral code, in any case */
    @Serdeable
    @Schema(name = "RedeemReferralCodeRequest")
    record RedeemReferralCodeRequest(@NotNull @Size(max = 64) String code) {
    }

    /**
     * @param side   {@code referrer} or {@code referee}: whose reward to take back
     * @param reason a code, like a wallet movement's ({@code fraud}, {@code self_referral}…)
     */
    @Serdeable
    @Schema(name = "ReverseReferralRewardRequest")
    record ReverseReferralRewardRequest(@NotNull @Size(max = 16) String side, @NotNull @Size(max = 64) String reason,
                                        @Nullable @Size(max = 2000) String description) {
    }
}
