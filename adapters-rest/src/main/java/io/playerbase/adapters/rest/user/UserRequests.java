package io.playerbase.adapters.rest.user;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

final class UserRequests {

    private UserRequests() {
    }

    /** Absent fields stay as they are; an empty phone or address clears it. */
    @Serdeable
    record UpdateProfileRequest(@Size(max = 64) String username, @Size(max = 64) String phone,
                                @Size(max = 1000) String address) {
    }

    @Serdeable
    record DeleteAccountRequest(@NotNull @Size(max = 1024) String password) {
        @Override
        public String toString() {
            return "DeleteAccountRequest[redacted]";
        }
    }

    @Serdeable
    record ChangePasswordRequest(@NotNull @Size(max = 1024) String currentPassword,
                                 @NotNull @Size(max = 1024) String newPassword) {
        @Override
        public String toString() {
            return "ChangePasswordRequest[redacted]";
        }
    }
}
