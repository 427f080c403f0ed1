package io.playerbase.bootstrap;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.playerbase.adapters.mongo.connection.EmbeddedMongoServer;
import io.playerbase.adapters.mongo.legacy.LegacyDatabaseGenerator;
import io.playerbase.adapters.mongo.maintenance.EncryptionMaintenance;
import io.playerbase.adapters.mongo.migration.LegacyReport;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service started on a database the old system wrote: it migrates at start, old bcrypt users log in
 * (by username and by email) and get an Argon2id hash, and the re-encryption pass leaves no legacy
 * plaintext except the users whose emails collide, which stay as they were.
 */
class LegacyTakeoverEndToEndTest {

    private static final int USERS = 120;
    private static final String EMAIL_TOKEN =
            "gAAAAABrAkcVpxBlzn6rrE5lCpqqjOjZ6uH90WLrA0EoeQt7MqE88xNXMLN5z773dbgrxodvcAflG1LnnuXjK3ljF1LxIINMhQ==";
    private static final String PHONE_TOKEN =
            "gAAAAABrAkcVBtIPwxSfN8q6Pr5VEjqfZr9E4bd1B08dgU5TPCAkCXkgtklK_t7tJI8cJkkfdtlvLgvBMLjctPb-OTJnvtZqnQ==";

    @TempDir
    Path dataDir;

    @Test
    void oldUsersLogInAfterTheTakeoverAndTheirValuesGetEncrypted() throws Exception {
        LegacyDatabaseGenerator.Written written;
        try (EmbeddedMongoServer store = EmbeddedMongoServer.startWithFile(dataDir, 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            written = new LegacyDatabaseGenerator(9).write(client.getDatabase("playerbase"), USERS);
            // Values the old system encrypted: Fernet tokens under its PBKDF2-derived key (made with Python cryptography).
            client.getDatabase("playerbase").getCollection("users").updateOne(Filters.eq("username", "player5"),
                    Updates.combine(
                            Updates.set("email", EMAIL_TOKEN),
                            Updates.set("phone", PHONE_TOKEN)));
        }

        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "playerbase.embedded.data-dir", dataDir.toString(),
                "playerbase.embedded.port", "0",
                "micronaut.server.port", "-1",
                "playerbase.crypto.reencrypt-at-start", "false",
                "playerbase.legacy.encryption-key", "old-system-key",
                "playerbase.legacy.encryption-salt", "old-system-salt"));
             HttpClient http = HttpClient.create(server.getURL())) {
            MongoDatabase database = server.getApplicationContext().getBean(MongoDatabase.class);

            Map<?, ?> byUsername = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/login",
                    Map.of("login", "player3", "password", LegacyDatabaseGenerator.PASSWORD)), Map.class);
            assertNotNull(byUsername.get("access_token"));
            Document player3 = database.getCollection("users").find(Filters.eq("username", "player3")).first();
            assertTrue(player3.getString("password_hash").startsWith("$argon2id$"), player3.getString("password_hash"));
            Map<?, ?> me = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/users/me")
                    .bearerAuth((String) byUsername.get("access_token")), Map.class);
            assertEquals("player3@example.com", me.get("email"));
            assertEquals(Set.of("wallet", "subscription", "referrals", "in_app_purchases", "dutch_game"),
                    ((Map<?, ?>) me.get("modules")).keySet());

            Map<?, ?> byEmail = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/login",
                    Map.of("login", "PLAYER4@Example.com", "password", LegacyDatabaseGenerator.PASSWORD)), Map.class);
            assertNotNull(byEmail.get("access_token"));

            server.getApplicationContext().getBean(EncryptionMaintenance.class).run();

            LegacyReport.Counts left = server.getApplicationContext().getBean(LegacyReport.class).count();
            assertEquals(written.duplicateEmailUsers(), left.unindexed());
            assertEquals((long) written.duplicateEmailUsers(), left.plaintextValues().get("email"),
                    "only the colliding users keep their email as it was");
            assertEquals(0L, left.plaintextValues().get("modules.wallet.credit_balance"));
            assertEquals(0L, left.plaintextValues().get("modules.wallet.balance"));
            Document after = database.getCollection("users").find(Filters.eq("username", "player3")).first();
            assertFalse(after.toJson().contains("player3@example.com"), after.toJson());
            Map<?, ?> stillMe = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/users/me")
                    .bearerAuth((String) byUsername.get("access_token")), Map.class);
            assertEquals("player3@example.com", stillMe.get("email"), "decrypted under the user's new data key");

            // The old system's tokens: decrypted with its key, indexed, re-encrypted in Playerbase's format.
            assertEquals(Map.of("email", 0L, "phone", 0L, "address", 0L, "modules.wallet.balance", 0L,
                    "modules.wallet.credit_balance", 0L), left.fernetTokens());
            Document player5 = database.getCollection("users").find(Filters.eq("username", "player5")).first();
            assertFalse(player5.toJson().contains(EMAIL_TOKEN) || player5.toJson().contains(PHONE_TOKEN));
            Map<?, ?> ann = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/login",
                    Map.of("login", "ann@example.com", "password", LegacyDatabaseGenerator.PASSWORD)), Map.class);
            Map<?, ?> annMe = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/users/me")
                    .bearerAuth((String) ann.get("access_token")), Map.class);
            assertEquals("player5", annMe.get("username"));
            assertEquals("ann@example.com", annMe.get("email"));
            assertEquals("+1 555 0100 ü", annMe.get("phone"));

            // The old system's referral codes keep working, in any case (docs/referrals.md).
            Map<?, ?> newcomer = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/register", Map.of(
                    "email", "newcomer@example.com", "username", "newcomer", "password", LegacyDatabaseGenerator.PASSWORD,
                    "referral_code", "ref3")), Map.class);
            assertEquals(player3.getObjectId("_id").toHexString(),
                    ((Map<?, ?>) ((Map<?, ?>) newcomer.get("modules")).get("referrals")).get("referred_by"));
        }
    }
}
