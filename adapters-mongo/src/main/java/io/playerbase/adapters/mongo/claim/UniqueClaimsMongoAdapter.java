package io.playerbase.adapters.mongo.claim;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.shared.ClaimHolder;
import io.playerbase.domain.shared.UniqueClaims;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link UniqueClaims} on the {@code claims} collection: one document per key, {@code _id} the key's id
 * ({@code <kind>:<value>}), so taking a claim is one insert that the {@code _id} index lets through
 * once, on every store and on a cluster sharded by {@code _id} (each {@code _id} lives on one shard,
 * whose {@code _id} index is unique). Every other step is one write conditional on the owner (and, when
 * settling, on the claim being exactly as read).
 *
 * <pre>{ _id: "email:k1:3f…", kind: "email", owner: "&lt;user id&gt;", state: "pending"|"held", since: Date }</pre>
 */
@Singleton
final class UniqueClaimsMongoAdapter implements UniqueClaims {

    static final String COLLECTION = "claims";
    static final String PENDING = "pending";
    static final String HELD = "held";
    private static final Logger LOG = LoggerFactory.getLogger(UniqueClaimsMongoAdapter.class);
    /** Claims settled per pass at most; the next pass takes the rest. */
    private static final int SETTLE_BATCH = 1000;

    private final MongoCollection<Document> claims;

    UniqueClaimsMongoAdapter(MongoDatabase database) {
        this.claims = database.getCollection(COLLECTION);
    }

    @Override
    public boolean claim(ClaimKey key, String owner, Instant now) {
        Document claim = new Document("_id", key.id()).append("kind", key.kind()).append("owner", owner)
                .append("state", PENDING).append("since", Date.from(now));
        return MongoErrors.call(() -> {
            // A claim released between our insert and our read is free again: try once more.
            for (int attempt = 0; attempt < 3; attempt++) {
                try {
                    claims.insertOne(claim);
                    return true;
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                }
                Document stored = claims.find(byId(key)).first();
                if (stored != null) {
                    return owner.equals(stored.getString("owner"));
                }
            }
            return false;
        });
    }

    @Override
    public void confirm(ClaimKey key, String owner) {
        MongoErrors.run(() -> claims.updateOne(Filters.and(byId(key), Filters.eq("owner", owner)),
                Updates.set("state", HELD)));
    }

    @Override
    public void startRelease(ClaimKey key, String owner, Instant now) {
        MongoErrors.run(() -> claims.updateOne(Filters.and(byId(key), Filters.eq("owner", owner)),
                Updates.combine(Updates.set("state", PENDING), Updates.set("since", Date.from(now)))));
    }

    @Override
    public void release(ClaimKey key, String owner) {
        MongoErrors.run(() -> claims.deleteOne(Filters.and(byId(key), Filters.eq("owner", owner))));
    }

    @Override
    public Optional<Claim> find(ClaimKey key) {
        return MongoErrors.call(() -> Optional.ofNullable(claims.find(byId(key)).first()).map(UniqueClaimsMongoAdapter::toClaim));
    }

    @Override
    public int settlePending(Instant claimedBefore, Map<String, ClaimHolder> holders) {
        List<Document> due = new ArrayList<>();
        claims.find(Filters.and(Filters.eq("state", PENDING), Filters.lt("since", Date.from(claimedBefore))))
                .limit(SETTLE_BATCH).into(due);
        int settled = 0;
        Set<String> unknownKinds = new TreeSet<>();
        for (Document stored : due) {
            Claim claim = toClaim(stored);
            ClaimHolder holder = holders.get(claim.key().kind());
            if (holder == null) {
                unknownKinds.add(claim.key().kind());
                continue;
            }
            // Only the claim as read: one taken again or confirmed meanwhile is left to its new owner.
            Bson asRead = Filters.and(byId(claim.key()), Filters.eq("owner", claim.owner()),
                    Filters.eq("state", PENDING), Filters.eq("since", stored.getDate("since")));
            if (holder.holds(claim.owner(), claim.key().value())) {
                claims.updateOne(asRead, Updates.set("state", HELD));
            } else {
                claims.deleteOne(asRead);
            }
            settled++;
        }
        if (!unknownKinds.isEmpty()) {
            LOG.warn("Pending claims of kinds no holder settles were left as they are: {}", unknownKinds);
        }
        return settled;
    }

    private static Claim toClaim(Document stored) {
        return new Claim(ClaimKey.ofId(stored.getString("_id")), stored.getString("owner"),
                PENDING.equals(stored.getString("state")), stored.getDate("since").toInstant());
    }

    private static Bson byId(ClaimKey key) {
        return Filters.eq("_id", key.id());
    }
}
