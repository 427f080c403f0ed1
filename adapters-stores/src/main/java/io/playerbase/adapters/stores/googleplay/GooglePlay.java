package io.playerbase.adapters.stores.googleplay;

import io.playerbase.domain.purchase.ReceiptVerifier;
import io.playerbase.domain.purchase.StoreNotificationVerifier;
import io.playerbase.domain.subscription.PurchaseTokenLinks;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Optional;

/** Builds the Google Play adapters on one HTTP client and one cache of access tokens. */
public final class GooglePlay {

    private final GooglePlayReceiptVerifier receipts;
    private final GooglePlayNotificationVerifier notifications;
    private final GooglePlayTokenLinks tokenLinks;

    public GooglePlay(GooglePlaySettings settings, Clock clock) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        GooglePlayApi api = new GooglePlayApi(settings, http, new GoogleAccessTokens(settings, http, clock));
        GooglePlayPurchases purchases = new GooglePlayPurchases(settings, api);
        this.receipts = new GooglePlayReceiptVerifier(purchases, api);
        this.tokenLinks = new GooglePlayTokenLinks(api);
        this.notifications = settings.pushConfigured()
                ? new GooglePlayNotificationVerifier(settings, new PubSubPushAuthenticator(settings, http, clock), purchases)
                : null;
    }

    public ReceiptVerifier receiptVerifier() {
        return receipts;
    }

    /** The subscription module follows purchase-token chains with it. */
    public PurchaseTokenLinks tokenLinks() {
        return tokenLinks;
    }

    /** Present only when the push audience and service account are configured. */
    public Optional<StoreNotificationVerifier> notificationVerifier() {
        return Optional.ofNullable(notifications);
    }
}
