package io.playerbase.adapters.mongo.user;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.playerbase.adapters.mongo.support.UnreadableValues;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.PersonalDataKeys;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Predicate;

/**
 * The wrapped data keys in {@code user_keys} ({@code _id} = user id) and the personal cipher each
 * gives. A user written before data keys existed (the computer players of the first setup, legacy
 * users) has none until their next write or the rotation pass; their values are read with the
 * service cipher meanwhile.
 */
@Singleton
final class UserDataKeys {

    static final String COLLECTION = "user_keys";
    static final String PENDING = "pending";

    private final MongoCollection<Document> keys;
    private final PersonalDataKeys dataKeys;
    private final FieldCipher serviceCipher;
    private final UnreadableValues unreadableValues;

    UserDataKeys(MongoDatabase database, PersonalDataKeys dataKeys, FieldCipher serviceCipher,
                 UnreadableValues unreadableValues) {
        this.keys = database.getCollection(COLLECTION);
        this.dataKeys = dataKeys;
        this.serviceCipher = serviceCipher;
        this.unreadableValues = unreadableValues;
    }

    /** The cipher for reading a user's personal fields (a key that does not open: see {@link DataKeyCiphers}). */
    FieldCipher forReading(UserId user) {
        Document key = keys.find(byId(user)).first();
        return key == null ? serviceCipher : stored(user, key);
    }

    private FieldCipher stored(UserId user, Document key) {
        return DataKeyCiphers.open(dataKeys, serviceCipher, unreadableValues, user, key.getString("wrapped_key"));
    }

    /**
     * The cipher for writing a user's personal fields: their data key, created first if they have none
     * (a key without its user is harmless; a user without the key its values were written under would
     * be lost, so the key is always stored before any value encrypted with it).
     */
    FieldCipher forWriting(UserId user) {
        Document key = keys.find(byId(user)).first();
        if (key != null) {
            return stored(user, key);
        }
        String wrapped = dataKeys.newWrappedKey(user);
        try {
            keys.insertOne(new Document("_id", new ObjectId(user.value())).append("wrapped_key", wrapped)
                    .append("created_at", new Date()));
            return dataKeys.cipherFor(user, wrapped);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Another request created it first: use theirs.
            return forReading(user);
        }
    }

    /**
     * The data key of a user about to be inserted, stored {@code pending} until {@link #confirm} (the
     * user document exists) or {@link #discard} (it never will): a refused registration leaves nothing.
     * A crash in between leaves a pending key; {@link #settlePending} decides it by the user's existence.
     */
    FieldCipher forNewUser(UserId user) {
        String wrapped = dataKeys.newWrappedKey(user);
        try {
            keys.insertOne(new Document("_id", new ObjectId(user.value())).append("wrapped_key", wrapped)
                    .append("created_at", new Date()).append(PENDING, true));
            return dataKeys.cipherFor(user, wrapped);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return forWriting(user);
        }
    }

    /** The user document was inserted: its key is an ordinary key from now on. */
    void confirm(UserId user) {
        keys.updateOne(Filters.and(byId(user), Filters.eq(PENDING, true)), Updates.unset(PENDING));
    }

    /** The user document was refused (a taken name): its pending key goes, and with it every trace of the request. */
    void discard(UserId user) {
        keys.deleteOne(Filters.and(byId(user), Filters.eq(PENDING, true)));
        dataKeys.forget(user);
    }

    /**
     * Recovery of inserts interrupted between their writes: a key pending for longer than any insert
     * takes is confirmed when its user exists and deleted when it does not (the insert failed, or the
     * process died before it). Returns how many keys were settled.
     */
    int settlePending(Duration olderThan, Predicate<ObjectId> userExists) {
        int settled = 0;
        Date before = Date.from(Instant.now().minus(olderThan));
        for (Document key : keys.find(Filters.and(Filters.eq(PENDING, true), Filters.lt("created_at", before)))
                .projection(Projections.include("_id"))) {
            ObjectId id = key.getObjectId("_id");
            if (userExists.test(id)) {
                keys.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq(PENDING, true)), Updates.unset(PENDING));
            } else {
                keys.deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq(PENDING, true)));
            }
            settled++;
        }
        return settled;
    }

    /** Crypto-shredding: without this document nothing the service holds decrypts the user's personal data. */
    void destroy(UserId user) {
        keys.deleteOne(byId(user));
        dataKeys.forget(user);
    }

    private static Bson byId(UserId user) {
        return Filters.eq("_id", new ObjectId(user.value()));
    }
}
