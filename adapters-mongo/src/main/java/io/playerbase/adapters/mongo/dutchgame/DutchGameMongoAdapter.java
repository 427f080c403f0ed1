package io.playerbase.adapters.mongo.dutchgame;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.playerbase.adapters.mongo.audit.AuditOutbox;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.dutchgame.DutchGameRepository;
import io.playerbase.domain.dutchgame.DutchStats;
import io.playerbase.domain.dutchgame.MatchId;
import io.playerbase.domain.dutchgame.MatchRecord;
import io.playerbase.domain.dutchgame.MatchReport;
import io.playerbase.domain.dutchgame.MatchState;
import io.playerbase.domain.dutchgame.PlayerSnapshot;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.playerbase.adapters.mongo.dutchgame.DutchGameDocumentMapper.MODULE;

/**
 * {@link DutchGameRepository} on {@code dutch_matches} and the {@code modules.dutch_game} part of
 * {@code users}. Each method is one conditional single-document write; the conditions are what make
 * repeating a step harmless (docs/dutch-game.md).
 */
@Singleton
final class DutchGameMongoAdapter implements DutchGameRepository {

    private static final String HOLDS = MODULE + ".coin_holds";
    private static final String RECENT = MODULE + ".recent_match_ids";

    private final MongoCollection<Document> matches;
    private final MongoCollection<Document> users;
    private final AuditOutbox outbox;
    private final long minMatchesForWinRate;

    DutchGameMongoAdapter(MongoDatabase database, AuditOutbox outbox, DutchBoardSettings settings) {
        this.matches = database.getCollection(DutchGameDocumentMapper.MATCHES);
        this.users = database.getCollection(DutchGameDocumentMapper.USERS);
        this.outbox = outbox;
        this.minMatchesForWinRate = settings.minMatchesForWinRate();
    }

    @Override
    public MatchRecord insertOrGet(MatchReport report, String reportedBy, Instant now) {
        return MongoErrors.call(() -> {
            while (true) {
                Document document = DutchGameDocumentMapper.toNewMatch(new ObjectId(), report, reportedBy, now);
                try {
                    matches.insertOne(document);
                    return DutchGameDocumentMapper.toMatch(document);
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                }
                // The match id is taken; unless that match was rejected and deleted meanwhile, it is the answer.
                Document existing = matches.find(Filters.eq("match_id", report.matchId().value())).first();
                if (existing != null) {
                    return DutchGameDocumentMapper.toMatch(existing);
                }
            }
        });
    }

    @Override
    public Optional<MatchRecord> findMatch(MatchId matchId) {
        return MongoErrors.call(() -> Optional.ofNullable(matches.find(Filters.eq("match_id", matchId.value())).first())
                .map(DutchGameDocumentMapper::toMatch));
    }

    @Override
    public boolean transition(MatchId matchId, String attemptId, MatchState from, MatchState to, Instant now) {
        return MongoErrors.call(() -> matches.updateOne(
                attempt(matchId, attemptId, Filters.eq("state", from.wire())),
                Updates.combine(Updates.set("state", to.wire()), Updates.set("updated_at", Date.from(now))))
                .getModifiedCount() == 1);
    }

    @Override
    public Optional<MatchRecord> finishApplied(MatchId matchId, String attemptId, Collection<UserId> players, Instant now) {
        List<Bson> updates = new ArrayList<>(List.of(
                Updates.set("state", MatchState.APPLIED.wire()), Updates.set("updated_at", Date.from(now))));
        if (!players.isEmpty()) {
            updates.add(Updates.addEachToSet("applied_user_ids", players.stream().map(player -> new ObjectId(player.value())).toList()));
        }
        return MongoErrors.call(() -> Optional.ofNullable(matches.findOneAndUpdate(
                attempt(matchId, attemptId, Filters.eq("state", MatchState.APPLYING.wire())), Updates.combine(updates),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))).map(DutchGameDocumentMapper::toMatch));
    }

    @Override
    public void deleteRejected(MatchId matchId, String attemptId) {
        MongoErrors.run(() -> matches.deleteOne(
                attempt(matchId, attemptId, Filters.eq("state", MatchState.REJECTING.wire()))));
    }

    @Override
    public List<MatchRecord> unfinished(Instant storedBefore) {
        return MongoErrors.call(() -> {
            List<MatchRecord> found = new ArrayList<>();
            for (Document document : matches.find(Filters.and(Filters.ne("state", MatchState.APPLIED.wire()),
                    Filters.lt("recorded_at", Date.from(storedBefore))))) {
                found.add(DutchGameDocumentMapper.toMatch(document));
            }
            return found;
        });
    }

    @Override
    public List<StrayHold> strayHolds() {
        return MongoErrors.call(() -> {
            List<StrayHold> held = new ArrayList<>();
            Set<String> matchIds = new HashSet<>();
            boolean everyHoldNamesItsMatch = true;
            for (Document user : users.find(Filters.exists(HOLDS + ".0")).projection(Projections.include(HOLDS))) {
                UserId player = new UserId(user.getObjectId("_id").toHexString());
                for (Document hold : DutchGameDocumentMapper.dutchOf(user).getList("coin_holds", Document.class)) {
                    held.add(new StrayHold(player, hold.getString("attempt"), DutchGameDocumentMapper.number(hold, "amount")));
                    if (hold.get("match_id") instanceof String matchId) {
                        matchIds.add(matchId);
                    } else {
                        everyHoldNamesItsMatch = false;
                    }
                }
            }
            if (held.isEmpty()) {
                return held;
            }
            // A hold is placed only after its match is stored, and a match is deleted only once rejected:
            // a hold whose attempt is gone is stray.
            Set<String> existing = new HashSet<>();
            // By match id too where the holds name it (the shard key: only the shards holding those matches answer).
            Bson attempts = Filters.in("_id", held.stream().map(h -> new ObjectId(h.attemptId())).toList());
            Bson query = everyHoldNamesItsMatch ? Filters.and(attempts, Filters.in("match_id", matchIds)) : attempts;
            for (Document match : matches.find(query)
                    .projection(Projections.include("_id"))) {
                existing.add(match.getObjectId("_id").toHexString());
            }
            return held.stream().filter(hold -> !existing.contains(hold.attemptId())).toList();
        });
    }

    @Override
    public Optional<PlayerSnapshot> findPlayer(UserId player) {
        return MongoErrors.call(() -> Optional.ofNullable(users.find(byId(player))
                        .projection(Projections.include("status", "is_comp_player", MODULE)).first())
                .map(DutchGameDocumentMapper::toSnapshot));
    }

    @Override
    public Map<UserId, PlayerSnapshot> findPlayers(Collection<UserId> players) {
        return MongoErrors.call(() -> {
            Map<UserId, PlayerSnapshot> found = new HashMap<>();
            for (Document user : users.find(Filters.in("_id", objectIds(players)))
                    .projection(Projections.include("status", "is_comp_player", MODULE))) {
                PlayerSnapshot snapshot = DutchGameDocumentMapper.toSnapshot(user);
                found.put(snapshot.userId(), snapshot);
            }
            return found;
        });
    }

    @Override
    public boolean holdAll(MatchId matchId, String attemptId, List<Hold> holds) {
        List<UpdateOneModel<Document>> writes = holds.stream().map(hold -> new UpdateOneModel<Document>(
                holdable(hold.player(), matchId, attemptId, hold.debit()),
                holdUpdate(matchId, attemptId, hold.debit(), hold.audit()))).toList();
        long placed = MongoErrors.call(() -> users.bulkWrite(writes, new BulkWriteOptions().ordered(false)).getModifiedCount());
        List<AuditEntry> audits = holds.stream().map(Hold::audit).toList();
        if (placed == holds.size()) {
            // Delivered with the attempt's next write to these players (its counters, or its releases).
            outbox.deliverWithNext(audits);
            return true;
        }
        deliverWritten(audits);
        return false;
    }

    /** Delivers those of the entries that some write did push (they are in their users' outboxes). */
    private void deliverWritten(List<AuditEntry> audits) {
        Set<String> pending = new HashSet<>();
        MongoErrors.run(() -> {
            for (Document user : users.find(Filters.in("_id", objectIds(audits.stream().map(AuditEntry::userId).toList())))
                    .projection(Projections.include(AuditOutbox.FIELD + "._id"))) {
                for (Document entry : user.getList(AuditOutbox.FIELD, Document.class, List.of())) {
                    pending.add(entry.getString("_id"));
                }
            }
        });
        outbox.deliverAll(audits.stream().filter(audit -> pending.contains(audit.id())).toList());
    }

    @Override
    public HoldOutcome hold(UserId player, MatchId matchId, String attemptId, long debit, AuditEntry audit) {
        Bson eligible = holdable(player, matchId, attemptId, debit);
        Bson update = holdUpdate(matchId, attemptId, debit, audit);
        if (MongoErrors.call(() -> users.updateOne(eligible, update).getModifiedCount()) == 1) {
            outbox.deliver(audit);
            return HoldOutcome.HELD;
        }
        PlayerSnapshot current = findPlayer(player).orElse(null);
        if (current == null) {
            return HoldOutcome.UNKNOWN_PLAYER;
        }
        if (current.heldFor().contains(attemptId) || current.hasApplied(matchId)) {
            return HoldOutcome.HELD;
        }
        return current.active() ? HoldOutcome.INSUFFICIENT_COINS : HoldOutcome.INACTIVE_PLAYER;
    }

    @Override
    public void release(UserId player, String attemptId, long debit, AuditEntry audit) {
        Bson update = Updates.combine(Updates.inc(MODULE + ".coins", debit),
                Updates.pull(HOLDS, new Document("attempt", attemptId)),
                Updates.push(AuditOutbox.FIELD, AuditOutbox.toBson(audit)));
        if (MongoErrors.call(() -> users.updateOne(Filters.and(byId(player), Filters.eq(HOLDS + ".attempt", attemptId)),
                update).getModifiedCount()) == 1) {
            outbox.deliver(audit);
        }
    }

    @Override
    public boolean applyResult(UserId player, MatchId matchId, String attemptId, long expectedTotal, DutchStats after,
                               long credit, AuditEntry audit) {
        boolean written = MongoErrors.call(() -> users.updateOne(applicable(player, matchId, attemptId, expectedTotal),
                applyUpdate(matchId, attemptId, after, credit, audit)).getModifiedCount()) == 1;
        if (written) {
            outbox.deliver(audit);
        }
        return written;
    }

    @Override
    public boolean applyAll(MatchId matchId, String attemptId, List<Apply> applies) {
        List<UpdateOneModel<Document>> writes = applies.stream().map(apply -> new UpdateOneModel<Document>(
                applicable(apply.player(), matchId, attemptId, apply.expectedTotal()),
                applyUpdate(matchId, attemptId, apply.after(), apply.credit(), apply.audit()))).toList();
        long written = MongoErrors.call(() -> users.bulkWrite(writes, new BulkWriteOptions().ordered(false)).getModifiedCount());
        List<AuditEntry> audits = applies.stream().map(Apply::audit).toList();
        if (written == applies.size()) {
            outbox.deliverAll(audits);
            return true;
        }
        deliverWritten(audits);
        return false;
    }

    /** The player as read (same total), holding for this attempt, and not yet counted for this match. */
    private static Bson applicable(UserId player, MatchId matchId, String attemptId, long expectedTotal) {
        return Filters.and(byId(player), Filters.eq(MODULE + ".total_matches", expectedTotal),
                Filters.ne(RECENT, matchId.value()), Filters.eq(HOLDS + ".attempt", attemptId));
    }

    /**
     * The stats write. Besides the counters it stamps {@code _board_win_rate}, the value the win-rate
     * leaderboard's index sorts by: the win rate once the player has the minimum of matches, absent before.
     */
    private Bson applyUpdate(MatchId matchId, String attemptId, DutchStats after, long credit, AuditEntry audit) {
        String boardWinRate = MODULE + "." + DutchBoards.BOARD_WIN_RATE;
        return Updates.combine(
                minMatchesForWinRate > 0 && after.totalMatches() >= minMatchesForWinRate
                        ? Updates.set(boardWinRate, after.winRate()) : Updates.unset(boardWinRate),
                Updates.set(MODULE + ".wins", after.wins()),
                Updates.set(MODULE + ".losses", after.losses()),
                Updates.set(MODULE + ".total_matches", after.totalMatches()),
                Updates.set(MODULE + ".points", after.points()),
                Updates.set(MODULE + ".level", after.level()),
                Updates.set(MODULE + ".rank", after.rank()),
                Updates.set(MODULE + ".win_rate", after.winRate()),
                Updates.set(MODULE + ".formula_version", after.formulaVersion()),
                Updates.set(MODULE + ".last_match_at", after.lastMatchAt() == null ? null : Date.from(after.lastMatchAt())),
                Updates.inc(MODULE + ".coins", credit),
                Updates.pull(HOLDS, new Document("attempt", attemptId)),
                Updates.pushEach(RECENT, List.of(matchId.value()), new PushOptions().slice(-RECENT_MATCH_IDS)),
                Updates.push(AuditOutbox.FIELD, AuditOutbox.toBson(audit)));
    }

    /** An active player with the coins, not yet holding for this attempt nor counted for this match. */
    private static Bson holdable(UserId player, MatchId matchId, String attemptId, long debit) {
        return Filters.and(byId(player), Filters.eq("status", "active"),
                Filters.gte(MODULE + ".coins", debit),
                Filters.ne(HOLDS + ".attempt", attemptId),
                Filters.ne(RECENT, matchId.value()));
    }

    private static Bson holdUpdate(MatchId matchId, String attemptId, long debit, AuditEntry audit) {
        return Updates.combine(Updates.inc(MODULE + ".coins", -debit),
                Updates.push(HOLDS, new Document("attempt", attemptId).append("match_id", matchId.value()).append("amount", debit)),
                Updates.push(AuditOutbox.FIELD, AuditOutbox.toBson(audit)));
    }

    private static List<ObjectId> objectIds(Collection<UserId> ids) {
        return ids.stream().map(id -> new ObjectId(id.value())).toList();
    }

    /**
     * One attempt of a match, by {@code match_id} (the shard key of {@code dutch_matches}) and its {@code _id},
     * and any further conditions, as one flat {@code $and} (the embedded store finds it by the {@code _id}).
     */
    private static Bson attempt(MatchId matchId, String attemptId, Bson... conditions) {
        List<Bson> all = new ArrayList<>(List.of(Filters.eq("_id", new ObjectId(attemptId)), Filters.eq("match_id", matchId.value())));
        all.addAll(List.of(conditions));
        return Filters.and(all);
    }

    private static Bson byId(UserId id) {
        return Filters.eq("_id", new ObjectId(id.value()));
    }
}
