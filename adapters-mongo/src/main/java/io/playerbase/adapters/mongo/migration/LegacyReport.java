package io.playerbase.adapters.mongo.migration;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.playerbase.adapters.mongo.connection.MongoStoreInfo;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.LegacyCipher;
import jakarta.inject.Singleton;
import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is left of the old system's data in the database, for {@code status} and health: counted from
 * the database, changing nothing. Module and flag counts are server-side {@code countDocuments}; values
 * are classified by reading the sensitive fields only (one projected scan of {@code users}).
 */
@Singleton
public class LegacyReport {

    /** The sensitive fields the old system wrote in plaintext (or as Fernet tokens). */
    static final List<String> LEGACY_VALUE_FIELDS = List.of("email", "phone", "address",
            "modules.wallet.balance", "modules.wallet.credit_balance");

    private final MongoClient client;
    private final String databaseName;
    private final FieldCipher cipher;

    public LegacyReport(MongoClient client, MongoStoreInfo store, FieldCipher cipher) {
        this.client = client;
        this.databaseName = store.database();
        this.cipher = cipher;
    }

    /**
     * @param users                 all user documents
     * @param missingModules        active registry module → users without it
     * @param withoutCompPlayerFlag users without {@code is_comp_player}
     * @param withoutBlindIndex     users without {@code email_bidx} or {@code username_bidx}
     * @param unindexed             users left with an {@code unindexed:} placeholder (colliding or unreadable legacy values)
     * @param plaintextValues       field → values stored in clear (encrypted by the re-encryption pass)
     * @param fernetTokens          field → values that are Fernet tokens of the old system
     * @param unmappedBalances      wallets with a legacy {@code credit_balance} but no {@code balance}
     */
    public record Counts(long users, Map<String, Long> missingModules, long withoutCompPlayerFlag, long withoutBlindIndex,
                         long unindexed, Map<String, Long> plaintextValues, Map<String, Long> fernetTokens,
                         long unmappedBalances) {

        /** Nothing left that the update path or the re-encryption pass would change or report. */
        public boolean clean() {
            return missingModules.values().stream().allMatch(n -> n == 0) && withoutCompPlayerFlag == 0
                    && withoutBlindIndex == 0 && unindexed == 0 && unmappedBalances == 0
                    && plaintextValues.values().stream().allMatch(n -> n == 0)
                    && fernetTokens.values().stream().allMatch(n -> n == 0);
        }
    }

    public Counts count() {
        MongoDatabase database = client.getDatabase(databaseName);
        MongoCollection<Document> users = database.getCollection("users");
        Map<String, Long> missing = new LinkedHashMap<>();
        for (Document module : database.getCollection("user_modules").find(Filters.eq("status", "active"))) {
            String name = module.getString("module_name");
            missing.put(name, users.countDocuments(Filters.exists("modules." + name, false)));
        }
        Map<String, Long> plaintext = new LinkedHashMap<>();
        Map<String, Long> fernet = new LinkedHashMap<>();
        LEGACY_VALUE_FIELDS.forEach(field -> {
            plaintext.put(field, 0L);
            fernet.put(field, 0L);
        });
        for (Document user : users.find(Filters.ne("status", "deleted")).projection(Projections.include(LEGACY_VALUE_FIELDS))) {
            for (String field : LEGACY_VALUE_FIELDS) {
                Object value = valueAt(user, field);
                if (value == null || value instanceof String text && (text.isEmpty() || cipher.isCiphertext(text))) {
                    continue;
                }
                Map<String, Long> bucket = value instanceof String text && LegacyCipher.FernetFormat.looksLikeToken(text) ? fernet : plaintext;
                bucket.merge(field, 1L, Long::sum);
            }
        }
        return new Counts(users.countDocuments(), missing,
                users.countDocuments(Filters.exists("is_comp_player", false)),
                users.countDocuments(Filters.or(Filters.exists("email_bidx", false), Filters.exists("username_bidx", false))),
                users.countDocuments(Filters.or(Filters.regex("email_bidx", "^" + V0040_IndexLegacyUsers.UNINDEXED),
                        Filters.regex("username_bidx", "^" + V0040_IndexLegacyUsers.UNINDEXED))),
                plaintext, fernet,
                users.countDocuments(Filters.and(Filters.exists(V0041_BackfillLegacyUsers.CREDIT_BALANCE, true),
                        Filters.exists(V0041_BackfillLegacyUsers.BALANCE, false))));
    }

    private static Object valueAt(Document document, String path) {
        Object current = document;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Document nested)) {
                return null;
            }
            current = nested.get(part);
        }
        return current;
    }

    /** Lines for humans ({@code status}): what is left to take over; the user total is not one of them. */
    public static List<String> describe(Counts counts) {
        List<String> lines = new ArrayList<>();
        lines.add("Users missing a module: " + counts.missingModules());
        lines.add("Users without is_comp_player: " + counts.withoutCompPlayerFlag());
        lines.add("Users without blind indexes: " + counts.withoutBlindIndex());
        lines.add("Users left unindexed (colliding or unreadable email/username, resolve by hand): " + counts.unindexed());
        lines.add("Legacy plaintext values left (the re-encryption pass encrypts them): " + counts.plaintextValues());
        lines.add("Legacy Fernet tokens left: " + counts.fernetTokens());
        lines.add("Legacy credit balances not mapped to a balance (not whole credits): " + counts.unmappedBalances());
        return lines;
    }
}
