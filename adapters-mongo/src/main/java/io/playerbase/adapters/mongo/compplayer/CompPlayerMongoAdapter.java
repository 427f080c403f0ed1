package io.playerbase.adapters.mongo.compplayer;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.compplayer.CompPlayer;
import io.playerbase.domain.compplayer.CompPlayerPool;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link CompPlayerPool}: computer players are the {@code users} with {@code is_comp_player: true};
 * their last pick lives in {@code dutch_comp_player_picks}. Each pick is one
 * {@code findOneAndUpdate} that takes the least recently picked remaining candidate and stamps it,
 * so concurrent game servers spread over the pool.
 */
@Singleton
final class CompPlayerMongoAdapter implements CompPlayerPool {

    private static final String PICKS = "dutch_comp_player_picks";

    private final MongoCollection<Document> users;
    private final MongoCollection<Document> picks;

    CompPlayerMongoAdapter(MongoDatabase database) {
        this.users = database.getCollection("users");
        this.picks = database.getCollection(PICKS);
    }

    @Override
    public List<CompPlayer> active() {
        return MongoErrors.call(() -> {
            List<CompPlayer> found = new ArrayList<>();
            for (Document user : users.find(Filters.and(Filters.eq("is_comp_player", true), Filters.eq("status", "active")))
                    .projection(Projections.include("username", "modules.dutch_game.level", "modules.dutch_game.rank"))) {
                Document modules = user.get("modules", Document.class);
                Document dutch = modules == null || modules.get("dutch_game") == null
                        ? new Document() : modules.get("dutch_game", Document.class);
                Object level = dutch.get("level");
                found.add(new CompPlayer(new UserId(user.getObjectId("_id").toHexString()), user.getString("username"),
                        level instanceof Number n ? n.intValue() : 1,
                        dutch.getString("rank") == null ? "unranked" : dutch.getString("rank")));
            }
            return found;
        });
    }

    @Override
    public List<UserId> pickLeastRecentlyPicked(Collection<UserId> candidates, int count, Instant now) {
        return MongoErrors.call(() -> {
            List<ObjectId> remaining = new ArrayList<>(candidates.stream().map(id -> new ObjectId(id.value())).toList());
            ensurePickEntries(remaining);
            List<UserId> picked = new ArrayList<>();
            while (picked.size() < count && !remaining.isEmpty()) {
                Document claimed = picks.findOneAndUpdate(Filters.in("_id", remaining),
                        Updates.set("last_picked_at", Date.from(now)),
                        new FindOneAndUpdateOptions().sort(Sorts.ascending("last_picked_at", "_id"))
                                .returnDocument(ReturnDocument.AFTER));
                if (claimed == null) {
                    break;
                }
                ObjectId id = claimed.getObjectId("_id");
                remaining.remove(id);
                picked.add(new UserId(id.toHexString()));
            }
            return picked;
        });
    }

    /** A computer player never picked gets an entry dated at the epoch, so it comes first. */
    private void ensurePickEntries(List<ObjectId> ids) {
        Set<ObjectId> known = picks.find(Filters.in("_id", ids)).projection(Projections.include("_id"))
                .map(document -> document.getObjectId("_id")).into(new HashSet<>());
        for (ObjectId id : ids) {
            if (!known.contains(id)) {
                try {
                    picks.insertOne(new Document("_id", id).append("last_picked_at", new Date(0)));
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                }
            }
        }
    }
}
