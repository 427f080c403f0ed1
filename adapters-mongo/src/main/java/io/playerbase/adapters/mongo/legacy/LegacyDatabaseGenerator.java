package io.playerbase.adapters.mongo.legacy;

import io.playerbase.adapters.mongo.support.ProgressListener;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a database as the old Python system left it (shared/seeds/000_…, its collections, indexes and
 * document shapes before "Playbook 09"): users with the modules {@code wallet}, {@code subscription} and
 * {@code referrals} only, no {@code is_comp_player}, plaintext email, phone, address and credit balance,
 * the bcrypt hash in {@code password}, the three-module registry keyed by {@code module_name}, and audit
 * entries in the old shape. Deterministic for a seed, with the odd but real variations the old code let
 * through:
 * <ul>
 *   <li>every 7th user has no phone, every 11th no address, every 19th no {@code updated_at};</li>
 *   <li>the credit balance is an int, a long, a double (whole or not) or a numeric string;</li>
 *   <li>every 13th user's module data was edited by hand (extra fields, a missing field, a {@code null});</li>
 *   <li>every 23rd user has no {@code referrals} module at all;</li>
 *   <li>every {@value #DUPLICATE_EVERY}th user's email is the previous user's in another case, with a space
 *   (the old unique index on {@code email} is case-sensitive, so it let them through).</li>
 * </ul>
 * Every user's password is {@link #PASSWORD}.
 *
 * <p>Test data only: the tests of the update path and the {@code generate-legacy} command (a database to
 * rehearse a takeover on, docs/migrations.md) use it; nothing in the service calls it. It only inserts,
 * into collections the caller has checked are empty.
 */
public final class LegacyDatabaseGenerator {

    /** The password of every generated user; {@link #BCRYPT_HASH} is its hash by Python bcrypt. */
    public static final String PASSWORD = "correctbatteryhorsestapler";
    public static final String BCRYPT_HASH = "$2b$04$EGdrhbKUv8Oc9vGiXX0HQOxSg445d458Muh7DAHskb6QbtCvdxcie";
    public static final int DUPLICATE_EVERY = 50;

    private static final int BATCH = 1000;

    private final long seed;

    public LegacyDatabaseGenerator(long seed) {
        this.seed = seed;
    }

    /** What was written, for assertions. */
    public record Written(int users, int duplicateEmailUsers, int auditEntries) {
    }

    public Written write(MongoDatabase database, int userCount) {
        return write(database, userCount, ProgressListener.NONE);
    }

    /** {@link #write(MongoDatabase, int)}, telling {@code listener} after every batch how many users are written. */
    public Written write(MongoDatabase database, int userCount, ProgressListener listener) {
        Random random = new Random(seed);
        createOldIndexes(database);
        writeRegistry(database.getCollection("user_modules"));
        MongoCollection<Document> users = database.getCollection("users");
        MongoCollection<Document> audit = database.getCollection("user_audit_logs");
        List<Document> batch = new ArrayList<>();
        List<Document> auditBatch = new ArrayList<>();
        int duplicates = 0;
        int auditEntries = 0;
        String previousEmail = null;
        long start = 1_600_000_000_000L;
        for (int i = 1; i <= userCount; i++) {
            Date created = new Date(start + i * 60_000L);
            ObjectId id = new ObjectId(created, i);
            String username = "player" + i;
            String email = username + "@example.com";
            if (i % DUPLICATE_EVERY == 0 && previousEmail != null) {
                email = " " + previousEmail.toUpperCase(Locale.ROOT);
                duplicates += 2;
            }
            previousEmail = email.strip();
            Document user = new Document("_id", id)
                    .append("username", username)
                    .append("email", email)
                    .append("password", BCRYPT_HASH)
                    .append("status", i % 97 == 0 ? "suspended" : "active")
                    .append("created_at", created);
            if (i % 19 != 0) {
                user.append("updated_at", new Date(created.getTime() + 3_600_000L));
            }
            if (i % 7 != 0) {
                user.append("phone", "+1555" + String.format(Locale.ROOT, "%07d", i));
            }
            if (i % 11 != 0) {
                user.append("address", i + " Legacy Street, Springfield");
            }
            user.append("modules", modules(i, random, created));
            batch.add(user);
            auditBatch.add(new Document("user_id", id.toHexString())
                    .append("action", "user_created")
                    .append("module", "core")
                    .append("changes", new Document("fields", List.of("email", "username")))
                    .append("performed_by", "system")
                    .append("timestamp", created));
            auditEntries++;
            if (batch.size() == BATCH) {
                users.insertMany(batch);
                audit.insertMany(auditBatch);
                batch.clear();
                auditBatch.clear();
                listener.progress("users", i, userCount);
            }
        }
        if (!batch.isEmpty()) {
            users.insertMany(batch);
            audit.insertMany(auditBatch);
        }
        listener.progress("users", userCount, userCount);
        return new Written(userCount, duplicates, auditEntries);
    }

    private static Document modules(int i, Random random, Date created) {
        Object balance = switch (i % 5) {
            case 0 -> random.nextInt(5000);
            case 1 -> (long) random.nextInt(5000);
            case 2 -> (double) random.nextInt(5000);
            case 3 -> random.nextInt(5000) + 0.5;
            default -> String.valueOf(random.nextInt(5000));
        };
        Document wallet = new Document("credit_balance", balance)
                .append("currency", "credits")
                .append("last_updated", created);
        Document subscription = new Document("plan", i % 9 == 0 ? "premium" : "free")
                .append("status", i % 9 == 0 ? "active" : "inactive")
                .append("expires_at", i % 9 == 0 ? new Date(created.getTime() + 30L * 86_400_000L) : null);
        Document referrals = new Document("referral_code", "REF" + Integer.toString(i, 36).toUpperCase(Locale.ROOT))
                .append("referred_by", i > 10 && i % 4 == 0 ? "REF" + Integer.toString(i - 3, 36).toUpperCase(Locale.ROOT) : null)
                .append("referral_count", i % 6);
        if (i % 13 == 0) {
            // Edited by hand in mongosh: a support note, a field removed, a null where a number was.
            wallet.append("note", "refund issued by support");
            subscription.remove("expires_at");
            referrals.put("referral_count", null);
        }
        Document modules = new Document("wallet", wallet).append("subscription", subscription);
        if (i % 23 != 0) {
            modules.append("referrals", referrals);
        }
        return modules;
    }

    private static void writeRegistry(MongoCollection<Document> registry) {
        Date at = new Date(1_590_000_000_000L);
        registry.insertMany(List.of(
                new Document("module_name", "wallet").append("status", "active").append("version", "1.0")
                        .append("description", "User wallet and credits")
                        .append("schema", new Document("credit_balance", "number").append("currency", "string"))
                        .append("created_at", at),
                new Document("module_name", "subscription").append("status", "active").append("version", "1.0")
                        .append("description", "Premium subscription")
                        .append("schema", new Document("plan", "string").append("expires_at", "date"))
                        .append("created_at", at),
                new Document("module_name", "referrals").append("status", "active").append("version", "1.0")
                        .append("description", "Referral program")
                        .append("schema", new Document("referral_code", "string").append("referral_count", "number"))
                        .append("created_at", at)));
    }

    /** The indexes the old setup playbook created (docs of the old system, "Indexes"). */
    private static void createOldIndexes(MongoDatabase database) {
        MongoCollection<Document> users = database.getCollection("users");
        users.createIndex(new Document("email", 1), new IndexOptions().unique(true));
        users.createIndex(new Document("username", 1));
        users.createIndex(new Document("status", 1));
        users.createIndex(new Document("created_at", 1));
        users.createIndex(new Document("updated_at", 1));
        MongoCollection<Document> registry = database.getCollection("user_modules");
        registry.createIndex(new Document("module_name", 1), new IndexOptions().unique(true));
        registry.createIndex(new Document("status", 1));
        MongoCollection<Document> audit = database.getCollection("user_audit_logs");
        audit.createIndex(new Document("user_id", 1));
        audit.createIndex(new Document("action", 1));
        audit.createIndex(new Document("timestamp", 1));
    }
}
