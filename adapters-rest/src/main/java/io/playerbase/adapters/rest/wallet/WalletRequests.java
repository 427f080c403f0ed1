package io.playerbase.adapters.rest.wallet;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the admin money endpoints. Shape only: amounts and codes are the domain's to judge. */
final class WalletRequests {

    private WalletRequests() {
    }

    /** @param amount integer minor units; @param reason a code such as {@code goodwill}; @param description optional statement text */
    @Serdeable
    @Schema(name = "MoveMoneyRequest")
    record MoveMoneyRequest(@NotNull Long amount, @NotNull @Size(max = 64) String reason,
                            @Nullable @Size(max = 1000) String description) {
    }

    @Serdeable
    @Schema(name = "ReverseTransactionRequest")
    record ReverseRequest(@NotNull @Size(max = 300) String operationId, @NotNull @Size(max = 64) String reason,
                          @Nullable @Size(max = 1000) String description) {
    }
}
