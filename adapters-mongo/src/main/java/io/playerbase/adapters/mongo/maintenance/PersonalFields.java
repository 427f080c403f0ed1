package io.playerbase.adapters.mongo.maintenance;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import io.playerbase.adapters.mongo.support.UnreadableValues;
import io.playerbase.adapters.mongo.user.SensitiveFields;
import io.playerbase.adapters.mongo.user.UserClaimKeys;
import io.playerbase.adapters.mongo.user.SensitiveScalar;
import io.playerbase.domain.shared.BlindIndex;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.FieldCipher.FieldContext;
import io.playerbase.domain.shared.LegacyCipher;
import io.playerbase.domain.shared.PersonalDataKeys;
import io.playerbase.domain.shared.UniqueClaims;
import io.playerbase.domain.shared.UniqueClaims.ClaimKey;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.user.UserStatus;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Phase {@code users}: moves every user's personal fields under their data key (computer players and
 * legacy users written before data keys existed get one), encrypts legacy plaintext, brings blind-index
 * entries to the configured index keys, and re-encrypts the sensitive module values under the primary
 * service key.
 */
final class PersonalFields implements Phase {

    private static final Logger LOG = LoggerFactory.getLogger(PersonalFields.class);
    /** Module values the wallet always encrypts, whatever the sensitive-fields setting says. */
    private static final List<String> ALWAYS_ENCRYPTED_MODULE_PATHS = List.of("modules.wallet._opening_balance",
            "modules.wallet._debt");
    /** The collection, and the first part of every personal value's cipher context. */
    static final String USERS = "users";
    /** The placeholder entry prefix of V0040_IndexLegacyUsers (a frozen stored format). */
    static final String UNINDEXED = "unindexed:";

    private final MongoCollection<Document> users;
    private final MongoCollection<Document> userKeys;
    private final PersonalDataKeys dataKeys;
    private final FieldCipher serviceCipher;
    private final BlindIndex blindIndex;
    private final SensitiveFields sensitive;
    private final LegacyCipher legacy;
    private final UniqueClaims claims;
    private final Meters meters;
    private final UnreadableValues unreadable;

    PersonalFields(MongoCollection<Document> users, MongoCollection<Document> userKeys, PersonalDataKeys dataKeys,
                   FieldCipher serviceCipher, BlindIndex blindIndex, SensitiveFields sensitive, LegacyCipher legacy,
                   UniqueClaims claims, Meters meters, UnreadableValues unreadable) {
        this.users = users;
        this.userKeys = userKeys;
        this.dataKeys = dataKeys;
        this.serviceCipher = serviceCipher;
        this.blindIndex = blindIndex;
        this.sensitive = sensitive;
        this.legacy = legacy;
        this.claims = claims;
        this.meters = meters;
        this.unreadable = unreadable;
    }

    @Override
    public String name() {
        return "users";
    }

    @Override
    public MongoCollection<Document> collection() {
        return users;
    }

    /** What the phase reads of a user (a copy of it, on the embedded store, rather than the stored document). */
    @Override
    public Bson projection() {
        List<String> fields = new ArrayList<>(List.of("_id", "status", "email", "username", "email_bidx", "username_bidx"));
        fields.addAll(sensitive.personalFields());
        fields.addAll(sensitive.modulePaths());
        fields.addAll(ALWAYS_ENCRYPTED_MODULE_PATHS);
        return Projections.include(fields.stream().distinct().toList());
    }

    /** A user's conditional update: the values read ({@code expected}) and what replaces them. */
    private record Rewrite(Object id, Document expected, Document changes, long legacy) {
    }

    /**
     * A batch of users: their data keys read in one query, the missing ones created in one insert, then
     * one conditional update per user in an unordered bulk write (three round trips per batch rather than
     * three per user). Every key is stored before any value encrypted under it; a key another request
     * created meanwhile wins (its user is deferred to the next sweep, like any concurrent change).
     */
    @Override
    public void visit(List<Document> batch, Checkpoint checkpoint) {
        List<Document> todo = new ArrayList<>();
        for (Document user : batch) {
            if (UserStatus.DELETED.wire().equals(user.get("status"))) {
                // Erased: the personal fields are shredded and must not be decrypted.
                continue;
            }
            if (isUnindexedLegacyUser(user)) {
                // A legacy value that collides with another user's (V0040): left as it is for a person to resolve.
                checkpoint.count(Checkpoint.LEGACY_USERS_UNINDEXED, null);
                continue;
            }
            todo.add(user);
        }
        if (todo.isEmpty()) {
            return;
        }
        Map<Object, String> stored = new HashMap<>();
        userKeys.find(Filters.in("_id", todo.stream().map(user -> user.get("_id")).toList()))
                .forEach(key -> stored.put(key.get("_id"), key.getString("wrapped_key")));
        Map<Object, Document> created = new LinkedHashMap<>();
        List<Rewrite> rewrites = new ArrayList<>();
        for (Document user : todo) {
            ObjectId id = user.getObjectId("_id");
            UserId owner = new UserId(id.toHexString());
            Supplier<FieldCipher> personal = memoize(() -> {
                String wrapped = stored.get(id);
                if (wrapped == null) {
                    wrapped = dataKeys.newWrappedKey(owner);
                    created.put(id, new Document("_id", id).append("wrapped_key", wrapped).append("created_at", new Date()));
                }
                return dataKeys.cipherFor(owner, wrapped);
            });
            Rewrite rewrite;
            try {
                rewrite = rewrite(user, personal, checkpoint);
            } catch (FieldCipher.CipherFailure e) {
                // The user's data key does not open: nothing of theirs can be read or moved; reported, left as it is.
                unreadable.report(userKeys.getNamespace().getCollectionName(), owner.value(), "wrapped_key", e.getMessage());
                continue;
            }
            if (rewrite != null) {
                rewrites.add(rewrite);
            }
        }
        Set<Object> lostRace = storeKeys(created.values());
        if (!lostRace.isEmpty()) {
            rewrites.removeIf(rewrite -> {
                if (lostRace.contains(rewrite.id())) {
                    checkpoint.count(Checkpoint.CONFLICTS_DEFERRED, meters.conflicts);
                    return true;
                }
                return false;
            });
        }
        write(rewrites, checkpoint);
    }

    /** Inserts the new data keys; the users whose key another request inserted first. */
    private Set<Object> storeKeys(Collection<Document> created) {
        if (created.isEmpty()) {
            return Set.of();
        }
        List<Document> inserted = new ArrayList<>(created);
        try {
            userKeys.insertMany(inserted, new InsertManyOptions().ordered(false));
            return Set.of();
        } catch (MongoBulkWriteException e) {
            Set<Object> taken = new HashSet<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                taken.add(inserted.get(error.getIndex()).get("_id"));
            }
            return taken;
        }
    }

    /**
     * The rewrites as one unordered bulk write; counts what was written, and what a concurrent change
     * deferred. Blind-index entries a rewrite adds (an index rotation) are claimed before it is written and
     * confirmed after, the entries it drops are released after ({@link UniqueClaims}); a rewrite whose new
     * entry another user claims is deferred and logged (it needs a person), and the claims of a rewrite a
     * concurrent change deferred are left to the claims' recovery pass.
     */
    private void write(List<Rewrite> rewrites, Checkpoint checkpoint) {
        if (rewrites.isEmpty()) {
            return;
        }
        Map<Object, List<ClaimKey>> added = new HashMap<>();
        Map<Object, List<ClaimKey>> removed = new HashMap<>();
        List<Rewrite> claimed = new ArrayList<>();
        for (Rewrite rewrite : rewrites) {
            List<ClaimKey> now = UserClaimKeys.of(rewrite.changes());
            List<ClaimKey> before = UserClaimKeys.of(rewrite.expected());
            List<ClaimKey> adds = new ArrayList<>(now);
            adds.removeAll(before);
            List<ClaimKey> drops = new ArrayList<>(before);
            drops.removeAll(now);
            if (claimAll(rewrite.id(), adds)) {
                added.put(rewrite.id(), adds);
                removed.put(rewrite.id(), drops);
                claimed.add(rewrite);
            } else {
                checkpoint.count(Checkpoint.CONFLICTS_DEFERRED, meters.conflicts);
            }
        }
        if (claimed.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> updates = claimed.stream()
                .map(rewrite -> new UpdateOneModel<Document>(rewrite.expected(), new Document("$set", rewrite.changes()))).toList();
        int matched = users.bulkWrite(updates, new BulkWriteOptions().ordered(false)).getMatchedCount();
        List<Rewrite> written = claimed;
        if (matched < claimed.size()) {
            // Which ones: those whose document now holds the values written (ciphertexts are never written twice).
            Map<Object, Document> now = new HashMap<>();
            users.find(Filters.in("_id", claimed.stream().map(Rewrite::id).toList())).projection(projection())
                    .forEach(user -> now.put(user.get("_id"), user));
            written = claimed.stream().filter(rewrite -> now.containsKey(rewrite.id()) && rewrite.changes().entrySet().stream()
                    .allMatch(change -> Objects.equals(Paths.valueAt(now.get(rewrite.id()), change.getKey()), change.getValue())))
                    .toList();
            checkpoint.add(Checkpoint.CONFLICTS_DEFERRED, claimed.size() - written.size(), meters.conflicts);
        }
        Instant settledAt = Instant.now();
        for (Rewrite rewrite : claimed) {
            String owner = ownerOf(rewrite);
            if (written.contains(rewrite)) {
                added.get(rewrite.id()).forEach(key -> claims.confirm(key, owner));
                removed.get(rewrite.id()).forEach(key -> claims.release(key, owner));
            } else {
                added.get(rewrite.id()).forEach(key -> claims.startRelease(key, owner, settledAt));
            }
        }
        for (Rewrite rewrite : written) {
            long reindexed = rewrite.changes().keySet().stream().filter(field -> field.endsWith("_bidx")).count();
            checkpoint.add(Checkpoint.VALUES_REENCRYPTED, rewrite.changes().size() - reindexed - rewrite.legacy(),
                    meters.valuesReencrypted);
            checkpoint.add(Checkpoint.INDEX_ENTRIES_UPDATED, reindexed, null);
            checkpoint.add(Checkpoint.LEGACY_ENCRYPTED, rewrite.legacy(), meters.legacyValuesEncrypted);
        }
    }

    /** Claims the user's new entries; false (the ones taken here left to the recovery pass) when another user holds one. */
    private boolean claimAll(Object id, List<ClaimKey> keys) {
        String owner = ((ObjectId) id).toHexString();
        Instant now = Instant.now();
        List<ClaimKey> taken = new ArrayList<>();
        for (ClaimKey key : keys) {
            if (!claims.claim(key, owner, now)) {
                LOG.warn("User {}: a new blind-index entry ({}) is claimed by another user; the user is left as it is for a person",
                        owner, key.kind());
                taken.forEach(claimedKey -> claims.startRelease(claimedKey, owner, now));
                return false;
            }
            taken.add(key);
        }
        return true;
    }

    private static String ownerOf(Rewrite rewrite) {
        return ((ObjectId) rewrite.id()).toHexString();
    }

    /** What to change in a user's document, or {@code null} when everything is current. */
    private Rewrite rewrite(Document user, Supplier<FieldCipher> personal, Checkpoint checkpoint) {
        String id = user.getObjectId("_id").toHexString();
        Document expected = new Document("_id", user.getObjectId("_id"));
        Document changes = new Document();
        long legacyCount = 0;
        String plainEmail = null;
        boolean emailRead = false;
        for (String field : sensitive.personalFields()) {
            if (user.get(field) instanceof String stored && !stored.isEmpty()
                    && personal.get().needsReencryption(stored)) {
                FieldContext context = new FieldContext(USERS, id, field);
                emailRead |= "email".equals(field);
                String plain = legacy.isLegacyToken(stored) ? legacyPlaintext(id, field, stored, checkpoint)
                        : readable(personal.get(), stored, context);
                if (plain == null) {
                    continue;
                }
                legacyCount += personal.get().isCiphertext(stored) ? 0 : 1;
                changes.append(field, personal.get().encrypt(plain, context));
                expected.append(field, stored);
                if ("email".equals(field)) {
                    plainEmail = plain;
                }
            }
        }
        // Blind-index entries follow the configured index keys (side-by-side index rotation).
        if (user.get("email") instanceof String email && !email.isEmpty()) {
            // Not read twice: an email that failed above is reported once and left out of the index.
            if (!emailRead && !legacy.isLegacyToken(email)) {
                plainEmail = readable(personal.get(), email, new FieldContext(USERS, id, "email"));
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
            Object stored = Paths.valueAt(user, path);
            if (stored == null) {
                continue;
            }
            boolean plaintext = !(stored instanceof String text) || !serviceCipher.isCiphertext(text);
            if (!plaintext && !serviceCipher.needsReencryption((String) stored)) {
                continue;
            }
            FieldContext context = new FieldContext(USERS, id, path);
            Object value;
            try {
                value = stored instanceof String text && legacy.isLegacyToken(text)
                        ? legacyPlaintext(id, path, text, checkpoint)
                        : SensitiveScalar.decrypt(serviceCipher, stored, context);
            } catch (FieldCipher.CipherFailure e) {
                unreadable.report(USERS, id, path, e.getMessage());
                continue;
            }
            if (value == null) {
                continue;
            }
            if (!(value instanceof Long || value instanceof Integer || value instanceof String)) {
                LOG.warn("User {}: {} holds a {} that cannot be encrypted; left for the legacy migration",
                        id, path, value.getClass().getSimpleName());
                checkpoint.count(Checkpoint.LEGACY_REMAINING, meters.legacyRemaining);
                continue;
            }
            legacyCount += plaintext ? 1 : 0;
            changes.append(path, SensitiveScalar.encrypt(serviceCipher, value, context));
            expected.append(path, stored);
        }
        return changes.isEmpty() ? null : new Rewrite(user.get("_id"), expected, changes, legacyCount);
    }

    /** The plaintext, or {@code null} after reporting a value that fails to decrypt (it is left as it is). */
    private String readable(FieldCipher cipher, String stored, FieldContext context) {
        try {
            return cipher.decrypt(stored, context);
        } catch (FieldCipher.CipherFailure e) {
            unreadable.report(USERS, context.documentId(), context.field(), e.getMessage());
            return null;
        }
    }

    /**
     * A Fernet token of the old system, decrypted with its configured key; {@code null} (the token stays
     * as it is, counted as remaining) when no old key is configured or the token does not open.
     */
    private String legacyPlaintext(String id, String field, String token, Checkpoint checkpoint) {
        try {
            Optional<String> plain = legacy.decrypt(token);
            if (plain.isPresent()) {
                return plain.get();
            }
            LOG.warn("User {}: {} holds a token of the old system and no old key is configured; kept as it is", id, field);
        } catch (FieldCipher.CipherFailure e) {
            LOG.warn("User {}: the old system's token in {} does not decrypt ({}); kept as it is", id, field, e.getMessage());
        }
        checkpoint.count(Checkpoint.LEGACY_REMAINING, meters.legacyRemaining);
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
            meters.indexEntriesChanged.incrementAndGet();
        }
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
