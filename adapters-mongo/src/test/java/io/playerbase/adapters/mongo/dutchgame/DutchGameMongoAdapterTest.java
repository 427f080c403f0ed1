package io.playerbase.adapters.mongo.dutchgame;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.audit.AuditOutbox;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.domain.dutchgame.DutchGameRepository;
import io.playerbase.domain.dutchgame.DutchGameRepositoryContract;
import io.playerbase.domain.dutchgame.DutchLeaderboard;
import io.playerbase.domain.dutchgame.DutchStats;
import io.playerbase.domain.dutchgame.MatchHistory;
import io.playerbase.domain.dutchgame.MatchId;
import io.playerbase.domain.dutchgame.MatchRecord;
import io.playerbase.domain.dutchgame.MatchReport;
import io.playerbase.domain.dutchgame.MatchResult;
import io.playerbase.domain.dutchgame.MatchState;
import io.playerbase.domain.dutchgame.PlayerResult;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.user.Email;
import io.playerbase.domain.user.ModuleRegistry;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import io.playerbase.domain.user.Username;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DutchGameMongoAdapter}, {@link DutchLeaderboardMongoAdapter} and {@link MatchHistoryMongoAdapter}: the ports' contract, and what
 * only the documents show: one match document per match id, the audit entries delivered from the
 * players' outbox.
 */
abstract class DutchGameMongoAdapterTest extends DutchGameRepositoryContract {

    private ApplicationContext context;
    private MongoDatabase database;

    abstract MongoTarget target();

    @Override
    protected Ports createPorts() {
        context = target().startAdapters();
        database = context.getBean(MongoDatabase.class);
        return new Ports(context.getBean(DutchGameRepository.class), context.getBean(DutchLeaderboard.class));
    }

    @Override
    protected void closePorts() {
        database.drop();
        context.close();
    }

    @Override
    protected UserId newPlayer(String name, boolean compPlayer) {
        User user = User.register(UserId.newId(NOW), new Email(name + "@example.com"), new Username(name), "$hash",
                compPlayer, context.getBean(ModuleRegistry.class).activeModules(), NOW);
        context.getBean(UserRepository.class).insert(user, AuditEntry.of(user.id(), Actor.system("t"),
                "user.registered", "user", List.of("email"), NOW));
        return user.id();
    }

    @Override
    protected void suspend(UserId player) {
        database.getCollection("users").updateOne(byId(player), Updates.set("status", "suspended"));
    }

    @Override
    protected void play(UserId player, long wins, long losses, long points) {
        database.getCollection("users").updateOne(byId(player), new Document("$set",
                new Document("modules.dutch_game.wins", wins).append("modules.dutch_game.losses", losses)
                        .append("modules.dutch_game.total_matches", wins + losses)
                        .append("modules.dutch_game.points", points)
                        .append("modules.dutch_game.win_rate", DutchStats.derive(wins, losses, wins + losses, points, null).winRate())));
    }

    @Override
    protected long auditCount(UserId player, String action) {
        return database.getCollection("user_audit_logs").countDocuments(Filters.and(
                Filters.eq("user_id", new ObjectId(player.value())), Filters.eq("action", action)));
    }

    private static Bson byId(UserId player) {
        return Filters.eq("_id", new ObjectId(player.value()));
    }

    private List<Document> pendingAudit(UserId player) {
        return database.getCollection("users").find(byId(player)).first().getList(AuditOutbox.FIELD, Document.class);
    }

    /**
     * The holds' entries go with the attempt's next delivery (its counters or its releases: one pull per
     * player); until then they wait in the players' outboxes, where the recovery pass finds them too.
     */
    @Test
    void theHoldsEntriesGoWithTheNextDelivery() {
        UserId ann = newPlayer("ann");
        UserId bob = newPlayer("bob");
        MatchId m1 = new MatchId("m1");
        String attempt = newAttempt();
        store.holdAll(m1, attempt, List.of(held(ann, 0),
                held(bob, 10)));

        assertEquals(1, pendingAudit(ann).size(), "not delivered yet");
        assertEquals(0, auditCount(ann, "dutch_game.coins_held"));

        store.release(bob, attempt, 10, audit(bob, "dutch_game.coins_released"));

        for (UserId player : List.of(ann, bob)) {
            assertTrue(pendingAudit(player).isEmpty(), "delivered with the release: " + pendingAudit(player));
            assertEquals(1, auditCount(player, "dutch_game.coins_held"));
        }
        assertEquals(1, auditCount(bob, "dutch_game.coins_released"));
    }

    @Test
    void heldEntriesLeftWaitingAreDeliveredByTheRecoveryPass() {
        UserId ann = newPlayer("ann");
        store.holdAll(new MatchId("m1"), newAttempt(), List.of(held(ann, 0)));

        assertEquals(1, context.getBean(AuditOutbox.class).recover());

        assertTrue(pendingAudit(ann).isEmpty());
        assertEquals(1, auditCount(ann, "dutch_game.coins_held"));
    }

    @Test
    void aMatchIsOneDocumentWhoseIdIsTheAttempt() {
        UserId ann = newPlayer("ann");
        UserId bob = newPlayer("bob");
        MatchRecord first = store.insertOrGet(match("m1", ann, bob, 0), "key-1", NOW);
        store.insertOrGet(match("m1", bob, ann, 0), "key-2", NOW.plusSeconds(5));

        assertEquals(1, database.getCollection("dutch_matches").countDocuments());
        Document stored = database.getCollection("dutch_matches").find().first();
        assertEquals(new ObjectId(first.attemptId()), stored.getObjectId("_id"));
        assertEquals("m1", stored.getString("match_id"));
        assertEquals("key-1", stored.getString("reported_by"));
    }

    @Test
    void everyWriteDeliversItsAuditEntriesFromThePlayersOutbox() {
        UserId ann = newPlayer("ann");
        UserId bob = newPlayer("bob");
        MatchId m1 = new MatchId("m1");
        String attempt = newAttempt();
        store.hold(ann, m1, attempt, 30, audit(ann, "dutch_game.coins_held"));
        store.release(ann, attempt, 30, audit(ann, "dutch_game.coins_released"));
        String other = newAttempt();
        store.holdAll(m1, other, List.of(held(ann, 0),
                held(bob, 10)));
        store.applyAll(m1, other, List.of(
                new DutchGameRepository.Apply(ann, 0, DutchStats.initial().after(new PlayerResult(ann, MatchResult.WIN, 60, 0), NOW),
                        0, audit(ann, "dutch_game.match_applied")),
                new DutchGameRepository.Apply(bob, 0, DutchStats.initial().after(new PlayerResult(bob, MatchResult.LOSS, 5, -10), NOW),
                        0, audit(bob, "dutch_game.match_applied"))));

        for (UserId player : List.of(ann, bob)) {
            assertTrue(pendingAudit(player).isEmpty(), "audit entries are delivered: " + pendingAudit(player));
            assertEquals(1, auditCount(player, "dutch_game.match_applied"));
        }
        assertEquals(2, auditCount(ann, "dutch_game.coins_held"));
    }

    @Test
    void theMatchHistoryPagesAPlayersAppliedMatchesInTheOrderStored() {
        MatchHistory history = context.getBean(MatchHistory.class);
        assertInstanceOf(MatchHistoryMongoAdapter.class, history);
        UserId ann = newPlayer("ann");
        UserId bob = newPlayer("bob");
        UserId cat = newPlayer("cat");
        List<String> anns = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            anns.add(applied("h" + i, ann, i % 2 == 0 ? bob : cat));
        }
        applied("h-bob-cat", bob, cat);
        MatchReport pending = report("h-pending", ann, bob);
        store.insertOrGet(pending, "key-1", NOW);

        assertEquals(anns, history.appliedFor(ann, null, 10).stream().map(MatchRecord::attemptId).toList(),
                "applied matches only, in the order stored");
        assertEquals(anns.subList(0, 2), history.appliedFor(ann, null, 2).stream().map(MatchRecord::attemptId).toList());
        assertEquals(anns.subList(2, 3), history.appliedFor(ann, anns.get(1), 2).stream().map(MatchRecord::attemptId).toList());
        assertEquals(List.of(), history.appliedFor(newPlayer("dan"), null, 10));
    }

    private static MatchReport report(String matchId, UserId winner, UserId loser) {
        return new MatchReport(new MatchId(matchId), NOW.minusSeconds(600), NOW, List.of(
                new PlayerResult(winner, MatchResult.WIN, 10, 0), new PlayerResult(loser, MatchResult.LOSS, 0, 0)));
    }

    private String applied(String matchId, UserId winner, UserId loser) {
        MatchReport report = report(matchId, winner, loser);
        String attempt = store.insertOrGet(report, "key-1", NOW).attemptId();
        store.transition(report.matchId(), attempt, MatchState.RESERVING, MatchState.APPLIED, NOW);
        return attempt;
    }
}
