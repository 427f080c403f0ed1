package io.playerbase.adapters.mongo.referral;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.referral.Referral;
import io.playerbase.domain.referral.ReferralRepository;
import io.playerbase.domain.referral.ReferralState;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * {@link ReferralRepository} on {@code referrals}: an insert that the {@code _id} (the referred account)
 * makes unique, and replacements conditional on {@code version}.
 */
@Singleton
final class ReferralMongoAdapter implements ReferralRepository {

    private final MongoCollection<Document> referrals;

    ReferralMongoAdapter(MongoDatabase database) {
        this.referrals = database.getCollection(ReferralDocumentMapper.COLLECTION);
    }

    @Override
    public boolean insert(Referral referral) {
        Document document = ReferralDocumentMapper.toDocument(referral).append("version", 1L);
        return MongoErrors.call(() -> {
            try {
                referrals.insertOne(document);
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                    return false;
                }
                throw e;
            }
            referral.markStored(1L);
            return true;
        });
    }

    @Override
    public void update(Referral referral) {
        long next = referral.version() + 1;
        Document replacement = ReferralDocumentMapper.toDocument(referral).append("version", next);
        long matched = MongoErrors.call(() -> referrals.replaceOne(Filters.and(
                Filters.eq("_id", new ObjectId(referral.id().value())), Filters.eq("version", referral.version())),
                replacement).getMatchedCount());
        if (matched == 0) {
            throw Conflict.stale("Referral");
        }
        referral.markStored(next);
    }

    @Override
    public Optional<Referral> find(UserId referee) {
        return MongoErrors.call(() -> Optional.ofNullable(referrals.find(Filters.eq("_id", new ObjectId(referee.value())))
                .first()).map(ReferralDocumentMapper::toDomain));
    }

    @Override
    public List<Referral> pendingAmong(Collection<UserId> referees) {
        List<ObjectId> ids = referees.stream().map(id -> new ObjectId(id.value())).toList();
        return MongoErrors.call(() -> referrals.find(Filters.and(Filters.in("_id", ids),
                        Filters.eq("state", ReferralState.PENDING.wire())))
                .map(ReferralDocumentMapper::toDomain).into(new ArrayList<>()));
    }

    @Override
    public List<Referral> workDueBefore(Instant before, int limit) {
        return MongoErrors.call(() -> referrals.find(Filters.lte("work_at", Date.from(before)))
                .sort(Sorts.ascending("work_at")).limit(limit)
                .map(ReferralDocumentMapper::toDomain).into(new ArrayList<>()));
    }

    @Override
    public long countReferredBy(UserId referrer) {
        return MongoErrors.call(() -> referrals.countDocuments(Filters.and(
                Filters.eq("referrer_id", new ObjectId(referrer.value())),
                Filters.ne("state", ReferralState.LEGACY.wire()))));
    }
}
