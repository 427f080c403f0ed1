package io.playerbase.adapters.rest.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of {@link AuthController}. Shape only: formats are the domain's to judge. */
final class AuthRequests {

    private AuthRequests() {
    }

    @Serdeable
    @Schema(name = "RegisterUserRequest")
    record RegisterUserRequest(@NotNull @Size(max = 320) String email,
                               @NotNull @Size(max = 64) String username,
                               @NotNull @Size(max = 1024) String password,
                               @Nullable @Size(max = 64) String referralCode) {
        @Override
        public String toString() {
            return "RegisterUserRequest[redacted]";
        }
    }

    @Serdeable
    @Schema(name = "LogInRequest")
    record LogInRequest(@NotNull @Size(max = 320) String login, @NotNull @Size(max = 1024) String password) {
        @Override
        public String toString() {
            return "LogInRequest[redacted]";
        }
    }

    @Serdeable
    @Schema(name = "RefreshTokenRequest")
    record RefreshTokenRequest(@NotNull @Size(max = 4096) String refreshToken) {
        @Override
        public String toString() {
            return "RefreshTokenRequest[redacted]";
        }
    }
}
