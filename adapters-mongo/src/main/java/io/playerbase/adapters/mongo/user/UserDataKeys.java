package io.playerbase.adapters.mongo.user;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.PersonalDataKeys;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.util.Date;

/**
 * The wrapped data keys in {@code user_keys} ({@code _id} = user id) and the personal cipher each
 * gives. A user written before data keys existed (the computer players of the first setup, legacy
 * users) has none until their next write or the rotation pass; their values are read with the
 * service cipher meanwhile.
 */
@Singleton
final class UserDataKeys {

    static final String COLLECTION = "user_keys";

    private final MongoCollection<Document> keys;
    private final PersonalDataKeys dataKeys;
    private final FieldCipher serviceCipher;

    UserDataKeys(MongoDatabase database, PersonalDataKeys dataKeys, FieldCipher serviceCipher) {
        this.keys = database.getCollection(COLLECTION);
        this.dataKeys = dataKeys;
        this.serviceCipher = serviceCipher;
    }

    /** The cipher for reading a user's personal fields. */
    FieldCipher forReading(UserId user) {
        Document key = keys.find(byId(user)).first();
        return key == null ? serviceCipher : dataKeys.cipherFor(user, key.getString("wrapped_key"));
    }

    /**
     * The cipher for writing a user's personal fields: their data key, created first if they have none
     * (a key without its user is harmless; a user without the key its values were written under would
     * be lost, so the key is always stored before any value encrypted with it).
     */
    FieldCipher forWriting(UserId user) {
        Document key = keys.find(byId(user)).first();
        if (key != null) {
            return dataKeys.cipherFor(user, key.getString("wrapped_key"));
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

    /** Crypto-shredding: without this document nothing the service holds decrypts the user's personal data. */
    void destroy(UserId user) {
        keys.deleteOne(byId(user));
        dataKeys.forget(user);
    }

    private static Bson byId(UserId user) {
        return Filters.eq("_id", new ObjectId(user.value()));
    }
}
