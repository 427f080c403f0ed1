package io.playerbase.adapters.stores.googleplay;

import com.fasterxml.jackson.databind.JsonNode;
import io.playerbase.adapters.stores.CompactJws;
import io.playerbase.domain.shared.Unavailable;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The few Google Play Developer API (v3) calls we make, over the JDK's HttpClient. A 401 is answered
 * once with a fresh access token; "no such purchase" is a refusal; anything else that is not a 2xx
 * means Google cannot answer now ({@code store-unavailable}).
 */
final class GooglePlayApi {

    private final GooglePlaySettings settings;
    private final HttpClient http;
    private final GoogleAccessTokens tokens;

    GooglePlayApi(GooglePlaySettings settings, HttpClient http, GoogleAccessTokens tokens) {
        this.settings = settings;
        this.http = http;
        this.tokens = tokens;
    }

    /** purchases.products.get */
    Optional<JsonNode> product(String sku, String purchaseToken) {
        return get("purchases/products/" + segment(sku) + "/tokens/" + segment(purchaseToken));
    }

    /** purchases.productsv2.getproductpurchasev2: the one read that needs no SKU (voided purchases name none). */
    Optional<JsonNode> productV2(String purchaseToken) {
        return get("purchases/productsv2/tokens/" + segment(purchaseToken));
    }

    /** purchases.subscriptionsv2.get */
    Optional<JsonNode> subscription(String purchaseToken) {
        return get("purchases/subscriptionsv2/tokens/" + segment(purchaseToken));
    }

    /** purchases.products.acknowledge; false when Google refused it (e.g. already acknowledged). */
    boolean acknowledgeProduct(String sku, String purchaseToken) {
        return post("purchases/products/" + segment(sku) + "/tokens/" + segment(purchaseToken) + ":acknowledge");
    }

    /** purchases.subscriptions.acknowledge (v2 has no acknowledge of its own). */
    boolean acknowledgeSubscription(String subscriptionId, String purchaseToken) {
        return post("purchases/subscriptions/" + segment(subscriptionId) + "/tokens/" + segment(purchaseToken) + ":acknowledge");
    }

    private Optional<JsonNode> get(String path) {
        HttpResponse<String> response = send(path, HttpRequest.BodyPublishers.noBody(), "GET");
        int status = response.statusCode();
        if (status == 200) {
            try {
                return Optional.of(CompactJws.object(response.body()));
            } catch (CompactJws.Malformed e) {
                throw new Unavailable("store-unavailable", "Google Play gave an unreadable answer", e);
            }
        }
        // Google answers 400 "Invalid Value" for a token it never issued and 404/410 for one it forgot.
        if (status == 400 || status == 404 || status == 410) {
            return Optional.empty();
        }
        throw new Unavailable("store-unavailable", "Google Play answered " + status, null);
    }

    private boolean post(String path) {
        HttpResponse<String> response = send(path, HttpRequest.BodyPublishers.ofString("{}"), "POST");
        int status = response.statusCode();
        if (status / 100 == 2) {
            return true;
        }
        if (status == 400 || status == 409) {
            return false;
        }
        throw new Unavailable("store-unavailable", "Google Play answered " + status + " to an acknowledgement", null);
    }

    private HttpResponse<String> send(String path, HttpRequest.BodyPublisher body, String method) {
        URI uri = URI.create(settings.apiBaseUrl().toString().replaceAll("/+$", "")
                + "/androidpublisher/v3/applications/" + segment(settings.packageName()) + "/" + path);
        String token = tokens.current();
        HttpResponse<String> response = exchange(uri, method, body, token);
        if (response.statusCode() == 401) {
            tokens.forget(token);
            response = exchange(uri, method, body, tokens.current());
        }
        return response;
    }

    private HttpResponse<String> exchange(URI uri, String method, HttpRequest.BodyPublisher body, String token) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body)
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unavailable("store-unavailable", "Google Play cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("store-unavailable", "interrupted while asking Google Play", e);
        }
    }

    /** Each id is one path segment, percent-encoded, so no id can change the path. */
    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
