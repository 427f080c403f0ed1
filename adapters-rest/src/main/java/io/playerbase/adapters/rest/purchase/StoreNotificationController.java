package io.playerbase.adapters.rest.purchase;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.playerbase.adapters.rest.support.ApiErrors;
import io.playerbase.adapters.rest.purchase.PurchaseResponses.NotificationResponse;
import io.playerbase.application.purchase.port.in.HandleStoreNotificationUseCase;
import io.playerbase.domain.purchase.NotificationDelivery;
import io.playerbase.domain.purchase.Store;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The stores' server-to-server notifications. No Playerbase credentials: each delivery is
 * authenticated by the store's own means (Apple signs the payload, Google's Pub/Sub push carries an
 * OIDC token), checked by the store's verifier before anything is stored. A 2xx tells the store to
 * stop redelivering, so it is answered once the notification is durably logged.
 */
@Controller("/api/v1/stores")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "store notifications")
class StoreNotificationController {

    private final HandleStoreNotificationUseCase notifications;

    StoreNotificationController(HandleStoreNotificationUseCase notifications) {
        this.notifications = notifications;
    }

    @Post("/app-store/notifications")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiErrors.Anonymous
    @ApiErrors.JsonBody
    @Operation(operationId = "receiveAppStoreNotification", summary = "App Store Server Notifications V2",
            description = "Body {signedPayload}: verified with the App Store chain; deduplicated by notificationUUID.")
    @ApiResponse(responseCode = "200", description = "{outcome}: refunded, already-processed, ignored:unknown-type…")
    @ApiResponse(responseCode = "422", description = "not genuine (signature, chain), store-not-enabled", content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    NotificationResponse appStore(@Body String body) {
        return new NotificationResponse(notifications.handle(new NotificationDelivery(Store.APP_STORE, null, body)));
    }

    @Post("/google-play/notifications")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiErrors.Anonymous
    @ApiErrors.JsonBody
    @Operation(operationId = "receiveGooglePlayNotification", summary = "Google Play real-time developer notifications",
            description = "Pub/Sub push: the OIDC bearer token is verified; deduplicated by messageId.")
    @ApiResponse(responseCode = "200", description = "{outcome}")
    @ApiResponse(responseCode = "422", description = "unreadable message, store-not-enabled", content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    NotificationResponse googlePlay(@Body String body, @Header("Authorization") @Nullable String authorization) {
        return new NotificationResponse(notifications.handle(
                new NotificationDelivery(Store.GOOGLE_PLAY, authorization, body)));
    }
}
