package io.playerbase.adapters.mongo.migration;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Sorts;
import io.playerbase.adapters.mongo.connection.MongoStoreInfo;
import io.playerbase.adapters.mongo.testing.EmbeddedMongo;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.adapters.mongo.testing.TestMigrations;
import io.playerbase.domain.shared.FieldCipher.FieldContext;
import io.playerbase.domain.shared.LegacyCipher;
import io.playerbase.domain.shared.PasswordHasher;
import io.playerbase.domain.testing.FakeBlindIndex;
import io.playerbase.domain.testing.FakeFieldCipher;
import io.playerbase.domain.testing.FakePasswordHasher;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the migrations must do on every store; run against the embedded server and a real MongoDB. */
abstract class MigrationTest {

    /** Every change unit of the build; the list in ChangeUnits is the one source of truth. */
    static final List<String> CHANGE_UNITS = ChangeUnits.ids();
    static final List<String> COMP_PLAYERS = List.of("alex.morris87", "lena_kay", "jordanrivers", "samuel.b", "nina_holt");

    /** Indexes the change units must create, per collection (Map.ofEntries: Map.of stops at ten pairs). */
    static final Map<String, Set<String>> INDEXES = Map.ofEntries(
            Map.entry("users", Set.of("ux_users_email_bidx", "ux_users_username_bidx", "ix_users_status", "ix_users_created_at",
                    "ix_users_updated_at", "ix_users_is_comp_player", "ix_users_dutch_points", "ix_users_dutch_wins",
                    "ix_users_dutch_win_rate", "ix_users_pending_audit", "ix_users_wallet_pending", "ix_users_status_id", "ix_users_is_comp_player_id")),
            Map.entry("user_modules", Set.of("ux_user_modules_module_name", "ix_user_modules_status")),
            Map.entry("user_audit_logs", Set.of("ix_user_audit_logs_user_id_timestamp", "ix_user_audit_logs_action",
                    "ix_user_audit_logs_module", "ttl_user_audit_logs_timestamp")),
            Map.entry("wallet_transactions", Set.of("ux_wallet_transactions_user_id_operation_id",
                    "ix_wallet_transactions_user_id_created_at", "ux_wallet_transactions_user_id_sequence")),
            Map.entry("store_products", Set.of("ux_store_products_product_id")),
            Map.entry("user_purchases", Set.of("ux_user_purchases_store_transaction", "ix_user_purchases_user_id")),
            Map.entry("store_notifications", Set.of("ix_store_notifications_store_transaction",
                    "ix_store_notifications_unprocessed")),
            Map.entry("subscriptions", Set.of("ix_subscriptions_user_id", "ix_subscriptions_store_tokens", "ix_subscriptions_sweep_at")),
            Map.entry("dutch_matches", Set.of("ux_dutch_matches_match_id")),
            Map.entry("api_keys", Set.of("ux_api_keys_key_id")),
            Map.entry("idempotency_keys", Set.of("ux_idempotency_keys_client_key", "ttl_idempotency_keys_expires_at")));

    final FakeFieldCipher cipher = new FakeFieldCipher();
    final FakeBlindIndex blindIndex = new FakeBlindIndex();
    MongoDatabase database;

    /** The server to test against; each test gets a fresh, empty database on it. */
    abstract MongoTarget target();

    MongoClient client() {
        return target().client();
    }

    boolean embedded() {
        return target() == MongoTarget.EMBEDDED;
    }

    @BeforeEach
    void freshDatabaseForEachTest() {
        database = client().getDatabase(EmbeddedMongo.uniqueDatabaseName());
    }

    /** Whether an empty database is set up without Mongock ({@link FreshSetup}, the service's own embedded store). */
    boolean freshSetup() {
        return false;
    }

    MigrationRunner runner() {
        return TestMigrations.runner(client(), database.getName(), embedded(), freshSetup());
    }

    @Test
    void beforeTheFirstRunEverythingIsPending() {
        MigrationStatus status = runner().status();

        assertEquals(List.of(), status.applied());
        assertEquals(CHANGE_UNITS, status.pending());
        assertEquals(MigrationStatus.Outcome.NOT_RUN, status.lastRun());
        assertFalse(status.upToDate());
    }

    @Test
    void freshSetupCreatesAllCollectionsAndIndexes() {
        runner().migrate();

        Set<String> collections = database.listCollectionNames().into(new HashSet<>());
        assertTrue(collections.containsAll(INDEXES.keySet()), () -> "collections: " + collections);
        INDEXES.forEach((collection, expected) -> {
            Set<String> names = database.getCollection(collection).listIndexes().map(index -> index.getString("name"))
                    .into(new HashSet<>());
            assertTrue(names.containsAll(expected), () -> collection + " has " + names);
        });
        assertTrue(index("users", "ux_users_email_bidx").getBoolean("unique"));
        assertTrue(index("idempotency_keys", "ux_idempotency_keys_client_key").getBoolean("unique"));
    }

    @Test
    void freshSetupRegistersTheFiveModulesWithTheirDefaults() {
        runner().migrate();

        Map<String, Document> modules = database.getCollection("user_modules").find().into(new ArrayList<>()).stream()
                .collect(Collectors.toMap(module -> module.getString("module_name"), module -> module));
        assertEquals(Set.of("wallet", "subscription", "referrals", "in_app_purchases", "dutch_game"), modules.keySet());
        modules.values().forEach(module -> {
            assertEquals("active", module.getString("status"));
            assertEquals(1, module.get("version"));
            assertInstanceOf(Date.class, module.get("created_at"));
            assertNotNull(module.getString("description"));
        });
        Document wallet = modules.get("wallet").get("default_document", Document.class);
        assertEquals(0L, wallet.get("balance"));
        assertEquals("CREDITS", wallet.get("currency"));
        assertTrue(wallet.containsKey("updated_at"));
        Document dutch = modules.get("dutch_game").get("default_document", Document.class);
        assertEquals(100, dutch.get("coins"));
        assertEquals(1, dutch.get("level"));
        assertEquals(0.0, dutch.get("win_rate"));
        assertEquals("unranked", dutch.get("rank"));
        assertEquals(List.of(), dutch.get("recent_match_ids"));
        assertEquals("free", modules.get("subscription").get("default_document", Document.class).get("plan"));
    }

    @Test
    void freshSetupCreatesTheFiveComputerPlayers() {
        runner().migrate();

        List<Document> players = database.getCollection("users").find(Filters.eq("is_comp_player", true)).into(new ArrayList<>());
        assertEquals(5, players.size());
        for (String username : COMP_PLAYERS) {
            Document player = database.getCollection("users")
                    .find(Filters.eq("username_bidx", blindIndex.of("username", username))).first();
            assertNotNull(player, username);
            String id = player.getObjectId("_id").toHexString();
            assertEquals(username, player.getString("username"));
            assertTrue(cipher.isCiphertext(player.getString("email")));
            assertEquals(username + "@cp.com", cipher.decrypt(player.getString("email"), new FieldContext("users", id, "email")));
            assertEquals(blindIndex.of("email", username + "@cp.com"), player.getString("email_bidx"));
            assertTrue(new FakePasswordHasher().verify(TestMigrations.COMP_PLAYER_PASSWORD, player.getString("password_hash")));
            assertEquals("active", player.getString("status"));
            assertEquals(List.of("player"), player.get("roles"));
            assertTrue(player.containsKey("phone") && player.get("phone") == null);
            assertTrue(player.containsKey("address") && player.get("address") == null);
            assertInstanceOf(Date.class, player.get("created_at"));
            assertEquals(1L, player.get("version"));
            assertEquals(0, player.get("credentials_version"));

            Document modules = player.get("modules", Document.class);
            assertEquals(Set.of("wallet", "subscription", "referrals", "in_app_purchases", "dutch_game"), modules.keySet());
            assertEquals(1000, modules.get("dutch_game", Document.class).get("coins"));
            assertEquals(0, modules.get("dutch_game", Document.class).get("wins"));
            String balance = modules.get("wallet", Document.class).getString("balance");
            assertEquals("n:0", cipher.decrypt(balance, new FieldContext("users", id, "modules.wallet.balance")));
            assertEquals("CREDITS", modules.get("wallet", Document.class).get("currency"));
        }
    }

    @Test
    void withoutAConfiguredPasswordTheComputerPlayersHaveNone() {
        new MigrationRunner(client(), new MongoStoreInfo(embedded(), database.getName(), "test store"),
                new FakeFieldCipher(), new FakeBlindIndex(), new FakePasswordHasher(),
                new MigrationSettings(" ", TestMigrations.AUDIT_RETENTION_DAYS, embedded()), LegacyCipher.NONE, freshSetup()).migrate();

        List<Document> players = database.getCollection("users").find(Filters.eq("is_comp_player", true)).into(new ArrayList<>());
        assertEquals(5, players.size());
        for (Document player : players) {
            assertEquals(PasswordHasher.NO_PASSWORD, player.getString("password_hash"), player.getString("username"));
        }
    }

    @Test
    void theChangeLogRecordsEveryChangeUnitAndStatusIsUpToDate() {
        MigrationStatus status = runner().migrate();

        assertEquals(CHANGE_UNITS, status.applied());
        assertEquals(List.of(), status.pending());
        assertEquals(MigrationStatus.Outcome.SUCCEEDED, status.lastRun());
        assertNotNull(status.lastRunAt());
        assertNull(status.lastError());
        assertTrue(status.upToDate());
        for (String id : CHANGE_UNITS) {
            assertNotNull(database.getCollection("mongockChangeLog")
                    .find(Filters.and(Filters.eq("changeId", id), Filters.eq("state", "EXECUTED"))).first(), id);
        }
        // A runner of another process (no run of its own) sees the same from the change log.
        MigrationStatus seenElsewhere = runner().status();
        assertEquals(CHANGE_UNITS, seenElsewhere.applied());
        assertEquals(MigrationStatus.Outcome.NOT_RUN, seenElsewhere.lastRun());
        assertTrue(seenElsewhere.upToDate());
    }

    @Test
    void aSecondRunChangesNothing() {
        runner().migrate();
        Map<String, List<Document>> before = snapshot();

        MigrationStatus again = runner().migrate();

        assertEquals(before, snapshot());
        assertEquals(CHANGE_UNITS, again.applied());
    }

    @Test
    void anExistingDatabaseKeepsItsModulesAndPlayers() {
        Document legacyWallet = new Document("module_name", "wallet").append("status", "active").append("version", 7)
                .append("default_document", new Document("balance", 5L).append("currency", "GEMS"));
        database.getCollection("user_modules").insertOne(legacyWallet);
        ObjectId legacyId = new ObjectId();
        Document legacyPlayer = new Document("_id", legacyId).append("username", "lena_kay")
                .append("username_bidx", blindIndex.of("username", "Lena_Kay"))
                .append("email", "lena@example.com").append("email_bidx", blindIndex.of("email", "lena@example.com"));
        database.getCollection("users").insertOne(legacyPlayer);

        runner().migrate();

        Document wallet = database.getCollection("user_modules").find(Filters.eq("module_name", "wallet")).first();
        assertEquals(legacyWallet, wallet);
        Document player = database.getCollection("users").find(Filters.eq("_id", legacyId)).first();
        legacyPlayer.forEach((field, value) -> assertEquals(value, player.get(field), field));
        // The update path only adds: the flag and the modules it lacked (V0041).
        assertEquals(false, player.get("is_comp_player"));
        assertEquals(Set.of("wallet", "subscription", "referrals", "in_app_purchases", "dutch_game"),
                player.get("modules", Document.class).keySet());
        assertEquals(4, database.getCollection("users").countDocuments(Filters.eq("is_comp_player", true)));
        assertEquals(5, database.getCollection("users").countDocuments());
        Document created = database.getCollection("users").find(Filters.eq("username", "nina_holt")).first();
        // New players get the registry's defaults as they are, legacy ones included.
        Document createdWallet = created.get("modules", Document.class).get("wallet", Document.class);
        assertEquals("GEMS", createdWallet.get("currency"));
        assertEquals("n:5", cipher.decrypt(createdWallet.getString("balance"),
                new FieldContext("users", created.getObjectId("_id").toHexString(), "modules.wallet.balance")));
    }

    /**
     * V0001 creates a collection's indexes in one command; an index already there under the same name with
     * other options makes that command fail, and each index is then created on its own: the conflicting one
     * is kept (it is unique as ours must be), every other index of the collection is still created.
     */
    @Test
    void anOldIndexOfTheSameNameIsKeptAndTheCollectionsOtherIndexesAreStillCreated() {
        database.getCollection("users").createIndex(new Document("username_bidx", 1),
                new IndexOptions().name("ux_users_username_bidx").unique(true).sparse(true));

        runner().migrate();

        assertTrue(runner().status().upToDate());
        Document kept = index("users", "ux_users_username_bidx");
        assertTrue(kept.getBoolean("sparse"), () -> "the old index is kept as it was: " + kept.toJson());
        Set<String> names = database.getCollection("users").listIndexes().map(index -> index.getString("name"))
                .into(new HashSet<>());
        assertTrue(names.containsAll(INDEXES.get("users")), () -> "users has " + names);
    }

    /** An old index of the same name that is not unique where ours must be stops the run: only a person can fix it. */
    @Test
    void anOldNonUniqueIndexWhereOursMustBeUniqueFailsTheRun() {
        database.getCollection("users").createIndex(new Document("email_bidx", 1),
                new IndexOptions().name("ux_users_email_bidx").sparse(true));

        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> runner().migrate());

        assertTrue(failed.getMessage().contains("non-unique index 'ux_users_email_bidx'"), failed::getMessage);
        assertFalse(runner().status().applied().contains("V0001_CreateCollections"));
    }

    @Test
    void aFailedRunIsReportedAndTheNextRunCompletesIt() {
        // Two legacy users with the same username: the unique index cannot be built.
        MongoCollection<Document> users = database.getCollection("users");
        users.insertOne(new Document("_id", 1).append("username_bidx", "same").append("email_bidx", "a"));
        users.insertOne(new Document("_id", 2).append("username_bidx", "same").append("email_bidx", "b"));
        MigrationRunner runner = runner();

        IllegalStateException error = assertThrows(IllegalStateException.class, runner::migrate);

        MigrationStatus failed = runner.status();
        assertEquals(MigrationStatus.Outcome.FAILED, failed.lastRun());
        assertNotNull(failed.lastError());
        assertTrue(error.getMessage().contains(database.getName()), error.getMessage());
        // The legacy preparation runs on its own first and succeeds; V0001 then fails.
        assertEquals(CHANGE_UNITS.stream().filter(id -> !id.equals("V0040_IndexLegacyUsers")).toList(), failed.pending());
        assertFalse(failed.upToDate());

        users.deleteOne(Filters.eq("_id", 2));
        MigrationStatus repaired = runner.migrate();

        assertTrue(repaired.upToDate());
        assertEquals(MigrationStatus.Outcome.SUCCEEDED, repaired.lastRun());
        assertNull(repaired.lastError());
    }

    @Test
    void twoInstancesMigratingAtOnceCreateEverythingOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<MigrationStatus> first = CompletableFuture.supplyAsync(() -> runner().migrate(), pool);
            CompletableFuture<MigrationStatus> second = CompletableFuture.supplyAsync(() -> runner().migrate(), pool);

            assertTrue(first.get().upToDate());
            assertTrue(second.get().upToDate());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(5, database.getCollection("users").countDocuments(Filters.eq("is_comp_player", true)));
        assertEquals(5, database.getCollection("user_modules").countDocuments());
        for (String id : CHANGE_UNITS) {
            assertEquals(1, database.getCollection("mongockChangeLog")
                    .countDocuments(Filters.and(Filters.eq("changeId", id), Filters.eq("state", "EXECUTED"))), id);
        }
    }

    @Test
    void anExistingDatabaseGetsThePurchaseCollectionsAndTheirIndexes() {
        database.getCollection("users").insertOne(new Document("_id", new ObjectId()).append("username", "lena_kay")
                .append("status", "active"));
        runner().migrate();

        // The old system's lena_kay (indexed by V0040, as a list of entries) is not created again by V0003.
        assertEquals(5, database.getCollection("users").countDocuments());
        assertEquals(1, database.getCollection("users").countDocuments(Filters.eq("username", "lena_kay")));
        assertTrue(index("user_purchases", "ux_user_purchases_store_transaction").getBoolean("unique"));
        index("user_purchases", "ix_user_purchases_user_id_newest");
        index("user_purchases", "ix_user_purchases_status_updated_at");
        index("store_notifications", "ix_store_notifications_store_transaction");
        assertTrue(index("store_products", "ux_store_products_product_id").getBoolean("unique"));
        if (!embedded()) {
            // One unique SKU index per store, partial: the embedded store has no partial indexes.
            assertTrue(index("store_products", "ux_store_products_sku_google_play").getBoolean("unique"));
        }
        assertEquals(0, database.getCollection("store_products").countDocuments(), "a fresh setup seeds no products");
    }

    Document index(String collection, String name) {
        return database.getCollection(collection).listIndexes().into(new ArrayList<>()).stream()
                .filter(index -> name.equals(index.getString("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no index " + name + " on " + collection));
    }

    /** Every document of every collection except Mongock's lock, in a comparable order. */
    private Map<String, List<Document>> snapshot() {
        Map<String, List<Document>> snapshot = new TreeMap<>();
        for (String name : database.listCollectionNames()) {
            if (!name.equals("mongockLock")) {
                MongoCollection<Document> collection = database.getCollection(name);
                snapshot.put(name, collection.find().sort(Sorts.ascending("_id")).into(new ArrayList<>()));
            }
        }
        return snapshot;
    }
}
