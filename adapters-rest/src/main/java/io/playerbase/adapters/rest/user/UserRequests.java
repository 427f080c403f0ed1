package io.playerbase.adapters.rest.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

final class UserRequests {

    private UserRequests() {
    }

    /** Absent fields stay as they are; an empty phone or address clears it. */
    @Serdeable
    @Schema(name = "UpdateProfileRequest")
    record UpdateProfileRequest(@Nullable @Size(max = 64) String username, @Nullable @Size(max = 64) String phone,
                                @Nullable @Size(max = 1000) String address) {
    }

    @Serdeable
    @Schema(name = "DeleteAccountRequest")
    record DeleteAccountRequest(@NotNull @Size(max = 1024) String password) {
        @Override
        public String toString() {
            return "DeleteAccountRequest[redacted]";
        }
    }

    @Serdeable
    @Schema(name = "ChangePasswordRequest")
    record ChangePasswordRequest(@NotNull @Size(max = 1024) String currentPassword,
                                 @NotNull @Size(max = 1024) String newPassword) {
        @Override
        public String toString() {
            return "ChangePasswordRequest[redacted]";
        }
    }
}
