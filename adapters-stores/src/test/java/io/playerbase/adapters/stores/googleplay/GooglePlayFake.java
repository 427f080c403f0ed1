package io.playerbase.adapters.stores.googleplay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.playerbase.adapters.stores.CompactJws;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the Google endpoints the adapters call, over real HTTP (the JDK's HttpServer on a
 * free loopback port): the OAuth2 token endpoint (checks the JWT bearer assertion), the Developer API's
 * purchases.products / productsv2 / subscriptionsv2 reads and acknowledgements (only with an access
 * token it issued), and a JWKS with the key that signs Pub/Sub push tokens. Test code of any module
 * (test-jar) sets up purchases here and points the adapters' base URLs at it.
 */
public final class GooglePlayFake implements AutoCloseable {

    public static final String PACKAGE = "com.example.game";
    public static final String SERVICE_ACCOUNT_EMAIL = "playerbase@example-project.iam.gserviceaccount.com";
    public static final String PUSH_AUDIENCE = "https://playerbase.example/api/v1/stores/google-play/notifications";
    public static final String PUSH_EMAIL = "rtdn-push@example-project.iam.gserviceaccount.com";
    public static final String PUSH_KEY_ID = "push-key-1";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "google-play-fake");
        thread.setDaemon(true);
        return thread;
    });
    /** RSA key generation is slow; fakes share these unless a test asks for keys of its own. */
    private static final class SharedKeys {
        static final KeyPair SERVICE_ACCOUNT = rsa();
        static final KeyPair PUSH_SIGNER = rsa();
        static final KeyPair FORGER = rsa();
    }

    private final KeyPair serviceAccount;
    private final KeyPair pushSigner;
    private final Map<String, ObjectNode> products = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> subscriptions = new ConcurrentHashMap<>();
    private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
    private final List<String> acknowledgements = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger tokenGrants = new AtomicInteger();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final AtomicInteger apiCalls = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus;
    private volatile long tokenLifetimeSeconds = 3600;

    private GooglePlayFake(KeyPair serviceAccount, KeyPair pushSigner) throws IOException {
        this.serviceAccount = serviceAccount;
        this.pushSigner = pushSigner;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::token);
        server.createContext("/jwks", this::jwks);
        server.createContext("/androidpublisher/v3/applications/", this::api);
        server.setExecutor(executor);
        server.start();
    }

    public static GooglePlayFake start() {
        return start(SharedKeys.SERVICE_ACCOUNT, SharedKeys.PUSH_SIGNER);
    }

    /** A fake with a service-account key and push key of its own (another Google project, say). */
    public static GooglePlayFake startWithOwnKeys() {
        return start(rsa(), rsa());
    }

    private static GooglePlayFake start(KeyPair serviceAccount, KeyPair pushSigner) {
        try {
            return new GooglePlayFake(serviceAccount, pushSigner);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public URI tokenUrl() {
        return baseUrl().resolve("/token");
    }

    public URI jwksUrl() {
        return baseUrl().resolve("/jwks");
    }

    /** A service-account key file as Google issues it, whose token_uri is this fake. */
    public String serviceAccountKeyJson() {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("type", "service_account");
        key.put("project_id", "example-project");
        key.put("private_key_id", "sa-key-1");
        key.put("private_key", "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(serviceAccount.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        key.put("client_email", SERVICE_ACCOUNT_EMAIL);
        key.put("client_id", "100000000000000000001");
        key.put("token_uri", tokenUrl().toString());
        return json(key);
    }

    /** A paid, unconsumed, unacknowledged one-time purchase (purchases.products shape); change fields as a test needs. */
    public ObjectNode addProduct(String sku, String purchaseToken, String orderId) {
        ObjectNode purchase = CompactJws.JSON.createObjectNode();
        purchase.put("kind", "androidpublisher#productPurchase");
        purchase.put("purchaseTimeMillis", Long.toString(Instant.parse("2026-11-30T10:00:00Z").toEpochMilli()));
        purchase.put("purchaseState", 0);
        purchase.put("consumptionState", 0);
        purchase.put("developerPayload", "");
        purchase.put("orderId", orderId);
        purchase.put("acknowledgementState", 0);
        purchase.put("productId", sku);
        purchase.put("regionCode", "NL");
        products.put(sku + "|" + purchaseToken, purchase);
        return purchase;
    }

    /** An active auto-renewing subscription (purchases.subscriptionsv2 shape). */
    public ObjectNode addSubscription(String productId, String purchaseToken, String orderId, Instant expiry) {
        ObjectNode subscription = CompactJws.JSON.createObjectNode();
        subscription.put("kind", "androidpublisher#subscriptionPurchaseV2");
        subscription.put("regionCode", "NL");
        subscription.put("startTime", "2026-11-30T10:00:00.000Z");
        subscription.put("subscriptionState", "SUBSCRIPTION_STATE_ACTIVE");
        subscription.put("latestOrderId", orderId);
        subscription.put("acknowledgementState", "ACKNOWLEDGEMENT_STATE_PENDING");
        ArrayNode items = subscription.putArray("lineItems");
        ObjectNode item = items.addObject();
        item.put("productId", productId);
        item.put("expiryTime", expiry.toString());
        item.putObject("autoRenewingPlan").put("autoRenewEnabled", true);
        item.put("latestSuccessfulOrderId", orderId);
        subscriptions.put(purchaseToken, subscription);
        return subscription;
    }

    public int tokenGrants() {
        return tokenGrants.get();
    }

    public int jwksFetches() {
        return jwksFetches.get();
    }

    public int apiCalls() {
        return apiCalls.get();
    }

    /** "product:&lt;sku&gt;:&lt;token&gt;" or "subscription:&lt;id&gt;:&lt;token&gt;", in order. */
    public List<String> acknowledgements() {
        return List.copyOf(acknowledgements);
    }

    /** Access tokens issued so far stop working (the API answers 401), as after a key rotation. */
    public void revokeAccessTokens() {
        accessTokens.clear();
    }

    /** The next {@code times} Developer API calls answer {@code status}. */
    public void failNextApiCalls(int status, int times) {
        failureStatus = status;
        failuresLeft.set(times);
    }

    public void tokenLifetimeSeconds(long seconds) {
        tokenLifetimeSeconds = seconds;
    }

    /** Claims of a genuine Pub/Sub push token, valid for an hour from {@code now}. */
    public static Map<String, Object> pushClaims(Instant now) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", PUSH_AUDIENCE);
        claims.put("azp", "100000000000000000002");
        claims.put("email", PUSH_EMAIL);
        claims.put("email_verified", true);
        claims.put("exp", now.plusSeconds(3600).getEpochSecond());
        claims.put("iat", now.getEpochSecond());
        claims.put("iss", "https://accounts.google.com");
        claims.put("sub", "100000000000000000002");
        return claims;
    }

    /** The Authorization header Pub/Sub sends, signed by the JWKS key. */
    public String pushAuthorization(Map<String, Object> claims) {
        return "Bearer " + rs256(pushSigner.getPrivate(), PUSH_KEY_ID, claims);
    }

    /** Signed by the JWKS key but naming another key id. */
    public String pushAuthorizationWithKeyId(String kid, Map<String, Object> claims) {
        return "Bearer " + rs256(pushSigner.getPrivate(), kid, claims);
    }

    /** The same claims signed by a key that is not in the JWKS, under the JWKS key's id. */
    public static String forgedPushAuthorization(Map<String, Object> claims) {
        return "Bearer " + rs256(SharedKeys.FORGER.getPrivate(), PUSH_KEY_ID, claims);
    }

    /** A Pub/Sub push body carrying a developer notification. */
    public static String pushBody(String messageId, Map<String, Object> developerNotification) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("data", Base64.getEncoder().encodeToString(json(developerNotification).getBytes(StandardCharsets.UTF_8)));
        message.put("messageId", messageId);
        message.put("publishTime", "2026-12-01T10:00:00.000Z");
        message.put("attributes", Map.of());
        return json(Map.of("message", message, "subscription", "projects/example-project/subscriptions/play-rtdn"));
    }

    /** A developer notification of our package; {@code part} is e.g. "oneTimeProductNotification" with its fields. */
    public static Map<String, Object> developerNotification(Instant eventTime, String part, Map<String, Object> fields) {
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("version", "1.0");
        notification.put("packageName", PACKAGE);
        notification.put("eventTimeMillis", Long.toString(eventTime.toEpochMilli()));
        notification.put(part, fields);
        return notification;
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!"POST".equals(exchange.getRequestMethod())
                || !"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))
                || !validAssertion(form.get("assertion"))) {
            respond(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");
            return;
        }
        tokenGrants.incrementAndGet();
        String accessToken = "ya29.fake-" + tokenGrants.get();
        accessTokens.add(accessToken);
        respond(exchange, 200, json(Map.of("access_token", accessToken, "expires_in", tokenLifetimeSeconds, "token_type", "Bearer")));
    }

    private boolean validAssertion(String assertion) {
        if (assertion == null) {
            return false;
        }
        try {
            CompactJws jws = CompactJws.parse(assertion, 8192);
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(serviceAccount.getPublic());
            rs256.update(jws.signingInput());
            JsonNode claims = jws.payload();
            long now = Instant.now().getEpochSecond();
            return "RS256".equals(jws.algorithm()) && rs256.verify(jws.signature())
                    && SERVICE_ACCOUNT_EMAIL.equals(claims.path("iss").asText())
                    && tokenUrl().toString().equals(claims.path("aud").asText())
                    && GoogleAccessTokens.SCOPE.equals(claims.path("scope").asText())
                    && claims.path("exp").asLong() > now - 300;
        } catch (GeneralSecurityException | CompactJws.Malformed e) {
            return false;
        }
    }

    private void jwks(HttpExchange exchange) throws IOException {
        jwksFetches.incrementAndGet();
        RSAPublicKey key = (RSAPublicKey) pushSigner.getPublic();
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("alg", "RS256");
        jwk.put("use", "sig");
        jwk.put("kid", PUSH_KEY_ID);
        jwk.put("n", encoder.encodeToString(unsigned(key.getModulus().toByteArray())));
        jwk.put("e", encoder.encodeToString(unsigned(key.getPublicExponent().toByteArray())));
        exchange.getResponseHeaders().add("Cache-Control", "public, max-age=3600, must-revalidate, no-transform");
        respond(exchange, 200, json(Map.of("keys", List.of(jwk))));
    }

    private void api(HttpExchange exchange) throws IOException {
        apiCalls.incrementAndGet();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !accessTokens.contains(authorization.replaceFirst("^Bearer ", ""))) {
            respond(exchange, 401, "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials.\"}}");
            return;
        }
        if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            respond(exchange, failureStatus, "{\"error\":{\"code\":" + failureStatus + "}}");
            return;
        }
        // /androidpublisher/v3/applications/{package}/purchases/{collection}/...
        String[] path = exchange.getRequestURI().getRawPath().split("/");
        List<String> segments = new ArrayList<>();
        for (String segment : path) {
            segments.add(URLDecoder.decode(segment, StandardCharsets.UTF_8));
        }
        if (segments.size() < 7 || !PACKAGE.equals(segments.get(4)) || !"purchases".equals(segments.get(5))) {
            respond(exchange, 404, "{\"error\":{\"code\":404,\"message\":\"No application was found for the given package name.\"}}");
            return;
        }
        String collection = segments.get(6);
        boolean post = "POST".equals(exchange.getRequestMethod());
        switch (collection) {
            case "products" -> products(exchange, segments.get(7), segments.get(9), post);
            case "productsv2" -> productV2(exchange, segments.get(8));
            case "subscriptionsv2" -> subscriptionV2(exchange, segments.get(8));
            case "subscriptions" -> acknowledgeSubscription(exchange, segments.get(7), segments.get(9));
            default -> respond(exchange, 404, "{}");
        }
    }

    private void products(HttpExchange exchange, String sku, String tokenSegment, boolean post) throws IOException {
        String token = tokenSegment.replaceFirst(":acknowledge$", "");
        ObjectNode purchase = products.get(sku + "|" + token);
        if (purchase == null) {
            respond(exchange, 400, "{\"error\":{\"code\":400,\"message\":\"Invalid Value\"}}");
            return;
        }
        if (post) {
            synchronized (purchase) {
                if (purchase.path("acknowledgementState").asInt() == 1) {
                    respond(exchange, 400, "{\"error\":{\"code\":400,\"message\":\"The purchase is not in a valid state to perform the desired operation.\"}}");
                    return;
                }
                purchase.put("acknowledgementState", 1);
            }
            acknowledgements.add("product:" + sku + ":" + token);
            respond(exchange, 200, "");
            return;
        }
        respond(exchange, 200, json(purchase));
    }

    private void productV2(HttpExchange exchange, String token) throws IOException {
        for (Map.Entry<String, ObjectNode> entry : products.entrySet()) {
            if (entry.getKey().endsWith("|" + token)) {
                ObjectNode v2 = CompactJws.JSON.createObjectNode();
                v2.put("kind", "androidpublisher#productPurchaseV2");
                v2.putArray("productLineItem").addObject().put("productId", entry.getKey().substring(0, entry.getKey().indexOf('|')));
                v2.put("orderId", entry.getValue().path("orderId").asText());
                respond(exchange, 200, json(v2));
                return;
            }
        }
        respond(exchange, 404, "{\"error\":{\"code\":404}}");
    }

    private void subscriptionV2(HttpExchange exchange, String token) throws IOException {
        ObjectNode subscription = subscriptions.get(token);
        if (subscription == null) {
            respond(exchange, 400, "{\"error\":{\"code\":400,\"message\":\"Invalid Value\"}}");
            return;
        }
        respond(exchange, 200, json(subscription));
    }

    private void acknowledgeSubscription(HttpExchange exchange, String subscriptionId, String tokenSegment) throws IOException {
        String token = tokenSegment.replaceFirst(":acknowledge$", "");
        ObjectNode subscription = subscriptions.get(token);
        if (subscription == null || !tokenSegment.endsWith(":acknowledge")) {
            respond(exchange, 400, "{\"error\":{\"code\":400}}");
            return;
        }
        synchronized (subscription) {
            if ("ACKNOWLEDGEMENT_STATE_ACKNOWLEDGED".equals(subscription.path("acknowledgementState").asText())) {
                respond(exchange, 400, "{\"error\":{\"code\":400}}");
                return;
            }
            subscription.put("acknowledgementState", "ACKNOWLEDGEMENT_STATE_ACKNOWLEDGED");
        }
        acknowledgements.add("subscription:" + subscriptionId + ":" + token);
        respond(exchange, 200, "");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static String rs256(PrivateKey key, String kid, Map<String, Object> claims) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String input = encoder.encodeToString(json(Map.of("alg", "RS256", "kid", kid, "typ", "JWT")).getBytes(StandardCharsets.UTF_8))
                + "." + encoder.encodeToString(json(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + encoder.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement.length > 1 && twosComplement[0] == 0
                ? Arrays.copyOfRange(twosComplement, 1, twosComplement.length) : twosComplement;
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String json(Object value) {
        try {
            return CompactJws.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
