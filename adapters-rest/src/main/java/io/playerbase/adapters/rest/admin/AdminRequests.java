package io.playerbase.adapters.rest.admin;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

final class AdminRequests {

    private AdminRequests() {
    }

    /** {@code scopes} may be empty: such a key authenticates but reaches no scoped endpoint. */
    @Serdeable
    @Schema(name = "CreateApiKeyRequest")
    record CreateApiKeyRequest(@NotNull @Size(max = 200) String name, @NotNull @Size(max = 20) List<@NotNull @Size(max = 64) String> scopes) {
    }

    /** The personal fields to clear because they are stored unreadably ({@code phone}, {@code address}). */
    @Serdeable
    record RepairUserRequest(@NotNull @Size(min = 1, max = 3) List<@NotNull @Size(max = 32) String> clearFields) {
    }

    /** The staff roles the account should hold afterwards ({@code support}, {@code admin}); {@code player} always stays. */
    @Serdeable
    @Schema(name = "ChangeRolesRequest")
    record ChangeRolesRequest(@NotNull @Size(max = 10) List<@NotNull @Size(max = 32) String> roles) {
    }
}
