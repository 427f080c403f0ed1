package io.playerbase.adapters.mongo.migration;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.playerbase.adapters.mongo.legacy.LegacyDatabaseGenerator;
import io.playerbase.adapters.mongo.testing.EmbeddedMongo;
import io.playerbase.adapters.mongo.testing.TestMigrations;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** V0080 on a database of the old system: its codes keep working, its links and counts are kept, everyone gets a code. */
class V0080AddReferralsTest {

    private static final int USERS = 300;

    private static Document referrals(Document user) {
        return user.get("modules", Document.class).get("referrals", Document.class);
    }

    @Test
    void theOldSystemsCodesLinksAndCountsAreKeptAndEveryAccountGetsACode() {
        MongoDatabase database = EmbeddedMongo.freshDatabase();
        new LegacyDatabaseGenerator(5).write(database, USERS);
        MongoCollection<Document> users = database.getCollection("users");
        // Two codes the old system let through: one another user holds in another case, one that is no code.
        ObjectId twin = new ObjectId();
        users.insertOne(new Document("_id", twin).append("username", "twin").append("email", "twin@example.com")
                .append("created_at", new Date()).append("modules", new Document("referrals", new Document("referral_code", "ref1")
                        .append("referred_by", null).append("referral_count", 0))));
        ObjectId odd = new ObjectId();
        users.insertOne(new Document("_id", odd).append("username", "odd").append("email", "odd@example.com")
                .append("created_at", new Date()).append("modules", new Document("referrals", new Document("referral_code", "R 1!")
                        .append("referred_by", null).append("referral_count", 0))));

        assertTrue(TestMigrations.migrate(EmbeddedMongo.client(), database.getName(), true).upToDate());

        MongoCollection<Document> codes = database.getCollection("referral_codes");
        Set<String> seen = new HashSet<>();
        for (Document user : users.find().sort(Sorts.ascending("_id")).into(new ArrayList<>())) {
            Document module = referrals(user);
            String code = module.getString("referral_code");
            assertNotNull(code, user.getString("username"));
            assertTrue(seen.add(code.toUpperCase(Locale.ROOT)), "codes are unique: " + code);
            Document claim = codes.find(Filters.eq("_id", code.toUpperCase(Locale.ROOT))).first();
            assertEquals(user.getObjectId("_id"), claim.get("owner_id"), code);
        }
        Document player1 = users.find(Filters.eq("username", "player1")).first();
        assertEquals("REF1", referrals(player1).get("referral_code"), "the old code, as it was");
        assertEquals("legacy", codes.find(Filters.eq("_id", "REF1")).first().get("source"));

        Document twinUser = users.find(Filters.eq("_id", twin)).first();
        assertEquals("ref1", referrals(twinUser).get("legacy_referral_code"), "kept aside: player1 holds REF1");
        assertNotEquals("ref1", referrals(twinUser).get("referral_code"));
        assertEquals("R 1!", referrals(users.find(Filters.eq("_id", odd)).first()).get("legacy_referral_code"));

        // player12 was referred by REF9 (player9), as the generator writes it: a legacy referral, never rewarded.
        Document player12 = users.find(Filters.eq("username", "player12")).first();
        Document link = database.getCollection("referrals").find(Filters.eq("_id", player12.getObjectId("_id"))).first();
        assertEquals(users.find(Filters.eq("username", "player9")).first().getObjectId("_id"), link.get("referrer_id"));
        assertEquals("legacy", link.get("state"));
        assertEquals(true, link.get("linked"));

        Document player5 = users.find(Filters.eq("username", "player5")).first();
        assertEquals(5L, referrals(player5).get("_count_base"), "the old count is the base links made here add to");
        assertEquals(5, referrals(player5).get("referral_count"), "and the count itself is as it was");
    }

    @Test
    void aSecondRunChangesNothing() {
        MongoDatabase database = EmbeddedMongo.freshDatabase();
        new LegacyDatabaseGenerator(9).write(database, 120);
        TestMigrations.migrate(EmbeddedMongo.client(), database.getName(), true);
        List<Document> users = database.getCollection("users").find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        List<Document> codes = database.getCollection("referral_codes").find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        List<Document> links = database.getCollection("referrals").find().sort(Sorts.ascending("_id")).into(new ArrayList<>());

        new V0080_AddReferrals(database, new MigrationSettings(TestMigrations.COMP_PLAYER_PASSWORD,
                TestMigrations.AUDIT_RETENTION_DAYS, true)).execute();

        assertEquals(users, database.getCollection("users").find().sort(Sorts.ascending("_id")).into(new ArrayList<>()));
        assertEquals(codes, database.getCollection("referral_codes").find().sort(Sorts.ascending("_id")).into(new ArrayList<>()));
        assertEquals(links, database.getCollection("referrals").find().sort(Sorts.ascending("_id")).into(new ArrayList<>()));
    }
}
