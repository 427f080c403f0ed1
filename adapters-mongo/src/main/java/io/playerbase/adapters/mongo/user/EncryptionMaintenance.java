package io.playerbase.adapters.mongo.user;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.playerbase.domain.shared.BlindIndex;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.FieldCipher.FieldContext;
import io.playerbase.domain.shared.LegacyCipher;
import io.playerbase.domain.shared.PersonalDataKeys;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The re-encryption pass: brings every stored value under the current keys, in batches, while the
 * service runs. It
 * <ol>
 *   <li>re-wraps every data key in {@code user_keys} under the primary master key (the data keys
 *   themselves, and so the personal values, do not change);</li>
 *   <li>moves every user's personal fields under their data key (computer players and legacy users
 *   written before data keys existed get one), and encrypts legacy plaintext;</li>
 *   <li>re-encrypts service-key values that are under an older master key: the sensitive module
 *   values of users (wallet balance, opening balance), the ledger's amounts and descriptions
 *   ({@code wallet_transactions}; their content, and so the hash chain, does not change), and stored
 *   Idempotency-Key responses.</li>
 * </ol>
 * Each document is rewritten with a conditional update on the exact values read, so a concurrent
 * change is never overwritten (the value is simply taken by the next pass). The position is saved in
 * {@code encryption_state} after every batch: an interrupted pass resumes there. A pass is idempotent:
 * running it again when everything is current changes nothing.
 */
@Singleton
public final class EncryptionMaintenance {

    private static final Logger LOG = LoggerFactory.getLogger(EncryptionMaintenance.class);
    private static final String STATE_ID = "reencryption";
    private static final int MAX_PASSES = 5;
    /** Module values the wallet always encrypts, whatever the sensitive-fields setting says. */
    private static final List<String> ALWAYS_ENCRYPTED_MODULE_PATHS = List.of("modules.wallet._opening_balance");
    private static final List<String> LEDGER_FIELDS = List.of("amount", "balance_after", "description", "salt");
    /** The placeholder entry prefix of V0040_IndexLegacyUsers (a frozen stored format). */
    static final String UNINDEXED = "unindexed:";

    private final MongoCollection<Document> users;
    private final MongoCollection<Document> userKeys;
    private final MongoCollection<Document> state;
    private final MongoCollection<Document> ledger;
    private final MongoCollection<Document> idempotencyKeys;
    private final UserDataKeys keys;
    private final PersonalDataKeys dataKeys;
    private final FieldCipher serviceCipher;
    private final BlindIndex blindIndex;
    private final SensitiveFields sensitive;
    private final LegacyCipher legacy;
    private final String primaryKeyId;
    private final int batchSize;

    private final AtomicLong keysRewrapped = new AtomicLong();
    private final AtomicLong valuesReencrypted = new AtomicLong();
    private final AtomicLong legacyValuesEncrypted = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private final AtomicLong indexEntriesChanged = new AtomicLong();
    private final AtomicLong legacyRemaining = new AtomicLong();
    private volatile boolean running;

    EncryptionMaintenance(MongoDatabase database, UserDataKeys keys, PersonalDataKeys dataKeys, FieldCipher serviceCipher,
                          BlindIndex blindIndex, SensitiveFields sensitive,
                          @Value("${playerbase.crypto.reencryption-batch-size:500}") int batchSize,
                          @Nullable MeterRegistry meters, @Nullable LegacyCipher legacy) {
        this.users = database.getCollection(UserDocumentMapper.COLLECTION);
        this.userKeys = database.getCollection(UserDataKeys.COLLECTION);
        this.state = database.getCollection("encryption_state");
        this.ledger = database.getCollection("wallet_transactions");
        this.idempotencyKeys = database.getCollection("idempotency_keys");
        this.keys = keys;
        this.dataKeys = dataKeys;
        this.serviceCipher = serviceCipher;
        this.blindIndex = blindIndex;
        this.sensitive = sensitive;
        this.legacy = legacy == null ? LegacyCipher.NONE : legacy;
        this.primaryKeyId = serviceCipher.currentKeyId();
        this.batchSize = batchSize;
        if (meters != null) {
            meters.gauge("playerbase.encryption.keys.rewrapped", keysRewrapped);
            meters.gauge("playerbase.encryption.values.reencrypted", valuesReencrypted);
            meters.gauge("playerbase.encryption.legacy.encrypted", legacyValuesEncrypted);
            meters.gauge("playerbase.encryption.conflicts.deferred", conflicts);
            meters.gauge("playerbase.encryption.index.entries.updated", indexEntriesChanged);
            meters.gauge("playerbase.encryption.legacy.remaining", legacyRemaining);
            meters.gauge("playerbase.encryption.pass.running", this, maintenance -> maintenance.running ? 1 : 0);
        }
    }

    /** What the last or current pass did, for health details, the CLI and metrics. */
    /**
     * @param legacyValuesRemaining legacy values the pass found but could not encrypt (a type it does
     *                              not know); they stay readable and are logged with their user id
     */
    public record Progress(String primaryKeyId, String status, String phase, long keysRewrapped,
                           long valuesReencrypted, long legacyValuesEncrypted, long legacyValuesRemaining,
                           long conflictsDeferred, Instant startedAt, Instant finishedAt) {
    }

    /**
     * Whether a pass is due: never run, interrupted or incomplete, or run under another primary key
     * or another blind-index key setup.
     */
    public boolean due() {
        Document current = state.find(Filters.eq("_id", STATE_ID)).first();
        return current == null || !"finished".equals(current.getString("status"))
                || !primaryKeyId.equals(current.getString("primary_key_id"))
                || !indexKeys().equals(current.getString("index_keys"));
    }

    /** The key ids index entries are written under now, e.g. {@code k1} or {@code k1,k2} mid-rotation. */
    private String indexKeys() {
        return String.join(",", blindIndex.entries("probe", "probe").stream()
                .map(entry -> entry.substring(0, entry.indexOf(':'))).toList());
    }

    public Progress progress() {
        Document current = state.find(Filters.eq("_id", STATE_ID)).first();
        if (current == null) {
            return new Progress(primaryKeyId, "never-run", null, 0, 0, 0, 0, 0, null, null);
        }
        return new Progress(current.getString("primary_key_id"), running ? "running" : current.getString("status"),
                current.getString("phase"), number(current, "keys_rewrapped"), number(current, "values_reencrypted"),
                number(current, "legacy_encrypted"), number(current, "legacy_remaining"), number(current, "conflicts_deferred"),
                instant(current.getDate("started_at")), instant(current.getDate("finished_at")));
    }

    /**
     * Runs (or resumes) a pass over every document. Values skipped because they changed while being
     * re-encrypted are taken by another pass, a few times at most; if some still remain, the state
     * stays {@code incomplete} and the pass is due again.
     */
    public synchronized Progress run() {
        running = true;
        try {
            for (int attempt = 1; attempt <= MAX_PASSES; attempt++) {
                Document checkpoint = startOrResume();
                long deferredBefore = number(checkpoint, "conflicts_deferred");
                List<String> phases = List.of("keys", "users", "ledger", "idempotency");
                for (int phase = phases.indexOf(checkpoint.getString("phase")); phase < phases.size(); phase++) {
                    String name = phases.get(phase);
                    switch (name) {
                        case "keys" -> sweep(userKeys, checkpoint, name, this::rewrapKey);
                        case "users" -> sweep(users, checkpoint, name, this::reencryptUser);
                        case "ledger" -> sweep(ledger, checkpoint, name, (entry, point) -> reencryptServiceFields(
                                ledger, entry, entry.getObjectId("_id").toHexString(), LEDGER_FIELDS, point));
                        default -> sweep(idempotencyKeys, checkpoint, name, (record, point) -> reencryptServiceFields(
                                idempotencyKeys, record, record.getString("lease_id"), List.of("response.body"), point));
                    }
                    if (phase + 1 < phases.size()) {
                        checkpoint.put("phase", phases.get(phase + 1));
                        checkpoint.put("last_id", null);
                        save(checkpoint);
                    }
                }
                boolean clean = number(checkpoint, "conflicts_deferred") == deferredBefore;
                checkpoint.put("status", clean ? "finished" : "incomplete");
                checkpoint.put("finished_at", new Date());
                save(checkpoint);
                LOG.info("Re-encryption pass {} under key {}: {} keys re-wrapped, {} values re-encrypted, "
                                + "{} legacy values encrypted, {} deferred by concurrent changes",
                        clean ? "finished" : "incomplete", primaryKeyId, checkpoint.get("keys_rewrapped"),
                        checkpoint.get("values_reencrypted"), checkpoint.get("legacy_encrypted"),
                        checkpoint.get("conflicts_deferred"));
                if (clean) {
                    break;
                }
            }
        } finally {
            running = false;
        }
        return progress();
    }

    private Document startOrResume() {
        Document current = state.find(Filters.eq("_id", STATE_ID)).first();
        if (current != null && primaryKeyId.equals(current.getString("primary_key_id"))
                && indexKeys().equals(current.getString("index_keys"))) {
            if ("running".equals(current.getString("status"))) {
                LOG.info("Resuming the re-encryption pass in phase {} after {}", current.get("phase"), current.get("last_id"));
                return current;
            }
            if ("incomplete".equals(current.getString("status"))) {
                // Another sweep for the values deferred last time; totals keep adding up.
                current.put("status", "running");
                current.put("phase", "keys");
                current.put("last_id", null);
                save(current);
                return current;
            }
        }
        Document fresh = new Document("_id", STATE_ID).append("primary_key_id", primaryKeyId)
                .append("index_keys", indexKeys())
                .append("status", "running").append("phase", "keys").append("last_id", null)
                .append("keys_rewrapped", 0L).append("values_reencrypted", 0L).append("legacy_encrypted", 0L)
                .append("legacy_remaining", 0L).append("conflicts_deferred", 0L).append("started_at", new Date()).append("finished_at", null);
        save(fresh);
        LOG.info("Re-encryption pass started under primary key {}", primaryKeyId);
        return fresh;
    }

    private interface Visitor {
        /** Handles one document; counts go into the checkpoint. */
        void visit(Document document, Document checkpoint);
    }

    private void sweep(MongoCollection<Document> collection, Document checkpoint, String phase, Visitor visitor) {
        while (true) {
            Object after = checkpoint.get("last_id");
            Bson filter = after == null ? new Document() : Filters.gt("_id", after);
            List<Document> batch = collection.find(filter).sort(Sorts.ascending("_id")).limit(batchSize)
                    .into(new ArrayList<>());
            if (batch.isEmpty()) {
                return;
            }
            for (Document document : batch) {
                visitor.visit(document, checkpoint);
            }
            checkpoint.put("last_id", batch.get(batch.size() - 1).get("_id"));
            checkpoint.put("phase", phase);
            save(checkpoint);
        }
    }

    private void rewrapKey(Document key, Document checkpoint) {
        String wrapped = key.getString("wrapped_key");
        if (dataKeys.isWrappedUnderPrimary(wrapped)) {
            return;
        }
        UserId owner = new UserId(key.getObjectId("_id").toHexString());
        String rewrapped = dataKeys.rewrap(owner, wrapped);
        long matched = userKeys.updateOne(Filters.and(Filters.eq("_id", key.getObjectId("_id")), Filters.eq("wrapped_key", wrapped)),
                Updates.combine(Updates.set("wrapped_key", rewrapped), Updates.set("updated_at", new Date()))).getMatchedCount();
        count(checkpoint, matched == 1 ? "keys_rewrapped" : "conflicts_deferred", matched == 1 ? keysRewrapped : conflicts);
    }

    private void reencryptUser(Document user, Document checkpoint) {
        if (UserDocumentMapper.isErased(user)) {
            return;
        }
        if (isUnindexedLegacyUser(user)) {
            // A legacy value that collides with another user's (V0040): left as it is for a person to resolve.
            count(checkpoint, "legacy_users_unindexed", new AtomicLong());
            return;
        }
        String id = user.getObjectId("_id").toHexString();
        Document expected = new Document("_id", user.getObjectId("_id"));
        Document changes = new Document();
        Supplier<FieldCipher> personal = memoize(() -> keys.forWriting(new UserId(id)));
        long legacy = 0;
        String plainEmail = null;
        for (String field : sensitive.personalFields()) {
            if (user.get(field) instanceof String stored && !stored.isEmpty()
                    && personal.get().needsReencryption(stored)) {
                FieldContext context = new FieldContext(UserDocumentMapper.COLLECTION, id, field);
                String plain = this.legacy.isLegacyToken(stored) ? legacyPlaintext(id, field, stored, checkpoint)
                        : personal.get().decrypt(stored, context);
                if (plain == null) {
                    continue;
                }
                legacy += personal.get().isCiphertext(stored) ? 0 : 1;
                changes.append(field, personal.get().encrypt(plain, context));
                expected.append(field, stored);
                if ("email".equals(field)) {
                    plainEmail = plain;
                }
            }
        }
        // Blind-index entries follow the configured index keys (side-by-side index rotation).
        if (user.get("email") instanceof String email && !email.isEmpty()) {
            if (plainEmail == null && !this.legacy.isLegacyToken(email)) {
                plainEmail = personal.get().decrypt(email, new FieldContext(UserDocumentMapper.COLLECTION, id, "email"));
            }
            if (plainEmail != null) {
                reindex(user, "email_bidx", blindIndex.entries("email", plainEmail), changes, expected);
            }
        }
        if (user.get("username") instanceof String username) {
            reindex(user, "username_bidx", blindIndex.entries("username", username), changes, expected);
        }
        List<String> modulePaths = new ArrayList<>(sensitive.modulePaths());
        modulePaths.addAll(ALWAYS_ENCRYPTED_MODULE_PATHS);
        for (String path : modulePaths) {
            Object stored = valueAt(user, path);
            if (stored == null) {
                continue;
            }
            boolean plaintext = !(stored instanceof String text) || !serviceCipher.isCiphertext(text);
            if (!plaintext && !serviceCipher.needsReencryption((String) stored)) {
                continue;
            }
            FieldContext context = new FieldContext(UserDocumentMapper.COLLECTION, id, path);
            Object value = stored instanceof String text && this.legacy.isLegacyToken(text)
                    ? legacyPlaintext(id, path, text, checkpoint)
                    : SensitiveScalar.decrypt(serviceCipher, stored, context);
            if (value == null) {
                continue;
            }
            if (!(value instanceof Long || value instanceof Integer || value instanceof String)) {
                LOG.warn("User {}: {} holds a {} that cannot be encrypted; left for the legacy migration",
                        id, path, value.getClass().getSimpleName());
                count(checkpoint, "legacy_remaining", legacyRemaining);
                continue;
            }
            legacy += plaintext ? 1 : 0;
            changes.append(path, SensitiveScalar.encrypt(serviceCipher, value, context));
            expected.append(path, stored);
        }
        if (changes.isEmpty()) {
            return;
        }
        long matched = users.updateOne(expected, new Document("$set", changes)).getMatchedCount();
        if (matched == 0) {
            count(checkpoint, "conflicts_deferred", conflicts);
            return;
        }
        long reindexed = changes.keySet().stream().filter(field -> field.endsWith("_bidx")).count();
        addTo(checkpoint, "values_reencrypted", changes.size() - reindexed - legacy, valuesReencrypted);
        addTo(checkpoint, "index_entries_updated", reindexed, new AtomicLong());
        addTo(checkpoint, "legacy_encrypted", legacy, legacyValuesEncrypted);
    }

    /** Service-key values of another collection: re-encrypted in place when under an older key. */
    private void reencryptServiceFields(MongoCollection<Document> collection, Document document, String contextId,
                                        List<String> paths, Document checkpoint) {
        if (contextId == null) {
            return;
        }
        String name = collection.getNamespace().getCollectionName();
        Document expected = new Document("_id", document.get("_id"));
        Document changes = new Document();
        for (String path : paths) {
            if (valueAt(document, path) instanceof String stored && serviceCipher.isCiphertext(stored)
                    && serviceCipher.needsReencryption(stored)) {
                FieldContext context = new FieldContext(name, contextId, path);
                changes.append(path, serviceCipher.encrypt(serviceCipher.decrypt(stored, context), context));
                expected.append(path, stored);
            }
        }
        if (changes.isEmpty()) {
            return;
        }
        long matched = collection.updateOne(expected, new Document("$set", changes)).getMatchedCount();
        if (matched == 0) {
            count(checkpoint, "conflicts_deferred", conflicts);
        } else {
            addTo(checkpoint, "values_reencrypted", changes.size(), valuesReencrypted);
        }
    }

    /**
     * A Fernet token of the old system, decrypted with its configured key; {@code null} (the token stays
     * as it is, counted as remaining) when no old key is configured or the token does not open.
     */
    private String legacyPlaintext(String id, String field, String token, Document checkpoint) {
        try {
            java.util.Optional<String> plain = legacy.decrypt(token);
            if (plain.isPresent()) {
                return plain.get();
            }
            LOG.warn("User {}: {} holds a token of the old system and no old key is configured; kept as it is", id, field);
        } catch (FieldCipher.CipherFailure e) {
            LOG.warn("User {}: the old system's token in {} does not decrypt ({}); kept as it is", id, field, e.getMessage());
        }
        count(checkpoint, "legacy_remaining", legacyRemaining);
        return null;
    }

    /** Whether the migration V0040 left a placeholder index entry {@code unindexed:<id>} on the user. */
    static boolean isUnindexedLegacyUser(Document user) {
        return isUnindexedPlaceholder(user.get("email_bidx")) || isUnindexedPlaceholder(user.get("username_bidx"));
    }

    private static boolean isUnindexedPlaceholder(Object entries) {
        return entries instanceof String entry && entry.startsWith(UNINDEXED);
    }

    private void reindex(Document user, String field, List<String> desired, Document changes, Document expected) {
        Object stored = user.get(field);
        if (!desired.equals(stored)) {
            changes.append(field, desired);
            expected.append(field, stored);
            indexEntriesChanged.incrementAndGet();
        }
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

    private void save(Document checkpoint) {
        state.replaceOne(Filters.eq("_id", STATE_ID), checkpoint, new ReplaceOptions().upsert(true));
    }

    private static void count(Document checkpoint, String field, AtomicLong meter) {
        addTo(checkpoint, field, 1, meter);
    }

    private static void addTo(Document checkpoint, String field, long amount, AtomicLong meter) {
        checkpoint.put(field, number(checkpoint, field) + amount);
        meter.addAndGet(amount);
    }

    private static long number(Document document, String field) {
        return document.get(field) instanceof Number number ? number.longValue() : 0L;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
