package io.playerbase.adapters.mongo.migration;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.playerbase.adapters.mongo.connection.MongoStoreInfo;
import io.playerbase.adapters.mongo.testing.EmbeddedMongo;
import io.playerbase.adapters.mongo.legacy.LegacyDatabaseGenerator;
import io.playerbase.adapters.mongo.testing.TestMigrations;
import io.playerbase.domain.testing.FakeFieldCipher;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class LegacyReportTest {

    private static final int USERS = 230;

    @Test
    void countsWhatTheOldSystemLeftBeforeAndAfterTheUpdatePath() {
        MongoDatabase database = EmbeddedMongo.freshDatabase();
        LegacyDatabaseGenerator.Written written = new LegacyDatabaseGenerator(5).write(database, USERS);
        database.getCollection("users").updateOne(Filters.eq("username", "player1"), Updates.set("phone",
                "gAAAAABrAkcVBtIPwxSfN8q6Pr5VEjqfZr9E4bd1B08dgU5TPCAkCXkgtklK_t7tJI8cJkkfdtlvLgvBMLjctPb-OTJnvtZqnQ=="));
        LegacyReport report = new LegacyReport(EmbeddedMongo.client(), new MongoStoreInfo(true, database.getName(), "test"),
                new FakeFieldCipher());

        LegacyReport.Counts before = report.count();

        assertEquals(USERS, before.users());
        assertEquals(Map.of("wallet", 0L, "subscription", 0L, "referrals", (long) USERS / 23), before.missingModules());
        assertEquals(USERS, before.withoutCompPlayerFlag());
        assertEquals(USERS, before.withoutBlindIndex());
        assertEquals(USERS, before.plaintextValues().get("email"));
        assertEquals(USERS - USERS / 7 - 1, before.plaintextValues().get("phone"));
        assertEquals(1L, before.fernetTokens().get("phone"));
        assertEquals(USERS, before.plaintextValues().get("modules.wallet.credit_balance"));
        assertFalse(before.clean());

        TestMigrations.migrate(EmbeddedMongo.client(), database.getName(), true);
        LegacyReport.Counts after = report.count();

        assertEquals(USERS + 5, after.users());
        after.missingModules().values().forEach(missing -> assertEquals(0L, missing));
        assertEquals(5, after.missingModules().size());
        assertEquals(0, after.withoutCompPlayerFlag());
        assertEquals(0, after.withoutBlindIndex());
        assertEquals(written.duplicateEmailUsers(), after.unindexed());
        assertEquals(0L, after.plaintextValues().get("modules.wallet.credit_balance"));
        assertEquals(0L, after.plaintextValues().get("modules.wallet.balance"));
        assertEquals(USERS, after.plaintextValues().get("email"), "personal values wait for the re-encryption pass");
        assertEquals(1L, after.fernetTokens().get("phone"));
        assertEquals(USERS / 5, after.unmappedBalances(), "every fifth balance is a fraction");
        assertFalse(after.clean());
    }
}
