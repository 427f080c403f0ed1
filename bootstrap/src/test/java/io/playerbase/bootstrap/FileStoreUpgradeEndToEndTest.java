package io.playerbase.bootstrap;

import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import de.bwaldvogel.mongo.bson.ObjectId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A data directory written by the release that kept the embedded store in an H2 file (the stored
 * fixture {@code fixtures/store-0.1.0}, made by its {@code make-fixture.sh}) opens with this release:
 * every document of every collection is there, and the service reads them (decrypted personal data,
 * the wallet ledger, the Dutch match, the API key).
 */
class FileStoreUpgradeEndToEndTest {

    private static final String FIXTURE = "/fixtures/store-0.1.0/";

    @TempDir
    Path dataDir;
    @TempDir
    Path oldCopy;

    @Test
    void aDataDirectoryOfTheH2ReleaseOpensWithEveryDocument() throws Exception {
        copyFixture(dataDir);
        copyFixture(oldCopy);
        Properties fixture = new Properties();
        try (InputStream in = getClass().getResourceAsStream(FIXTURE + "fixture.properties")) {
            fixture.load(in);
        }
        Map<String, Set<String>> before = idsWithTheOldReader(oldCopy.resolve("playerbase.mv"));
        assertTrue(before.get("users").size() >= 8, "fixture holds the computer players, the admin, ann and bob");

        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "playerbase.embedded.data-dir", dataDir.toString(),
                "playerbase.embedded.port", "0",
                "micronaut.server.port", "-1"));
             HttpClient client = HttpClient.create(server.getURL(), slowMachine())) {
            MongoDatabase database = server.getApplicationContext().getBean(MongoDatabase.class);
            Map<String, Set<String>> after = new TreeMap<>();
            for (String name : before.keySet()) {
                Set<String> ids = new HashSet<>();
                for (Document document : database.getCollection(name).find()) {
                    ids.add(String.valueOf(document.get("_id")));
                }
                after.put(name, ids);
            }
            for (String name : before.keySet()) {
                // Change units added since the fixture was written add their own entries to the change log.
                assertTrue(after.get(name).containsAll(before.get(name)),
                        name + ": every document survived the upgrade; missing "
                                + before.get(name).stream().filter(id -> !after.get(name).contains(id)).toList());
            }
            assertEquals(before.get("users"), after.get("users"), "no account appeared or vanished");

            var http = client.toBlocking();
            String ann = fixture.getProperty("ann");
            String annToken = (String) http.retrieve(HttpRequest.POST("/api/v1/auth/login",
                    Map.of("login", "ann@example.com", "password", "correct horse battery")), Map.class).get("access_token");
            Map<?, ?> me = http.retrieve(HttpRequest.GET("/api/v1/users/me").bearerAuth(annToken), Map.class);
            assertEquals(ann, me.get("id"));
            assertEquals("ann@example.com", me.get("email"));
            assertEquals("+31 6 1234 5678", me.get("phone"));
            assertEquals(380, ((Number) http.retrieve(HttpRequest.GET("/api/v1/users/me/wallet").bearerAuth(annToken),
                    Map.class).get("balance")).intValue(), "500 credited, 120 debited");
            http.retrieve(HttpRequest.POST("/api/v1/auth/login",
                    Map.of("login", "bob@example.com", "password", "correct horse battery")), Map.class);

            String admin = (String) http.retrieve(HttpRequest.POST("/api/v1/auth/login",
                    Map.of("login", "fixadmin", "password", "fixture admin password")), Map.class).get("access_token");
            Map<?, ?> reconcile = http.retrieve(HttpRequest.GET("/api/v1/admin/users/" + ann + "/wallet/reconcile")
                    .bearerAuth(admin), Map.class);
            assertEquals(Boolean.TRUE, reconcile.get("consistent"), reconcile.toString());
            Map<String, Object> replay = http.retrieve(HttpRequest.POST("/api/v1/admin/users/" + ann + "/wallet/credits",
                            Map.of("amount", 500, "reason", "promotion", "description", "welcome bonus"))
                    .bearerAuth(admin).header("Idempotency-Key", "fixture-credit-1"), Argument.mapOf(String.class, Object.class));
            assertEquals(500, ((Number) replay.get("amount")).intValue(), "the stored Idempotency-Key answers again");

            String apiKey = "ApiKey " + fixture.getProperty("api_key");
            Map<?, ?> match = http.retrieve(HttpRequest.GET("/api/v1/games/dutch/matches/fixture-match-1")
                    .header("authorization", apiKey), Map.class);
            assertEquals(4, ((List<?>) match.get("players")).size());
            Map<?, ?> bob = http.retrieve(HttpRequest.GET("/api/v1/users/" + fixture.getProperty("bob"))
                    .header("authorization", apiKey), Map.class);
            assertEquals("bob", bob.get("username"));
            Map<?, ?> stats = http.retrieve(HttpRequest.GET("/api/v1/games/dutch/players/" + ann + "/stats"), Map.class);
            assertEquals(1, ((Number) stats.get("total_matches")).intValue(), stats.toString());
        }
    }

    /** Log-ins hash with Argon2id; on a machine shared with other builds the 10 s default can pass. */
    private static DefaultHttpClientConfiguration slowMachine() {
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setReadTimeout(Duration.ofSeconds(120));
        return configuration;
    }

    private void copyFixture(Path target) throws Exception {
        for (String file : List.of("playerbase.mv", "master.key")) {
            try (InputStream in = getClass().getResourceAsStream(FIXTURE + file)) {
                Files.copy(in, target.resolve(file));
            }
        }
    }

    /** Every collection's ids, read with mongo-java-server's stock H2 backend (the old release's reader). */
    private static Map<String, Set<String>> idsWithTheOldReader(Path file) {
        MVStore store = MVStore.open(file.toString());
        H2Backend backend = new H2Backend(store);
        try {
            var database = backend.resolveDatabase("playerbase");
            Map<String, Set<String>> ids = new TreeMap<>();
            for (de.bwaldvogel.mongo.bson.Document namespace : database.resolveCollection("system.namespaces", true).queryAll()) {
                String name = ((String) namespace.get("name")).substring("playerbase.".length());
                MongoCollection<?> collection = database.resolveCollection(name, true);
                Set<String> set = new HashSet<>();
                for (de.bwaldvogel.mongo.bson.Document document : collection.queryAll()) {
                    Object id = document.get("_id");
                    set.add(id instanceof ObjectId oid ? oid.getHexData() : String.valueOf(id));
                }
                ids.put(name, set);
            }
            return ids;
        } finally {
            backend.close();
        }
    }
}
