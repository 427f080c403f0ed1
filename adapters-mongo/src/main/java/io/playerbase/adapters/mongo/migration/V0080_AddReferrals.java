package io.playerbase.adapters.mongo.migration;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;
import org.bson.BsonType;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The referral module (issue 16, docs/referrals.md):
 * <ol>
 *   <li>{@code referral_codes} ({@code _id} = the normalized code: uniqueness by identity, no unique
 *       secondary index) and {@code referrals} ({@code _id} = the referred account), with their indexes,
 *       and an index on users' {@code modules.referrals.referral_code} for the assignment pass;</li>
 *   <li>every code the old system left ({@code REF000123}…) is registered for its owner, upper case, so
 *       it keeps working case-insensitively. A code that is no code (other characters) or that another
 *       account holds in another case is moved to {@code legacy_referral_code} (kept, logged by user id)
 *       and the account gets a new code below;</li>
 *   <li>every {@code referred_by} of the old system (a code) that names a registered code becomes a
 *       {@code legacy} referral: shown in both accounts' listings, never rewarded here;</li>
 *   <li>the old system's {@code referral_count} is kept as {@code _count_base}: links made here count on top;</li>
 *   <li>every account (computer players and staff included, erased ones not) without a code gets one.</li>
 * </ol>
 * Writes go in batches of {@value #BATCH}, each an unordered bulk write; every step is conditional on
 * what it read, so a run that stops half way is completed by the next one, and live registrations (which
 * assign their own codes) are never overwritten. No audit entries: nothing a person did.
 *
 * <p>Frozen once applied.
 */
@ChangeUnit(id = "V0080_AddReferrals", order = "0080", author = "playerbase")
public class V0080_AddReferrals {

    static final String CODES = "referral_codes";
    static final String REFERRALS = "referrals";
    private static final Logger LOG = LoggerFactory.getLogger(V0080_AddReferrals.class);
    private static final int NAMESPACE_EXISTS = 48;
    private static final int BATCH = 1000;
    private static final String MODULE = "modules.referrals";
    private static final String CODE = MODULE + ".referral_code";
    /** The code alphabet of {@code ReferralCode}: no 0/O, 1/I/L, U. */
    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final Pattern SHAPE = Pattern.compile("[A-Z0-9_-]{3,32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoDatabase database;
    private final MigrationSettings settings;

    public V0080_AddReferrals(MongoDatabase database, MigrationSettings settings) {
        this.database = database;
        this.settings = settings;
    }

    @Execution
    public void execute() {
        createCollectionsAndIndexes();
        MongoCollection<Document> users = database.getCollection("users");
        MongoCollection<Document> codes = database.getCollection(CODES);
        int legacy = registerLegacyCodes(users, codes);
        int links = linkLegacyReferrals(users, codes, database.getCollection(REFERRALS));
        int bases = keepLegacyCounts(users);
        int assigned = assignCodes(users, codes);
        LOG.info("V0080_AddReferrals: {} codes of the old system registered, {} of its links kept, {} counts kept, "
                + "{} accounts given a code", legacy, links, bases, assigned);
    }

    /** Nothing to undo: nothing is dropped, and the next run completes what is missing. */
    @RollbackExecution
    public void rollback() {
        LOG.warn("V0080_AddReferrals failed; nothing is removed, the next run completes it");
    }

    private void createCollectionsAndIndexes() {
        List<String> existing = database.listCollectionNames().into(new ArrayList<>());
        for (String collection : List.of(CODES, REFERRALS)) {
            if (!existing.contains(collection)) {
                try {
                    database.createCollection(collection);
                } catch (MongoCommandException e) {
                    if (e.getErrorCode() != NAMESPACE_EXISTS) {
                        throw e;
                    }
                }
            }
        }
        database.getCollection(CODES).createIndex(new Document("owner_id", 1).append("created_at", 1),
                new IndexOptions().name("ix_referral_codes_owner_id"));
        MongoCollection<Document> referrals = database.getCollection(REFERRALS);
        referrals.createIndex(new Document("referrer_id", 1).append("redeemed_at", -1).append("_id", -1),
                new IndexOptions().name("ix_referrals_referrer_id_redeemed_at"));
        IndexOptions work = new IndexOptions().name("ix_referrals_work_at");
        if (!settings.embeddedStore()) {
            // Only referrals with work left hold a date; the others stay out of the index.
            work.partialFilterExpression(new Document("work_at", new Document("$type", "date")));
        }
        referrals.createIndex(new Document("work_at", 1), work);
        database.getCollection("users").createIndex(new Document(CODE, 1), new IndexOptions().name("ix_users_referral_code"));
    }

    /** Registers the old system's codes for their owners; a code that cannot be registered is set aside. */
    private int registerLegacyCodes(MongoCollection<Document> users, MongoCollection<Document> codes) {
        int registered = 0;
        Pages pages = new Pages(users, Filters.type(CODE, BsonType.STRING), Projections.include("created_at", CODE));
        for (List<Document> batch = pages.next(); !batch.isEmpty(); batch = pages.next()) {
            List<Document> claims = new ArrayList<>();
            List<Document> setAside = new ArrayList<>();
            for (Document user : batch) {
                String code = code(user);
                String normalized = code.toUpperCase(Locale.ROOT);
                if (SHAPE.matcher(normalized).matches()) {
                    claims.add(new Document("_id", normalized).append("owner_id", user.getObjectId("_id"))
                            .append("created_at", createdAt(user)).append("source", "legacy"));
                } else {
                    setAside.add(user);
                }
            }
            Set<Object> refused = insertAll(codes, claims);
            Map<Object, ObjectId> owners = owners(codes, refused);
            for (Document claim : claims) {
                Object id = claim.get("_id");
                if (!refused.contains(id)) {
                    registered++;
                } else if (!claim.getObjectId("owner_id").equals(owners.get(id))) {
                    setAside.add(batch.stream().filter(u -> u.getObjectId("_id").equals(claim.getObjectId("owner_id")))
                            .findFirst().orElseThrow());
                }
            }
            setAsideCodes(users, setAside);
        }
        return registered;
    }

    /** Moves codes that cannot work to {@code legacy_referral_code}; the account gets a new code later. */
    private static void setAsideCodes(MongoCollection<Document> users, List<Document> setAside) {
        if (setAside.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> updates = new ArrayList<>();
        for (Document user : setAside) {
            String code = code(user);
            LOG.warn("V0080_AddReferrals: the referral code of user {} is not usable (not a code, or another account "
                    + "holds it in another case); kept as legacy_referral_code, a new code follows",
                    user.getObjectId("_id").toHexString());
            updates.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", user.getObjectId("_id")), Filters.eq(CODE, code)),
                    Updates.combine(Updates.set(MODULE + ".legacy_referral_code", code), Updates.set(CODE, null))));
        }
        users.bulkWrite(updates, new BulkWriteOptions().ordered(false));
    }

    /** The old system's {@code referred_by} codes that resolve to another account become legacy referrals. */
    private int linkLegacyReferrals(MongoCollection<Document> users, MongoCollection<Document> codes,
                                    MongoCollection<Document> referrals) {
        int linked = 0;
        int unresolved = 0;
        Date now = new Date();
        Pages pages = new Pages(users, Filters.type(MODULE + ".referred_by", BsonType.STRING),
                Projections.include("created_at", MODULE + ".referred_by"));
        for (List<Document> batch = pages.next(); !batch.isEmpty(); batch = pages.next()) {
            Set<Object> wanted = new HashSet<>();
            for (Document user : batch) {
                wanted.add(referredBy(user).toUpperCase(Locale.ROOT));
            }
            Map<Object, ObjectId> owners = owners(codes, wanted);
            List<Document> links = new ArrayList<>();
            for (Document user : batch) {
                String code = referredBy(user).toUpperCase(Locale.ROOT);
                ObjectId owner = owners.get(code);
                if (owner == null || owner.equals(user.getObjectId("_id"))) {
                    unresolved++;
                    continue;
                }
                Date redeemed = createdAt(user);
                links.add(new Document("_id", user.getObjectId("_id")).append("referrer_id", owner).append("code", code)
                        .append("redeemed_at", redeemed).append("state", "legacy").append("linked", true)
                        .append("qualification", null).append("pay_at", null).append("referrer_reward", null)
                        .append("referee_reward", null).append("close_reason", null).append("closed_at", null)
                        .append("updated_at", now).append("work_at", null).append("version", 1L));
            }
            linked += links.size() - insertAll(referrals, links).size();
        }
        if (unresolved > 0) {
            LOG.info("V0080_AddReferrals: {} referred_by values of the old system name no registered code; kept as they are",
                    unresolved);
        }
        return linked;
    }

    /** The old system's counts become {@code _count_base}: links made from now on count on top of them. */
    private int keepLegacyCounts(MongoCollection<Document> users) {
        int kept = 0;
        Pages pages = new Pages(users, Filters.and(Filters.gt(MODULE + ".referral_count", 0),
                Filters.exists(MODULE + "._count_base", false)), Projections.include(MODULE + ".referral_count"));
        for (List<Document> batch = pages.next(); !batch.isEmpty(); batch = pages.next()) {
            List<UpdateOneModel<Document>> updates = new ArrayList<>();
            for (Document user : batch) {
                Object count = user.get("modules", Document.class).get("referrals", Document.class).get("referral_count");
                if (count instanceof Number number) {
                    updates.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", user.getObjectId("_id")),
                            Filters.exists(MODULE + "._count_base", false)), Updates.set(MODULE + "._count_base", number.longValue())));
                }
            }
            if (!updates.isEmpty()) {
                kept += (int) users.bulkWrite(updates, new BulkWriteOptions().ordered(false)).getModifiedCount();
            }
        }
        return kept;
    }

    /** A new code for every account without one: claimed first, then set if the account still has none. */
    private int assignCodes(MongoCollection<Document> users, MongoCollection<Document> codes) {
        int assigned = 0;
        Bson withoutCode = Filters.and(Filters.type(MODULE, BsonType.DOCUMENT), Filters.eq(CODE, null),
                Filters.ne("status", "deleted"));
        Pages pages = new Pages(users, withoutCode, Projections.include("_id"));
        for (List<Document> batch = pages.next(); !batch.isEmpty(); batch = pages.next()) {
            Map<ObjectId, String> chosen = new HashMap<>();
            List<ObjectId> open = batch.stream().map(user -> user.getObjectId("_id")).toList();
            for (int attempt = 0; !open.isEmpty(); attempt++) {
                if (attempt == 10) {
                    throw new IllegalStateException("No free referral codes after 10 tries");
                }
                Map<String, ObjectId> candidates = new HashMap<>();
                for (ObjectId user : open) {
                    candidates.put(newCode(), user);
                }
                List<Document> claims = candidates.entrySet().stream().map(entry -> new Document("_id", entry.getKey())
                        .append("owner_id", entry.getValue()).append("created_at", new Date()).append("source", "generated"))
                        .toList();
                Set<Object> refused = insertAll(codes, claims);
                List<ObjectId> retry = new ArrayList<>();
                candidates.forEach((code, user) -> {
                    if (refused.contains(code)) {
                        retry.add(user);
                    } else {
                        chosen.put(user, code);
                    }
                });
                open = retry;
            }
            List<UpdateOneModel<Document>> updates = new ArrayList<>();
            chosen.forEach((user, code) -> updates.add(new UpdateOneModel<>(
                    Filters.and(Filters.eq("_id", user), Filters.eq(CODE, null)), Updates.set(CODE, code))));
            long set = users.bulkWrite(updates, new BulkWriteOptions().ordered(false)).getModifiedCount();
            assigned += (int) set;
            if (set < chosen.size()) {
                // Accounts given a code meanwhile (a live registration): their claims here are given back.
                for (Map.Entry<ObjectId, String> entry : chosen.entrySet()) {
                    Document user = users.find(Filters.eq("_id", entry.getKey())).projection(Projections.include(CODE)).first();
                    if (user == null || !entry.getValue().equals(code(user))) {
                        codes.deleteOne(Filters.and(Filters.eq("_id", entry.getValue()), Filters.eq("owner_id", entry.getKey())));
                    }
                }
            }
        }
        return assigned;
    }

    /**
     * The users matching {@code filter}, in {@code _id} order, a batch at a time through one cursor per pass:
     * the embedded store scans and sorts the collection once per pass, not once per page (a paged query
     * with a filter on unindexed fields scans it every time), and MongoDB walks the {@code _id} index. A
     * batch's writes never change what the pass still has to read (every write is conditional, and the
     * passes are idempotent). Documents whose {@code _id} is no ObjectId are no accounts the service can
     * serve (it reads users by ObjectId); they are left alone.
     */
    private static final class Pages {

        private final MongoCursor<Document> cursor;

        Pages(MongoCollection<Document> users, Bson filter, Bson projection) {
            this.cursor = users.find(Filters.and(filter, Filters.type("_id", BsonType.OBJECT_ID))).projection(projection)
                    .sort(Sorts.ascending("_id")).batchSize(BATCH).iterator();
        }

        /** The next batch of at most {@code BATCH} users; empty (and the cursor closed) at the end. */
        List<Document> next() {
            List<Document> batch = new ArrayList<>(BATCH);
            while (batch.size() < BATCH && cursor.hasNext()) {
                batch.add(cursor.next());
            }
            if (batch.isEmpty()) {
                cursor.close();
            }
            return batch;
        }
    }

    private static Set<Object> insertAll(MongoCollection<Document> collection, List<Document> documents) {
        Set<Object> refused = new HashSet<>();
        if (documents.isEmpty()) {
            return refused;
        }
        try {
            collection.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                refused.add(documents.get(error.getIndex()).get("_id"));
            }
        }
        return refused;
    }

    private static Map<Object, ObjectId> owners(MongoCollection<Document> codes, Set<Object> ids) {
        Map<Object, ObjectId> owners = new HashMap<>();
        if (!ids.isEmpty()) {
            codes.find(Filters.in("_id", ids)).forEach(claim -> owners.put(claim.get("_id"), claim.getObjectId("owner_id")));
        }
        return owners;
    }

    private static String code(Document user) {
        Object code = user.get("modules", Document.class).get("referrals", Document.class).get("referral_code");
        return code == null ? null : code.toString();
    }

    private static String referredBy(Document user) {
        return user.get("modules", Document.class).get("referrals", Document.class).getString("referred_by");
    }

    private static Date createdAt(Document user) {
        return user.get("created_at") instanceof Date date ? date : user.getObjectId("_id").getDate();
    }

    private static String newCode() {
        StringBuilder code = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
