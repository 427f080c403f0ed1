package io.playerbase.bootstrap;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.playerbase.adapters.mongo.connection.EmbeddedMongoServer;
import io.playerbase.adapters.mongo.migration.MigrationRunner;
import io.playerbase.adapters.mongo.migration.MigrationStatus;
import io.playerbase.adapters.mongo.legacy.LegacyDatabaseGenerator;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two whole services start at the same moment against one database written by the old system: one
 * migrates under Mongock's lock, the other waits for the lock, finds everything applied and starts.
 */
class TwoInstancesStartEndToEndTest {

    private static final int USERS = 1500;

    @Test
    void bothStartAndEveryChangeUnitRunsOnce() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try (EmbeddedMongoServer store = EmbeddedMongoServer.startInMemory(0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoDatabase database = client.getDatabase("legacy");
            new LegacyDatabaseGenerator(21).write(database, USERS);
            Map<String, Object> properties = Map.of(
                    "playerbase.mongo.uri", store.connectionString() + "/legacy",
                    "playerbase.crypto.master-key", Base64.getEncoder().encodeToString(key),
                    "playerbase.crypto.reencrypt-at-start", "false",
                    "micronaut.server.port", "-1");
            CountDownLatch ready = new CountDownLatch(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<EmbeddedServer> servers = new ArrayList<>();
            try {
                List<Future<EmbeddedServer>> starts = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    starts.add(pool.submit(() -> {
                        ready.countDown();
                        ready.await();
                        return ApplicationContext.run(EmbeddedServer.class, properties);
                    }));
                }
                for (Future<EmbeddedServer> start : starts) {
                    servers.add(start.get());
                }
                for (EmbeddedServer server : servers) {
                    assertTrue(server.isRunning());
                    MigrationStatus status = server.getApplicationContext().getBean(MigrationRunner.class).status();
                    assertTrue(status.pending().isEmpty(), status.toString());
                }
                for (String id : servers.get(0).getApplicationContext().getBean(MigrationRunner.class).status().applied()) {
                    assertEquals(1, database.getCollection("mongockChangeLog")
                            .countDocuments(Filters.and(Filters.eq("changeId", id), Filters.eq("state", "EXECUTED"))), id);
                }
                assertEquals(USERS + 5, database.getCollection("users").countDocuments());
                assertEquals(5, database.getCollection("users").countDocuments(Filters.eq("is_comp_player", true)));
                assertEquals(0, database.getCollection("users").countDocuments(Filters.exists("modules.dutch_game", false)));
                Document registry = database.getCollection("user_modules").find(Filters.eq("module_name", "dutch_game")).first();
                assertEquals("active", registry.getString("status"));
            } finally {
                servers.forEach(EmbeddedServer::close);
                pool.shutdownNow();
            }
        }
    }
}
