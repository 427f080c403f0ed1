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
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * Everything is a filtered {@code updateMany} ({@code $exists: false}) except the balance, which needs
 * per-user encryption: unordered bulk writes of {@value #BATCH} users, each update conditional on the
 * exact value read. Idempotent: a second run, or a run after a crash half way, finds only what is left.
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
        for (V0002_AddModuleRegistry.Module module : V0002_AddModuleRegistry.modules()) {
            registry.updateOne(Filters.and(Filters.eq("module_name", module.name()), Filters.exists("default_document", false)),
                    Updates.set("default_document", module.defaults()));
        }
        setWhereAbsent(users, "is_comp_player", false);
        setWhereAbsent(users, "status", "active");
        setWhereAbsent(users, "roles", List.of("player"));
        mapBalances(users);
        for (Document module : registry.find(Filters.eq("status", "active"))) {
            backfill(users, module.getString("module_name"), module.get("default_document", Document.class));
        }
    }

    /** Nothing to undo: every write only filled what was absent, and the next run completes the rest. */
    @RollbackExecution
    public void rollback() {
        LOG.warn("V0041_BackfillLegacyUsers failed; what was added is kept, the next run completes it");
    }

    private static void setWhereAbsent(MongoCollection<Document> users, String field, Object value) {
        long changed = users.updateMany(Filters.exists(field, false), Updates.set(field, value)).getModifiedCount();
        if (changed > 0) {
            LOG.info("Set {} on {} users that had none", field, changed);
        }
    }

    private void backfill(MongoCollection<Document> users, String module, Document defaults) {
        Document defaultDocument = defaults == null ? new Document() : defaults;
        String path = "modules." + module;
        long added = users.updateMany(Filters.exists(path, false), Updates.set(path, defaultDocument)).getModifiedCount();
        long completed = 0;
        for (Map.Entry<String, Object> field : defaultDocument.entrySet()) {
            String fieldPath = path + "." + field.getKey();
            Bson filter = Filters.and(Filters.exists(path, true), Filters.exists(fieldPath, false));
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

    private void mapBalances(MongoCollection<Document> users) {
        List<UpdateOneModel<Document>> writes = new ArrayList<>();
        long mapped = 0;
        long unmapped = 0;
        for (Document user : users.find(Filters.exists(CREDIT_BALANCE, true))
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
