package io.playerbase.adapters.mongo.maintenance;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.playerbase.adapters.mongo.support.UnreadableValues;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.PersonalDataKeys;
import io.playerbase.domain.shared.UserId;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.Date;
import java.util.List;

/**
 * Phase {@code keys}: re-wraps every data key in {@code user_keys} under the primary master key. The data
 * keys themselves, and so the personal values under them, do not change.
 */
final class DataKeyRewrap implements Phase {

    private final MongoCollection<Document> userKeys;
    private final PersonalDataKeys dataKeys;
    private final Meters meters;
    private final UnreadableValues unreadable;

    DataKeyRewrap(MongoCollection<Document> userKeys, PersonalDataKeys dataKeys, Meters meters, UnreadableValues unreadable) {
        this.userKeys = userKeys;
        this.dataKeys = dataKeys;
        this.meters = meters;
        this.unreadable = unreadable;
    }

    @Override
    public String name() {
        return "keys";
    }

    @Override
    public MongoCollection<Document> collection() {
        return userKeys;
    }

    @Override
    public Bson projection() {
        return null;
    }

    @Override
    public void visit(List<Document> batch, Checkpoint checkpoint) {
        for (Document key : batch) {
            try {
                rewrap(key, checkpoint);
            } catch (FieldCipher.CipherFailure e) {
                // A key that does not open stays as it is; its user's values are unreadable anyway.
                unreadable.report(userKeys.getNamespace().getCollectionName(), String.valueOf(key.get("_id")), "wrapped_key",
                        e.getMessage());
            }
        }
    }

    private void rewrap(Document key, Checkpoint checkpoint) {
        String wrapped = key.getString("wrapped_key");
        if (dataKeys.isWrappedUnderPrimary(wrapped)) {
            return;
        }
        UserId owner = new UserId(key.getObjectId("_id").toHexString());
        String rewrapped = dataKeys.rewrap(owner, wrapped);
        long matched = userKeys.updateOne(Filters.and(Filters.eq("_id", key.getObjectId("_id")), Filters.eq("wrapped_key", wrapped)),
                Updates.combine(Updates.set("wrapped_key", rewrapped), Updates.set("updated_at", new Date()))).getMatchedCount();
        if (matched == 1) {
            checkpoint.count(Checkpoint.KEYS_REWRAPPED, meters.keysRewrapped);
        } else {
            checkpoint.count(Checkpoint.CONFLICTS_DEFERRED, meters.conflicts);
        }
    }
}
