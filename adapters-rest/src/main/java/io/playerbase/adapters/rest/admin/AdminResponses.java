package io.playerbase.adapters.rest.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.playerbase.application.access.port.in.ApiKeyView;
import io.playerbase.application.access.port.in.CreateApiKeyUseCase.CreatedApiKey;
import io.playerbase.application.user.port.in.AuditEntryView;
import io.playerbase.application.user.port.in.UserSummaryView;
import io.playerbase.domain.shared.Page;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** Response bodies of the staff and service endpoints. */
public final class AdminResponses {

    private AdminResponses() {
    }

    @Serdeable
    @Schema(name = "UserSummaryResponse")
    record UserSummaryResponse(String id, String email, String username, String status, boolean isCompPlayer,
                               List<String> roles, Instant createdAt, Instant updatedAt, List<String> unreadableFields) {
        static UserSummaryResponse of(UserSummaryView view) {
            return new UserSummaryResponse(view.id(), view.email(), view.username(), view.status(), view.compPlayer(),
                    view.roles(), view.createdAt(), view.updatedAt(), view.unreadableFields());
        }
    }

    @Serdeable
    @Schema(name = "AuditEntryResponse")
    record AuditEntryResponse(String id, String action, String module, List<String> changedFields, String actor,
                              String actorRole, String requestId, Instant timestamp) {
        static AuditEntryResponse of(AuditEntryView view) {
            return new AuditEntryResponse(view.id(), view.action(), view.module(), view.changedFields(), view.actorId(),
                    view.actorRole(), view.requestId(), view.timestamp());
        }
    }

    @Serdeable
    @Schema(name = "ApiKeyResponse")
    record ApiKeyResponse(String id, String name, List<String> scopes, boolean active, Instant createdAt,
                          String createdBy, @Nullable Instant revokedAt, @Nullable String revokedBy) {
        static ApiKeyResponse of(ApiKeyView view) {
            return new ApiKeyResponse(view.id(), view.name(), view.scopes(), view.active(), view.createdAt(),
                    view.createdBy(), view.revokedAt(), view.revokedBy());
        }
    }

    /** The key and, once only, the credential: {@code Authorization: ApiKey <api_key>}. */
    @Serdeable
    @Schema(name = "CreatedApiKeyResponse")
    record CreatedApiKeyResponse(String id, String name, List<String> scopes, boolean active, Instant createdAt,
                                 String createdBy, String apiKey) {
        static CreatedApiKeyResponse of(CreatedApiKey created) {
            ApiKeyView view = created.key();
            return new CreatedApiKeyResponse(view.id(), view.name(), view.scopes(), view.active(), view.createdAt(),
                    view.createdBy(), created.token());
        }

        @Override
        public String toString() {
            return "CreatedApiKeyResponse[id=" + id + ", apiKey=redacted]";
        }
    }

    /*
     * A page of a listing: items, and next_cursor to pass as ?cursor= for the next page (null on the
     * last page). One record per item type so that the API document names them plainly.
     */

    @Serdeable
    @Schema(name = "UserSummaryPage")
    record UserSummaryPage(List<UserSummaryResponse> items, @Nullable String nextCursor) {
        static UserSummaryPage of(Page<UserSummaryView> page) {
            return new UserSummaryPage(page.items().stream().map(UserSummaryResponse::of).toList(), page.nextCursor());
        }
    }

    @Serdeable
    @Schema(name = "AuditEntryPage")
    record AuditEntryPage(List<AuditEntryResponse> items, @Nullable String nextCursor) {
        static AuditEntryPage of(Page<AuditEntryView> page) {
            return new AuditEntryPage(page.items().stream().map(AuditEntryResponse::of).toList(), page.nextCursor());
        }
    }

    @Serdeable
    @Schema(name = "ApiKeyPage")
    record ApiKeyPage(List<ApiKeyResponse> items, @Nullable String nextCursor) {
        static ApiKeyPage of(Page<ApiKeyView> page) {
            return new ApiKeyPage(page.items().stream().map(ApiKeyResponse::of).toList(), page.nextCursor());
        }
    }
}
