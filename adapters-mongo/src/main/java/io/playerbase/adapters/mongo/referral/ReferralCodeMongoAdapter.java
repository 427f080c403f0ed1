package io.playerbase.adapters.mongo.referral;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.referral.ReferralCode;
import io.playerbase.domain.referral.ReferralCodes;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * {@link ReferralCodes} on {@code referral_codes}: one document per code, {@code _id} = the normalized
 * code, {@code owner_id}, {@code created_at}, {@code source} ({@code generated} here, {@code legacy} for
 * the old system's codes, written by V0080). The {@code _id} makes a code unique on any deployment,
 * sharded or not; a claim is one insert. This is the only place that knows how uniqueness is kept, so
 * a generic claims collection can take its place.
 */
@Singleton
final class ReferralCodeMongoAdapter implements ReferralCodes {

    static final String COLLECTION = "referral_codes";

    private final MongoCollection<Document> codes;

    ReferralCodeMongoAdapter(MongoDatabase database) {
        this.codes = database.getCollection(COLLECTION);
    }

    @Override
    public boolean claim(ReferralCode code, UserId owner, Instant now) {
        ObjectId ownerId = new ObjectId(owner.value());
        return MongoErrors.call(() -> {
            try {
                codes.insertOne(new Document("_id", code.value()).append("owner_id", ownerId)
                        .append("created_at", Date.from(now)).append("source", "generated"));
                return true;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                return ownerId.equals(ownerOf(code).map(id -> new ObjectId(id.value())).orElse(null));
            }
        });
    }

    @Override
    public Optional<UserId> ownerOf(ReferralCode code) {
        return MongoErrors.call(() -> Optional.ofNullable(codes.find(Filters.eq("_id", code.value())).first())
                .map(document -> new UserId(document.getObjectId("owner_id").toHexString())));
    }

    @Override
    public List<ReferralCode> ownedBy(UserId owner) {
        return MongoErrors.call(() -> codes.find(Filters.eq("owner_id", new ObjectId(owner.value())))
                .sort(Sorts.ascending("created_at", "_id"))
                .map(document -> new ReferralCode(document.getString("_id"))).into(new ArrayList<>()));
    }

    @Override
    public void release(ReferralCode code, UserId owner) {
        MongoErrors.run(() -> codes.deleteOne(Filters.and(Filters.eq("_id", code.value()),
                Filters.eq("owner_id", new ObjectId(owner.value())))));
    }
}
