package io.playerbase.bootstrap;

import com.mongodb.client.MongoDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.playerbase.adapters.crypto.AesGcmFieldCipher;
import io.playerbase.adapters.crypto.AesGcmPersonalDataKeys;
import io.playerbase.adapters.crypto.KeyRing;
import io.playerbase.adapters.mongo.maintenance.EncryptionMaintenance;
import io.playerbase.domain.shared.FieldCipher.FieldContext;
import io.playerbase.domain.shared.UserId;
import org.bson.Document;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rotation without downtime: values written under master key k1; the service restarts with k2 as
 * primary and re-encrypts in the background while players keep registering and editing profiles;
 * afterwards nothing is left under k1 and k2 alone opens every value.
 */
class KeyRotationEndToEndTest {

    @TempDir
    Path dataDir;

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private EmbeddedServer start(String masterKey) {
        return start(masterKey, Map.of());
    }

    private EmbeddedServer start(String masterKey, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "playerbase.embedded.data-dir", dataDir.toString(),
                "playerbase.embedded.port", "0",
                "micronaut.server.port", "-1",
                "playerbase.crypto.master-key", masterKey,
                // The test starts the pass itself, while the load runs.
                "playerbase.crypto.reencrypt-at-start", "false"));
        properties.putAll(extra);
        return ApplicationContext.run(EmbeddedServer.class, properties);
    }

    private static void register(HttpClient http, String name) {
        http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/register",
                Map.of("email", name + "@example.com", "username", name, "password", "correct horse battery")));
        String token = (String) http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/login",
                Map.of("login", name, "password", "correct horse battery")), Map.class).get("access_token");
        http.toBlocking().retrieve(HttpRequest.PATCH("/api/v1/users/me", Map.of("phone", "+1 555 " + name.hashCode() % 10000))
                .bearerAuth(token));
    }

    private final List<String> walletOwners = new ArrayList<>();

    private static String idOf(HttpClient http, String accessToken) {
        return (String) http.toBlocking().retrieve(HttpRequest.GET("/api/v1/users/me").bearerAuth(accessToken), Map.class).get("id");
    }

    @Test
    void rotateToANewPrimaryKeyWhileRequestsRun() throws Exception {
        String k1 = randomKey();
        String k2 = randomKey();
        List<String> names = new CopyOnWriteArrayList<>();
        try (EmbeddedServer before = start("k1:" + k1); HttpClient http = HttpClient.create(before.getURL())) {
            for (int i = 0; i < 12; i++) {
                names.add("before" + i);
                register(http, "before" + i);
            }
            // Money under k1 too: ledger entries, the opening balance and stored Idempotency-Key responses.
            String admin = StaffAccounts.admin(before.getApplicationContext());
            for (int i = 0; i < 3; i++) {
                String userId = (String) http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/login",
                        Map.of("login", "before" + i, "password", "correct horse battery")), Map.class).get("access_token");
                String id = idOf(http, userId);
                http.toBlocking().retrieve(HttpRequest.POST("/api/v1/admin/users/" + id + "/wallet/credits",
                        Map.of("amount", 500 + i, "reason", "goodwill", "description", "gift " + i))
                        .header("Idempotency-Key", "gift-" + i).bearerAuth(admin));
                walletOwners.add(id);
            }
        }

        try (EmbeddedServer after = start("k2:" + k2 + ",k1:" + k1); HttpClient http = HttpClient.create(after.getURL())) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger failures = new AtomicInteger();
            Thread load = new Thread(() -> {
                for (int i = 0; !stop.get() || i < 5; i++) {
                    try {
                        names.add("during" + i);
                        register(http, "during" + i);
                        String old = names.get(i % 12);
                        http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/login",
                                Map.of("login", old + "@example.com", "password", "correct horse battery")));
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
            });
            load.start();
            EncryptionMaintenance.Progress progress = after.getApplicationContext().getBean(EncryptionMaintenance.class).run();
            stop.set(true);
            load.join();
            assertEquals(0, failures.get(), "requests kept working during the rotation");
            assertEquals("finished", progress.status());
            assertTrue(progress.keysRewrapped() >= 12, "data keys of the users written under k1: " + progress.keysRewrapped());
            assertTrue(progress.valuesReencrypted() >= 12, "wallet balances written under k1: " + progress.valuesReencrypted());

            MongoDatabase database = after.getApplicationContext().getBean(MongoDatabase.class);
            List<Document> users = database.getCollection("users").find().into(new ArrayList<>());
            List<Document> keys = database.getCollection("user_keys").find().into(new ArrayList<>());
            for (Document document : users) {
                assertFalse(document.toJson().contains("pb1:k1:"), "a value left under k1: " + document.toJson());
            }
            for (Document key : keys) {
                assertTrue(key.getString("wrapped_key").startsWith("pbk1:k2:"), key.toJson());
            }
            for (String collection : List.of("wallet_transactions", "idempotency_keys")) {
                long documents = database.getCollection(collection).countDocuments();
                assertTrue(documents >= 3, collection + " has the money written under k1");
                for (Document document : database.getCollection(collection).find()) {
                    assertFalse(document.toJson().contains("pb1:k1:"), "a value left under k1: " + document.toJson());
                }
            }

            // k2 alone opens everything: the service could now retire k1 for encryption.
            KeyRing onlyK2 = KeyRing.parse("k2:" + k2);
            AesGcmFieldCipher service = new AesGcmFieldCipher(onlyK2);
            AesGcmPersonalDataKeys personal = new AesGcmPersonalDataKeys(onlyK2, service, 100);
            Map<String, String> wrappedByUser = new HashMap<>();
            keys.forEach(key -> wrappedByUser.put(key.getObjectId("_id").toHexString(), key.getString("wrapped_key")));
            int personalValues = 0;
            for (Document user : users) {
                String id = user.getObjectId("_id").toHexString();
                String balance = ((Document) ((Document) user.get("modules")).get("wallet")).getString("balance");
                String expectedBalance = walletOwners.contains(id) ? "n:" + (500 + walletOwners.indexOf(id)) : "n:0";
                assertEquals(expectedBalance, service.decrypt(balance, new FieldContext("users", id, "modules.wallet.balance")));
                String email = personal.cipherFor(new UserId(id), wrappedByUser.get(id))
                        .decrypt(user.getString("email"), new FieldContext("users", id, "email"));
                assertTrue(email.endsWith("@example.com") || email.endsWith("@cp.com"), email);
                personalValues++;
            }
            assertEquals(users.size(), personalValues);

            for (String name : names) {
                http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/login",
                        Map.of("login", name + "@example.com", "password", "correct horse battery")));
            }
        }

        // Blind-index rotation, side by side: entries under k1 and k2, then k2 alone.
        try (EmbeddedServer rotating = start("k2:" + k2 + ",k1:" + k1, Map.of(
                "playerbase.crypto.blind-index-key-id", "k1", "playerbase.crypto.blind-index-next-key-id", "k2"));
             HttpClient http = HttpClient.create(rotating.getURL())) {
            EncryptionMaintenance maintenance = rotating.getApplicationContext().getBean(EncryptionMaintenance.class);
            assertTrue(maintenance.due(), "a new index key setup makes a pass due");
            maintenance.run();
            for (Document user : rotating.getApplicationContext().getBean(MongoDatabase.class).getCollection("users").find()) {
                List<String> entries = user.getList("email_bidx", String.class);
                assertEquals(2, entries.size(), user.toJson());
                assertTrue(entries.get(0).startsWith("k1:") && entries.get(1).startsWith("k2:"), entries.toString());
            }
            register(http, "midrotation");
            names.add("midrotation");
        }
        // k1 retired entirely: not in the ring any more, so the oldest key, k2, indexes.
        try (EmbeddedServer retired = start("k2:" + k2); HttpClient http = HttpClient.create(retired.getURL())) {
            retired.getApplicationContext().getBean(EncryptionMaintenance.class).run();
            for (Document user : retired.getApplicationContext().getBean(MongoDatabase.class).getCollection("users").find()) {
                assertFalse(user.toJson().contains("k1:"), "nothing under k1 left: " + user.toJson());
            }
            for (String name : names) {
                http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/login",
                        Map.of("login", name.toUpperCase() + "@example.com", "password", "correct horse battery")));
                http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/login",
                        Map.of("login", name, "password", "correct horse battery")));
            }
            String support = StaffAccounts.support(retired.getApplicationContext());
            for (String owner : walletOwners) {
                Map<?, ?> reconcile = http.toBlocking().retrieve(
                        HttpRequest.GET("/api/v1/admin/users/" + owner + "/wallet/reconcile").bearerAuth(support), Map.class);
                assertEquals(true, reconcile.get("consistent"), "ledger readable and intact without k1: " + reconcile);
            }
            HttpClientResponseException taken = Assertions.assertThrows(
                    HttpClientResponseException.class,
                    () -> http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/register", Map.of(
                            "email", "before0@example.com", "username", "newname", "password", "correct horse battery"))));
            assertEquals(409, taken.getStatus().getCode(), "uniqueness holds under the new index key");
        }
    }
}
