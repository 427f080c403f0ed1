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
import io.swagger.v3.oas.annotations.parameters.RequestBody;
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
    @ApiErrors.JsonBody
    @Operation(operationId = "receiveAppStoreNotification", summary = "App Store Server Notifications V2",
            description = "Body {signedPayload}: verified with the App Store chain; deduplicated by notificationUUID.",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "#/components/schemas/AppStoreNotification"))))
    @ApiResponse(responseCode = "200", description = "{outcome}: refunded, already-processed, ignored:unknown-type…")
    @ApiResponse(responseCode = "400", description = "malformed-request, notification-malformed: not JSON, or not a "
            + "notification Apple documents", content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "422", description = "notification-invalid, notification-wrong-app, notification-wrong-environment, "
            + "store-not-enabled: not signed by Apple's chain, for another app or environment, or the App Store is not configured",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    NotificationResponse appStore(@Body String body) {
        return new NotificationResponse(notifications.handle(new NotificationDelivery(Store.APP_STORE, null, body)));
    }

    @Post("/google-play/notifications")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiErrors.JsonBody
    @Operation(operationId = "receiveGooglePlayNotification", summary = "Google Play real-time developer notifications",
            description = "Pub/Sub push: the OIDC bearer token is verified; deduplicated by messageId.",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "#/components/schemas/PubSubPush"))))
    @ApiResponse(responseCode = "200", description = "{outcome}")
    @ApiResponse(responseCode = "400", description = "malformed-request, notification-malformed: not JSON, or not a "
            + "Pub/Sub push of a developer notification", content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "401", description = "authentication-failed: the push's OIDC bearer token is missing, not "
            + "signed by a key of Google's JWKS, or not issued by Google for our audience and push service account "
            + "(the same answer whatever was wrong)", content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "422", description = "notification-wrong-app, store-not-enabled: for another app, or Google Play "
            + "is not configured", content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    NotificationResponse googlePlay(@Body String body, @Header("Authorization") @Nullable String authorization) {
        return new NotificationResponse(notifications.handle(
                new NotificationDelivery(Store.GOOGLE_PLAY, authorization, body)));
    }
}
