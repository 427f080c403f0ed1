package io.playerbase.adapters.mongo.migration;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.changock.migration.api.annotations.NonLockGuarded;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;
import io.playerbase.domain.shared.BlindIndex;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.LegacyCipher;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Blind indexes for users written by the old system, which have a plaintext {@code email} and a
 * {@code username} but no {@code email_bidx}/{@code username_bidx}.
 *
 * <p>Runs in a Mongock run of its own <em>before</em> the fresh-setup units ({@link ChangeUnits#BEFORE_SCHEMA}):
 * V0001's unique indexes on {@code email_bidx} and {@code username_bidx} cannot be built while two users
 * lack them (both would index {@code null}). On an empty or a Playerbase database it finds nothing to do.
 *
 * <p>A value that cannot get its entry is given the per-user placeholder {@code unindexed:<user id>}
 * (it keeps the unique index satisfiable, like the erasure tombstone) and is reported, never guessed at:
 * <ul>
 *   <li>values that collide after normalization (old emails differing only by case or spaces, which the
 *   old case-sensitive index let through), or with a value already indexed: <em>every</em> user of such a
 *   group is left unindexed, since which account owns the address is for a person to decide;</li>
 *   <li>a missing or non-text value, or a value that is encrypted so it cannot be hashed here (a Playerbase
 *   ciphertext under a data key, or a Fernet token of the old system when its key is not configured).</li>
 * </ul>
 * Nothing else of those users is touched; {@code status} counts them, the log names their ids (never
 * their values). Only missing fields are set ({@code $exists: false} in every filter): one read of the
 * users lacking an entry, then one update per user with both fields, in unordered bulk writes of
 * {@value #BATCH} (overlapping the preparation of the next, {@link OverlappedWrites}); a run that stops
 * half way is completed by the next one, which also leaves unindexed a user whose value collides with
 * that of a user the stopped run left unindexed.
 *
 * <p>Frozen once applied.
 */
@ChangeUnit(id = "V0040_IndexLegacyUsers", order = "0040", author = "playerbase")
public class V0040_IndexLegacyUsers {

    /** Prefix of the placeholder entry of a value that could not be indexed. */
    public static final String UNINDEXED = "unindexed:";

    private static final Logger LOG = LoggerFactory.getLogger(V0040_IndexLegacyUsers.class);
    private static final int BATCH = 1000;
    private static final int DUPLICATE_KEY = 11000;
    private static final String EMAIL_INDEX = "email_bidx";
    private static final String USERNAME_INDEX = "username_bidx";
    private static final Codec<Document> DOCUMENTS = MongoClientSettings.getDefaultCodecRegistry().get(Document.class);

    private final MongoDatabase database;
    private final BlindIndex blindIndex;
    private final FieldCipher cipher;
    private final LegacyCipher legacy;

    // The ports do not touch the database, so Mongock's lock guard has nothing to protect there.
    public V0040_IndexLegacyUsers(MongoDatabase database, @NonLockGuarded BlindIndex blindIndex,
                                  @NonLockGuarded FieldCipher cipher, @NonLockGuarded LegacyCipher legacy) {
        this.database = database;
        this.blindIndex = blindIndex;
        this.cipher = cipher;
        this.legacy = legacy;
    }

    @Execution
    public void execute() {
        MongoCollection<Document> users = database.getCollection("users");
        List<Document> legacy = users.find(Filters.or(Filters.exists(EMAIL_INDEX, false), Filters.exists(USERNAME_INDEX, false)))
                .projection(Projections.include("_id", "email", "username", EMAIL_INDEX, USERNAME_INDEX)).batchSize(BATCH)
                .into(new ArrayList<>());
        if (legacy.isEmpty()) {
            return;
        }
        Map<String, Set<String>> taken = alreadyTaken(users);
        Entries emails = entries(legacy, "email", EMAIL_INDEX, taken.get(EMAIL_INDEX));
        Entries usernames = entries(legacy, "username", USERNAME_INDEX, taken.get(USERNAME_INDEX));
        try (OverlappedWrites writes = new OverlappedWrites("V0040-bulk-writes")) {
            List<Object> ids = new ArrayList<>();
            List<UpdateOneModel<Document>> batch = new ArrayList<>();
            for (Document user : legacy) {
                Object id = user.get("_id");
                Document filter = new Document("_id", id);
                Document set = new Document();
                for (Entries field : List.of(emails, usernames)) {
                    Object entries = field.byUser().get(id);
                    if (entries != null) {
                        filter.append(field.indexField(), new Document("$exists", false));
                        set.append(field.indexField(), entries);
                    }
                }
                ids.add(id);
                // Encoded here: the writing thread only sends the bytes (OverlappedWrites).
                batch.add(new UpdateOneModel<>(new RawBsonDocument(filter, DOCUMENTS),
                        new RawBsonDocument(new Document("$set", set), DOCUMENTS)));
                if (batch.size() == BATCH) {
                    writes.submit(write(users, batch, ids, List.of(emails, usernames)));
                    batch = new ArrayList<>();
                    ids = new ArrayList<>();
                }
            }
            if (!batch.isEmpty()) {
                writes.submit(write(users, batch, ids, List.of(emails, usernames)));
            }
            writes.finish();
        }
        for (Entries field : List.of(emails, usernames)) {
            if (!field.byUser().isEmpty()) {
                LOG.info("Indexed the {} of {} legacy users; {} collide and stay unindexed", field.field(), field.byUser().size(),
                        field.collisions());
            }
        }
    }

    /** Nothing to undo: entries only fill missing fields, and the next run indexes whoever is left. */
    @RollbackExecution
    public void rollback() {
        LOG.warn("V0040_IndexLegacyUsers failed; entries written are kept, the next run completes it");
    }

    private record Candidate(Object id, String entry, List<String> entries) {
    }

    /** What the users lacking {@code indexField} get there, by user id: their entries, or the placeholder. */
    private record Entries(String field, String indexField, Map<Object, Object> byUser, int collisions) {
    }

    /**
     * The entries of each user lacking {@code indexField}, or the placeholder when the value cannot be
     * indexed or collides (with another candidate's, with a user indexed before, or with a user left
     * unindexed before: a group that a crashed run split).
     */
    private Entries entries(List<Document> legacy, String field, String indexField, Set<String> taken) {
        List<Candidate> candidates = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Document user : legacy) {
            if (user.containsKey(indexField)) {
                continue;
            }
            Object id = user.get("_id");
            String value = readable(id, field, user.get(field));
            if (value != null) {
                String entry = blindIndex.of(field, value);
                seen.merge(entry, 1, Integer::sum);
                candidates.add(new Candidate(id, entry, blindIndex.entries(field, value)));
            } else {
                LOG.warn("User {}: {} cannot be indexed (missing, not text or encrypted); left as {}{}",
                        idText(id), field, UNINDEXED, idText(id));
                candidates.add(new Candidate(id, null, null));
            }
        }
        Map<Object, Object> byUser = new LinkedHashMap<>();
        int collisions = 0;
        for (Candidate candidate : candidates) {
            boolean collides = candidate.entry() != null && (seen.get(candidate.entry()) > 1
                    || candidate.entries().stream().anyMatch(taken::contains));
            if (collides) {
                collisions++;
                LOG.warn("User {}: its {} collides with another user's after normalization; left unindexed for a person to resolve",
                        idText(candidate.id()), field);
            }
            byUser.put(candidate.id(), candidate.entry() == null || collides ? UNINDEXED + idText(candidate.id()) : candidate.entries());
        }
        return new Entries(field, indexField, byUser, collisions);
    }

    /**
     * The value to index: plaintext as it is, a Fernet token of the old system decrypted when its key is
     * configured (only hashed here; the re-encryption pass stores it encrypted); else {@code null}.
     */
    private String readable(Object id, String field, Object stored) {
        if (!(stored instanceof String value) || value.isBlank() || cipher.isCiphertext(value)) {
            return null;
        }
        if (!legacy.isLegacyToken(value)) {
            return value;
        }
        try {
            return legacy.decrypt(value).orElse(null);
        } catch (FieldCipher.CipherFailure e) {
            LOG.warn("User {}: the old system's token in {} does not decrypt: {}", idText(id), field, e.getMessage());
            return null;
        }
    }

    /**
     * By index field, the entries users hold already: those indexed before (by Playerbase or an earlier run),
     * and those a run before left unindexed, as the entries their values would have (so a collision group
     * that a crashed run split is still left unindexed whole). One projected scan (an {@code $in} per batch
     * would scan the collection again and again: V0001's indexes on the fields do not exist yet here).
     */
    private Map<String, Set<String>> alreadyTaken(MongoCollection<Document> users) {
        Map<String, Set<String>> taken = Map.of(EMAIL_INDEX, new HashSet<>(), USERNAME_INDEX, new HashSet<>());
        for (Document user : users.find(Filters.or(Filters.exists(EMAIL_INDEX, true), Filters.exists(USERNAME_INDEX, true)))
                .projection(Projections.include("email", "username", EMAIL_INDEX, USERNAME_INDEX)).batchSize(BATCH)) {
            for (String field : List.of("email", "username")) {
                String indexField = field + "_bidx";
                Object entries = user.get(indexField);
                if (entries instanceof List<?> list) {
                    list.forEach(entry -> taken.get(indexField).add(String.valueOf(entry)));
                } else if (entries instanceof String placeholder && placeholder.startsWith(UNINDEXED)) {
                    String value = readable(user.get("_id"), field, user.get(field));
                    if (value != null) {
                        taken.get(indexField).addAll(blindIndex.entries(field, value));
                    }
                } else if (entries != null) {
                    taken.get(indexField).add(String.valueOf(entries));
                }
            }
        }
        return taken;
    }

    /** The id as the log and the placeholder show it: hex for an ObjectId (every user Playerbase or the old system wrote). */
    private static String idText(Object id) {
        return id instanceof ObjectId objectId ? objectId.toHexString() : String.valueOf(id);
    }

    private static UpdateOneModel<Document> set(Object id, String indexField, Object value) {
        return new UpdateOneModel<>(Filters.and(Filters.eq("_id", id), Filters.exists(indexField, false)),
                Updates.set(indexField, value));
    }

    /**
     * Writes a batch, each user's entries in one update. A value registered meanwhile by a running (older)
     * instance makes a user's update fail on a unique index: that user's fields are then written one by
     * one, and the one that is taken gets the placeholder instead, like any other collision.
     */
    private static Callable<Long> write(MongoCollection<Document> users, List<UpdateOneModel<Document>> batch, List<Object> ids,
                                        List<Entries> fields) {
        return () -> {
            try {
                users.bulkWrite(batch, new BulkWriteOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                for (BulkWriteError error : e.getWriteErrors()) {
                    if (error.getCode() != DUPLICATE_KEY) {
                        throw e;
                    }
                }
                for (BulkWriteError error : e.getWriteErrors()) {
                    Object id = ids.get(error.getIndex());
                    fields.forEach(field -> writeOneByOne(users, id, field.indexField(), field.byUser().get(id)));
                }
            }
            return (long) batch.size();
        };
    }

    private static void writeOneByOne(MongoCollection<Document> users, Object id, String indexField, Object value) {
        if (value == null) {
            return;
        }
        try {
            UpdateOneModel<Document> update = set(id, indexField, value);
            users.updateOne(update.getFilter(), update.getUpdate());
        } catch (MongoWriteException e) {
            if (e.getError().getCode() != DUPLICATE_KEY) {
                throw e;
            }
            LOG.warn("User {}: its {} was taken concurrently; left unindexed for a person to resolve", idText(id), indexField);
            UpdateOneModel<Document> placeholder = set(id, indexField, UNINDEXED + idText(id));
            users.updateOne(placeholder.getFilter(), placeholder.getUpdate());
        }
    }
}
