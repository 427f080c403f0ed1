package io.playerbase.adapters.mongo.migration;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.changock.migration.api.annotations.NonLockGuarded;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.FieldCipher.FieldContext;
import io.playerbase.domain.shared.LegacyCipher;
import com.mongodb.MongoClientSettings;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The update path for a database of the old system (or of an older Playerbase), after V0001–V0003 have
 * added what is missing of collections, indexes, registry entries and computer players:
 * <ol>
 *   <li><b>registry</b>: an entry without {@code default_document} (the old system's entries have a
 *   {@code schema} instead) gets Playerbase's defaults of V0002; nothing else of it changes;</li>
 *   <li><b>account fields</b>: {@code is_comp_player: false}, {@code status: "active"} and
 *   {@code roles: ["player"]} where absent;</li>
 *   <li><b>wallet balance</b>: the old system kept the credits in {@code modules.wallet.credit_balance},
 *   as an int, a double or a numeric string. A value that is a whole number becomes
 *   {@code modules.wallet.balance}, encrypted under the service key. The original stays where it was,
 *   with its exact text ({@code s:<text>}, e.g. {@code s:1234.0}), encrypted in place: a raw look at the
 *   database shows no credit amount, and the original can always be read back. A value that is not a
 *   whole number (e.g. {@code 12.5}) gets no {@code balance}: it is logged and counted by {@code status},
 *   for a person to decide;</li>
 *   <li><b>modules</b>: every user lacking an active module of the registry gets it with the registry's
 *   default document; a module present but missing fields of the defaults gets those fields (existing
 *   fields, hand-edited ones included, are never changed).</li>
 * </ol>
 * One read of every user and one conditional update per user that lacks anything, in unordered bulk
 * writes of {@value #BATCH} users ({@link #userByUser}): each update adds only flags that are still absent
 * and rewrites {@code modules} only if it is still exactly as read, so a concurrent change is never
 * overwritten; such a user is skipped and completed afterwards field by field ({@link #fieldByField}:
 * filtered {@code updateMany}s with {@code $exists: false}, the balances again per user), which gives the
 * same documents (LegacyBackfillOnePassTest compares both). Idempotent: a second run, or a run after a
 * crash half way, finds only what is left.
 * Personal values in plaintext (email, phone, address) and a default {@code balance: 0} are encrypted
 * afterwards by the re-encryption pass, which needs each user's data key (docs/migrations.md).
 *
 * <p>Frozen once applied.
 */
@ChangeUnit(id = "V0041_BackfillLegacyUsers", order = "0041", author = "playerbase")
public class V0041_BackfillLegacyUsers {

    static final String CREDIT_BALANCE = "modules.wallet.credit_balance";
    static final String BALANCE = "modules.wallet.balance";

    private static final Logger LOG = LoggerFactory.getLogger(V0041_BackfillLegacyUsers.class);
    private static final int BATCH = 1000;
    /** At most this many users left to the completion are named in its filters; more, and it looks at every user. */
    private static final int MAX_NAMED_LEFTOVERS = 10_000;
    private static final Codec<Document> DOCUMENTS = MongoClientSettings.getDefaultCodecRegistry().get(Document.class);
    /** Account fields set where absent, in this order. */
    private static final Map<String, Object> FLAGS = flags();

    private final MongoDatabase database;
    private final FieldCipher cipher;

    // The cipher does not touch the database, so Mongock's lock guard has nothing to protect there.
    public V0041_BackfillLegacyUsers(MongoDatabase database, @NonLockGuarded FieldCipher cipher) {
        this.database = database;
        this.cipher = cipher;
    }

    @Execution
    public void execute() {
        MongoCollection<Document> registry = database.getCollection("user_modules");
        MongoCollection<Document> users = database.getCollection("users");
        completeRegistry(registry);
        List<Document> modules = registry.find(Filters.eq("status", "active")).into(new ArrayList<>());
        Leftovers left = userByUser(users, modules);
        if (left.count() > 0) {
            LOG.info("{} users changed while being backfilled, or of an unusual shape; completing them field by field", left.count());
            // Only the users that can be among them (the unusual ones, every user of a bulk write that missed one),
            // when they are few enough to name: the others were written whole, and each filtered write would
            // otherwise look at every user of the collection.
            fieldByField(users, modules, left.ids().size() <= MAX_NAMED_LEFTOVERS ? Filters.in("_id", left.ids()) : new Document());
        }
    }

    /**
     * What the one pass left to the field-by-field completion: how many users, and the ids of every user that
     * can be among them.
     */
    private record Leftovers(long count, List<Object> ids) {
    }

    /** The one-pass backfill alone, without the field-by-field completion: for the tests. */
    long executeUserByUser() {
        MongoCollection<Document> registry = database.getCollection("user_modules");
        completeRegistry(registry);
        return userByUser(database.getCollection("users"), registry.find(Filters.eq("status", "active")).into(new ArrayList<>())).count();
    }

    /** The whole unit done field by field only, as it was first written: the reference of the tests. */
    void executeFieldByField() {
        MongoCollection<Document> registry = database.getCollection("user_modules");
        completeRegistry(registry);
        fieldByField(database.getCollection("users"), registry.find(Filters.eq("status", "active")).into(new ArrayList<>()),
                new Document());
    }

    /**
     * The same result step by step: every flag, the balances, then each module and each of its fields is
     * its own filtered write, each taking only the users that still lack it. This is what the update path
     * did first; {@link #userByUser} does it in one write per user, and this takes whatever that pass could
     * not write (a user changed meanwhile).
     */
    void fieldByField(MongoCollection<Document> users, List<Document> modules, Bson scope) {
        FLAGS.forEach((flag, value) -> setWhereAbsent(users, scope, flag, value));
        mapBalances(users, scope);
        for (Document module : modules) {
            backfill(users, scope, module.getString("module_name"), module.get("default_document", Document.class));
        }
    }

    private static void completeRegistry(MongoCollection<Document> registry) {
        for (V0002_AddModuleRegistry.Module module : V0002_AddModuleRegistry.modules()) {
            registry.updateOne(Filters.and(Filters.eq("module_name", module.name()), Filters.exists("default_document", false)),
                    Updates.set("default_document", module.defaults()));
        }
    }

    /**
     * Everything {@link #fieldByField} would write to a user, computed from one read of the user and
     * written as one update, in unordered bulk writes of {@value #BATCH} (each overlapping the preparation of
     * the next, {@link OverlappedWrites}). The embedded store (and a real
     * MongoDB, less so) pays for every document write; field by field a legacy user was written about ten
     * times, this way once, with fewer paths for the server to walk. The update is conditional on everything
     * it relies on: each flag it adds still absent, the user's {@code modules} still exactly as read (which
     * covers the credit balance it encrypts). A user changed between the read and the write is therefore not
     * written at all.
     *
     * @return the users whose update found them changed, or of an {@link #unusual} shape (left for {@link #fieldByField})
     */
    private Leftovers userByUser(MongoCollection<Document> users, List<Document> modules) {
        Counts counts = new Counts();
        List<String> read = new ArrayList<>(FLAGS.keySet());
        read.add("modules");
        long unusual = 0;
        List<Object> leftIds = Collections.synchronizedList(new ArrayList<>());
        try (OverlappedWrites writes = new OverlappedWrites("V0041-bulk-writes")) {
            List<UpdateOneModel<Document>> batch = new ArrayList<>();
            List<Object> batchIds = new ArrayList<>();
            for (Document user : users.find().projection(Projections.include(read)).batchSize(BATCH)) {
                if (unusual(user, modules)) {
                    unusual++;
                    leftIds.add(user.get("_id"));
                    continue;
                }
                UpdateOneModel<Document> update = update(user, modules, counts);
                if (update != null) {
                    batch.add(update);
                    batchIds.add(user.get("_id"));
                }
                if (batch.size() == BATCH) {
                    writes.submit(unmatched(users, batch, batchIds, leftIds));
                    batch = new ArrayList<>();
                    batchIds = new ArrayList<>();
                }
            }
            if (!batch.isEmpty()) {
                writes.submit(unmatched(users, batch, batchIds, leftIds));
            }
            long unmatched = writes.finish();
            counts.log();
            return new Leftovers(unmatched + unusual, List.copyOf(leftIds));
        }
    }

    /**
     * A bulk write of the batch, returning how many of its updates found their user changed; when some did,
     * every user of the batch goes to {@code leftIds} (the result does not say which).
     */
    private static Callable<Long> unmatched(MongoCollection<Document> users, List<UpdateOneModel<Document>> batch,
                                            List<Object> batchIds, List<Object> leftIds) {
        return () -> {
            long unmatched = (long) batch.size() - users.bulkWrite(batch, new BulkWriteOptions().ordered(false)).getMatchedCount();
            if (unmatched > 0) {
                leftIds.addAll(batchIds);
            }
            return unmatched;
        };
    }

    /**
     * The one update of a user ({@code null} when nothing is missing), with the result of {@link #fieldByField}:
     * the flags it lacks, and its {@code modules} as a whole, completed the way the field-by-field writes
     * complete it (a missing module appended with its defaults in registry order, missing fields appended
     * to a module in the order of its defaults, the credit balance encrypted in place, the mapped balance
     * appended before the defaults; nothing present changes). The {@code modules} written replace the ones
     * read only if those are still exactly what was read.
     */
    private UpdateOneModel<Document> update(Document user, List<Document> modules, Counts counts) {
        Object id = user.get("_id");
        Document filter = new Document("_id", id);
        Document set = new Document();
        FLAGS.forEach((flag, value) -> {
            if (!user.containsKey(flag)) {
                filter.append(flag, new Document("$exists", false));
                set.append(flag, value);
                counts.flags.merge(flag, 1L, Long::sum);
            }
        });
        Document before = (Document) user.get("modules");
        Document after = before == null ? new Document() : new Document(before);
        boolean changed = false;
        boolean hasCreditBalance = after.get("wallet") instanceof Document wallet && wallet.containsKey("credit_balance");
        if (hasCreditBalance) {
            Document wallet = new Document((Document) after.get("wallet"));
            if (mapBalance(id, wallet, counts)) {
                after.put("wallet", wallet);
                changed = true;
            }
        }
        for (Document module : modules) {
            String name = module.getString("module_name");
            Document defaults = module.get("default_document", Document.class);
            if (!after.containsKey(name)) {
                after.append(name, defaults == null ? new Document() : defaults);
                counts.added.merge(name, 1L, Long::sum);
                changed = true;
                continue;
            }
            Document completed = new Document((Document) after.get(name));
            for (Map.Entry<String, Object> field : (defaults == null ? new Document() : defaults).entrySet()) {
                // A legacy amount that could not be mapped is reported, never replaced by a default.
                if (completed.containsKey(field.getKey()) || BALANCE.equals("modules." + name + "." + field.getKey()) && hasCreditBalance) {
                    continue;
                }
                completed.append(field.getKey(), field.getValue());
                counts.completed.merge(name, 1L, Long::sum);
            }
            if (completed.size() > ((Document) after.get(name)).size()) {
                after.put(name, completed);
                changed = true;
            }
        }
        if (changed) {
            filter.append("modules", new Document(before == null ? "$exists" : "$eq", before == null ? false : before));
            set.append("modules", after);
        }
        if (set.isEmpty()) {
            return null;
        }
        return new UpdateOneModel<>(encoded(filter), encoded(new Document("$set", set)));
    }

    /**
     * A shape the field-by-field writes fail on: {@code modules}, or a module of the registry, that is not
     * a document (they cannot add fields into it). Left to them, to fail the same way.
     */
    private static boolean unusual(Document user, List<Document> modules) {
        if (!user.containsKey("modules")) {
            return false;
        }
        if (!(user.get("modules") instanceof Document present)) {
            return true;
        }
        return modules.stream().map(module -> module.getString("module_name"))
                .anyMatch(name -> present.containsKey(name) && !(present.get(name) instanceof Document));
    }

    /**
     * {@link #mapBalances} for one user, on a copy of their wallet: the credit balance encrypted in place,
     * the mapped balance appended; {@code false} when it leaves the wallet as it is.
     */
    private boolean mapBalance(Object id, Document wallet, Counts counts) {
        Object original = wallet.get("credit_balance");
        if (original == null || original instanceof String text
                && (cipher.isCiphertext(text) || LegacyCipher.FernetFormat.looksLikeToken(text))) {
            return false;
        }
        String idHex = idText(id);
        String balance = null;
        if (!wallet.containsKey("balance")) {
            Long credits = wholeCredits(original);
            if (credits == null) {
                counts.unmapped++;
                LOG.warn("User {}: legacy credit balance is not a whole number of credits; no balance set, for a person to decide",
                        idHex);
            } else {
                counts.mapped++;
                balance = cipher.encrypt("n:" + credits, new FieldContext("users", idHex, BALANCE));
            }
        }
        wallet.put("credit_balance", cipher.encrypt("s:" + text(original), new FieldContext("users", idHex, CREDIT_BALANCE)));
        if (balance != null) {
            wallet.append("balance", balance);
        }
        return true;
    }

    /**
     * The filter or update as BSON bytes, encoded here rather than on the writing thread, which then only
     * sends them (encoding costs about as much as the server's work on the previous batch).
     */
    private static RawBsonDocument encoded(Document document) {
        return new RawBsonDocument(document, DOCUMENTS);
    }

    private static String idText(Object id) {
        return id instanceof ObjectId objectId ? objectId.toHexString() : String.valueOf(id);
    }

    /** What the one-pass backfill wrote, for the log (the same lines as field by field). */
    private static final class Counts {
        private final Map<String, Long> flags = new LinkedHashMap<>();
        private final Map<String, Long> added = new LinkedHashMap<>();
        private final Map<String, Long> completed = new LinkedHashMap<>();
        private long mapped;
        private long unmapped;

        void log() {
            flags.forEach((flag, users) -> LOG.info("Set {} on {} users that had none", flag, users));
            if (mapped + unmapped > 0) {
                LOG.info("Legacy credit balances: {} mapped to modules.wallet.balance, {} left for a person to decide", mapped, unmapped);
            }
            java.util.Set<String> modules = new java.util.LinkedHashSet<>(added.keySet());
            modules.addAll(completed.keySet());
            for (String module : modules) {
                LOG.info("Module {}: added to {} users, {} missing fields completed", module,
                        added.getOrDefault(module, 0L), completed.getOrDefault(module, 0L));
            }
        }
    }

    /** Nothing to undo: every write only filled what was absent, and the next run completes the rest. */
    @RollbackExecution
    public void rollback() {
        LOG.warn("V0041_BackfillLegacyUsers failed; what was added is kept, the next run completes it");
    }

    private static void setWhereAbsent(MongoCollection<Document> users, Bson scope, String field, Object value) {
        long changed = users.updateMany(Filters.and(scope, Filters.exists(field, false)), Updates.set(field, value)).getModifiedCount();
        if (changed > 0) {
            LOG.info("Set {} on {} users that had none", field, changed);
        }
    }

    private void backfill(MongoCollection<Document> users, Bson scope, String module, Document defaults) {
        Document defaultDocument = defaults == null ? new Document() : defaults;
        String path = "modules." + module;
        long added = users.updateMany(Filters.and(scope, Filters.exists(path, false)), Updates.set(path, defaultDocument)).getModifiedCount();
        long completed = 0;
        for (Map.Entry<String, Object> field : defaultDocument.entrySet()) {
            String fieldPath = path + "." + field.getKey();
            Bson filter = Filters.and(scope, Filters.exists(path, true), Filters.exists(fieldPath, false));
            if (BALANCE.equals(fieldPath)) {
                // A legacy amount that could not be mapped is reported, never replaced by a default.
                filter = Filters.and(filter, Filters.exists(CREDIT_BALANCE, false));
            }
            completed += users.updateMany(filter, Updates.set(fieldPath, field.getValue())).getModifiedCount();
        }
        if (added + completed > 0) {
            LOG.info("Module {}: added to {} users, {} missing fields completed", module, added, completed);
        }
    }

    private void mapBalances(MongoCollection<Document> users, Bson scope) {
        List<UpdateOneModel<Document>> writes = new ArrayList<>();
        long mapped = 0;
        long unmapped = 0;
        for (Document user : users.find(Filters.and(scope, Filters.exists(CREDIT_BALANCE, true)))
                .projection(Projections.include(CREDIT_BALANCE, BALANCE)).sort(Sorts.ascending("_id")).batchSize(BATCH)) {
            Object id = user.get("_id");
            Document wallet = user.get("modules", Document.class).get("wallet", Document.class);
            Object original = wallet.get("credit_balance");
            // A token of the old system is left as it is: the re-encryption pass reads it when its key is configured.
            if (original == null || original instanceof String text
                    && (cipher.isCiphertext(text) || LegacyCipher.FernetFormat.looksLikeToken(text))) {
                continue;
            }
            String idHex = id instanceof ObjectId objectId ? objectId.toHexString() : String.valueOf(id);
            List<Bson> sets = new ArrayList<>();
            Bson filter = Filters.and(Filters.eq("_id", id), Filters.eq(CREDIT_BALANCE, original));
            if (!wallet.containsKey("balance")) {
                Long credits = wholeCredits(original);
                if (credits == null) {
                    unmapped++;
                    LOG.warn("User {}: legacy credit balance is not a whole number of credits; no balance set, for a person to decide",
                            idHex);
                } else {
                    mapped++;
                    sets.add(Updates.set(BALANCE, cipher.encrypt("n:" + credits, new FieldContext("users", idHex, BALANCE))));
                    filter = Filters.and(filter, Filters.exists(BALANCE, false));
                }
            }
            sets.add(Updates.set(CREDIT_BALANCE,
                    cipher.encrypt("s:" + text(original), new FieldContext("users", idHex, CREDIT_BALANCE))));
            writes.add(new UpdateOneModel<>(filter, Updates.combine(sets)));
            if (writes.size() == BATCH) {
                users.bulkWrite(writes, new BulkWriteOptions().ordered(false));
                writes.clear();
            }
        }
        if (!writes.isEmpty()) {
            users.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
        if (mapped + unmapped > 0) {
            LOG.info("Legacy credit balances: {} mapped to modules.wallet.balance, {} left for a person to decide", mapped, unmapped);
        }
    }

    private static Map<String, Object> flags() {
        Map<String, Object> flags = new LinkedHashMap<>();
        flags.put("is_comp_player", false);
        flags.put("status", "active");
        flags.put("roles", List.of("player"));
        return java.util.Collections.unmodifiableMap(flags);
    }

    /** The amount as whole credits, or {@code null} when it is not exactly one. */
    static Long wholeCredits(Object original) {
        BigDecimal amount = switch (original) {
            case Integer number -> BigDecimal.valueOf(number);
            case Long number -> BigDecimal.valueOf(number);
            case Double number when Double.isFinite(number) -> BigDecimal.valueOf(number);
            case Decimal128 number when number.isFinite() -> number.bigDecimalValue();
            case String text -> parse(text);
            default -> null;
        };
        if (amount == null) {
            return null;
        }
        try {
            return amount.stripTrailingZeros().scale() <= 0 ? amount.longValueExact() : null;
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static BigDecimal parse(String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The original as text, exactly: {@code 1234}, {@code 1234.0}, {@code 12.5}, or the string itself. */
    static String text(Object original) {
        return switch (original) {
            case Double number -> BigDecimal.valueOf(number).toPlainString();
            default -> String.valueOf(original);
        };
    }
}
