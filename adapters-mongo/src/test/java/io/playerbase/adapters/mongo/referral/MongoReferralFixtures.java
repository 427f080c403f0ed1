package io.playerbase.adapters.mongo.referral;

import com.mongodb.client.MongoDatabase;
import io.playerbase.domain.shared.UserId;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.Date;

/** Raw user documents as registration writes them, for the referral adapters' tests. */
final class MongoReferralFixtures {

    private MongoReferralFixtures() {
    }

    static UserId insertUser(MongoDatabase database, String username, Instant createdAt) {
        UserId id = UserId.newId(createdAt);
        database.getCollection("users").insertOne(new Document("_id", new ObjectId(id.value()))
                .append("username", username)
                .append("email_bidx", "test:" + id.value())
                .append("username_bidx", "test:" + username + ":" + id.value())
                .append("status", "active")
                .append("is_comp_player", false)
                .append("created_at", Date.from(createdAt))
                .append("modules", new Document("referrals", new Document("referral_code", null)
                        .append("referred_by", null).append("referral_count", 0).append("rewards_earned", 0))));
        return id;
    }
}
