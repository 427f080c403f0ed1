package io.playerbase.adapters.mongo.migration;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.changock.migration.api.annotations.NonLockGuarded;
import io.playerbase.domain.shared.BlindIndex;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.LegacyCipher;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * V0040_IndexLegacyUsers as it was first written (each field in a pass of its own, one write per user
 * and field), kept as the reference its one-pass implementation is compared with
 * ({@code LegacyIndexOnePassTest}). Not a change unit.
 */
final class V0040PerFieldReference {

    private static final String UNINDEXED = V0040_IndexLegacyUsers.UNINDEXED;

    private static final Logger LOG = LoggerFactory.getLogger(V0040PerFieldReference.class);
    private static final int BATCH = 1000;
    private static final int DUPLICATE_KEY = 11000;

    private final MongoDatabase database;
    private final BlindIndex blindIndex;
    private final FieldCipher cipher;
    private final LegacyCipher legacy;

    // The ports do not touch the database, so Mongock's lock guard has nothing to protect there.
    V0040PerFieldReference(MongoDatabase database, @NonLockGuarded BlindIndex blindIndex,
                                  @NonLockGuarded FieldCipher cipher, @NonLockGuarded LegacyCipher legacy) {
        this.database = database;
        this.blindIndex = blindIndex;
        this.cipher = cipher;
        this.legacy = legacy;
    }

    public void execute() {
        MongoCollection<Document> users = database.getCollection("users");
        index(users, "email", "email_bidx");
        index(users, "username", "username_bidx");
    }

    /** Nothing to undo: entries only fill missing fields, and the next run indexes whoever is left. */
    public void rollback() {
        LOG.warn("V0040_IndexLegacyUsers failed; entries written are kept, the next run completes it");
    }

    private record Candidate(Object id, String entry, List<String> entries) {
    }

    private void index(MongoCollection<Document> users, String field, String indexField) {
        List<Candidate> candidates = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Document user : users.find(Filters.exists(indexField, false))
                .projection(Projections.include("_id", field)).sort(Sorts.ascending("_id")).batchSize(BATCH)) {
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
        Set<String> taken = alreadyTaken(users, indexField, candidates);
        List<UpdateOneModel<Document>> writes = new ArrayList<>();
        List<Object> ids = new ArrayList<>();
        int collisions = 0;
        for (Candidate candidate : candidates) {
            boolean collides = candidate.entry() != null
                    && (seen.get(candidate.entry()) > 1 || taken.contains(candidate.entry()));
            if (collides) {
                collisions++;
                LOG.warn("User {}: its {} collides with another user's after normalization; left unindexed for a person to resolve",
                        idText(candidate.id()), field);
            }
            Object value = candidate.entry() == null || collides ? UNINDEXED + idText(candidate.id()) : candidate.entries();
            writes.add(set(candidate.id(), indexField, value));
            ids.add(candidate.id());
            if (writes.size() == BATCH) {
                write(users, indexField, writes, ids);
            }
        }
        write(users, indexField, writes, ids);
        if (!candidates.isEmpty()) {
            LOG.info("Indexed the {} of {} legacy users; {} collide and stay unindexed", field, candidates.size(), collisions);
        }
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
     * Entries of the candidates that users indexed before (by Playerbase) hold already: one projected
     * scan of those users (an {@code $in} per batch would scan the collection again and again, since
     * V0001's index on the field does not exist yet on an old-system database).
     */
    private Set<String> alreadyTaken(MongoCollection<Document> users, String indexField, List<Candidate> candidates) {
        Set<String> taken = new HashSet<>();
        for (Document user : users.find(Filters.exists(indexField, true)).projection(Projections.include(indexField)).batchSize(BATCH)) {
            if (user.get(indexField) instanceof List<?> entries) {
                entries.forEach(entry -> taken.add(String.valueOf(entry)));
            } else {
                taken.add(String.valueOf(user.get(indexField)));
            }
        }
        // A candidate's other entries (mid-rotation) map back to its current-key entry.
        Set<String> result = new HashSet<>();
        for (Candidate candidate : candidates) {
            if (candidate.entries() != null && candidate.entries().stream().anyMatch(taken::contains)) {
                result.add(candidate.entry());
            }
        }
        return result;
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
     * Writes a batch. A value registered meanwhile by a running (older) instance makes its write fail
     * on the unique index: that user gets the placeholder instead, like any other collision.
     */
    private static void write(MongoCollection<Document> users, String indexField, List<UpdateOneModel<Document>> writes,
                              List<Object> ids) {
        if (writes.isEmpty()) {
            return;
        }
        try {
            users.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            List<UpdateOneModel<Document>> retries = new ArrayList<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
                Object id = ids.get(error.getIndex());
                LOG.warn("User {}: its {} was taken concurrently; left unindexed for a person to resolve", idText(id), indexField);
                retries.add(set(id, indexField, UNINDEXED + idText(id)));
            }
            users.bulkWrite(retries, new BulkWriteOptions().ordered(false));
        }
        writes.clear();
        ids.clear();
    }
}
