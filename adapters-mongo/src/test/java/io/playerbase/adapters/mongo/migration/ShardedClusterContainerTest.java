package io.playerbase.adapters.mongo.migration;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.migration.ShardKeys.ShardKey;
import io.playerbase.adapters.mongo.testing.AdapterContext;
import io.playerbase.adapters.mongo.testing.CommandRecorder;
import io.playerbase.adapters.mongo.testing.ShardKeyTargeting;
import io.playerbase.adapters.mongo.testing.ShardedMongo;
import io.playerbase.domain.dutchgame.DutchGameRepository;
import io.playerbase.domain.dutchgame.DutchStats;
import io.playerbase.domain.dutchgame.MatchId;
import io.playerbase.domain.dutchgame.MatchRecord;
import io.playerbase.domain.dutchgame.MatchReport;
import io.playerbase.domain.dutchgame.MatchResult;
import io.playerbase.domain.dutchgame.MatchState;
import io.playerbase.domain.dutchgame.PlayerResult;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.user.Email;
import io.playerbase.domain.user.ModuleRegistry;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import io.playerbase.domain.user.Username;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a real sharded cluster (a mongos, Testcontainers; skipped without Docker): the migrations with
 * {@code playerbase.mongo.sharding.enabled} shard every collection of {@link ShardKeys} by its key and
 * drop the unique indexes of {@code users}; registrations racing for one email still make one account;
 * the adapters' hot-path steps send only targeted filters.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShardedClusterContainerTest {

    private static final Instant NOW = Instant.now();

    private final CommandRecorder recorder = new CommandRecorder();
    private ApplicationContext context;
    private MongoDatabase database;

    @BeforeAll
    void start() {
        context = AdapterContext.startSharded(ShardedMongo.connectionString(), ShardedMongo.client(), recorder);
        database = context.getBean(MongoDatabase.class);
    }

    @AfterAll
    void stop() {
        database.drop();
        context.close();
    }

    private User newUser(String email, String username) {
        return User.register(UserId.newId(NOW), new Email(email), new Username(username), "$hash", false,
                context.getBean(ModuleRegistry.class).activeModules(), NOW);
    }

    private static AuditEntry audit(User user) {
        return AuditEntry.of(user.id(), Actor.player(user.id(), "req"), "user.registered", "user", List.of("email"), NOW);
    }

    private static String unique() {
        return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void everyCollectionOfTheTableIsShardedByItsKey() {
        for (ShardKey key : ShardKeys.SHARDED) {
            Document sharded = ShardedMongo.client().getDatabase("config").getCollection("collections")
                    .find(Filters.eq("_id", database.getName() + "." + key.collection())).first();
            assertNotNull(sharded, key.collection() + " is not sharded");
            assertEquals(key.key().toJson(), sharded.get("key", Document.class).toJson(), key.collection());
        }
        Set<String> userIndexes = new HashSet<>();
        database.getCollection("users").listIndexes().forEach(index -> userIndexes.add(index.getString("name")));
        assertFalse(userIndexes.contains("ux_users_email_bidx"));
        assertTrue(userIndexes.contains("ix_users_email_bidx"));
    }

    @Test
    void sixteenRegistrationsOfOneEmailMakeOneAccountOnTheCluster() throws Exception {
        UserRepository users = context.getBean(UserRepository.class);
        String email = unique() + "@example.com";
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                User candidate = newUser(email, unique());
                Callable<Boolean> register = () -> {
                    go.await();
                    try {
                        users.insert(candidate, audit(candidate));
                        return true;
                    } catch (Conflict taken) {
                        return false;
                    }
                };
                results.add(pool.submit(register));
            }
            go.countDown();
            int accounts = 0;
            for (Future<Boolean> result : results) {
                accounts += result.get() ? 1 : 0;
            }
            assertEquals(1, accounts);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theHotPathStepsOfTheAdaptersAreTargeted() {
        UserRepository users = context.getBean(UserRepository.class);
        DutchGameRepository matches = context.getBean(DutchGameRepository.class);
        User ann = newUser(unique() + "@example.com", unique());
        User bob = newUser(unique() + "@example.com", unique());
        MatchReport report = new MatchReport(new MatchId("m-" + UUID.randomUUID()), NOW.minusSeconds(600), NOW.minusSeconds(60),
                List.of(new PlayerResult(ann.id(), MatchResult.WIN, 10, 0), new PlayerResult(bob.id(), MatchResult.LOSS, 5, 0)));
        List<CommandRecorder.Recorded> commands = recorder.during(() -> {
            users.insert(ann, audit(ann));
            users.insert(bob, audit(bob));
            users.findByEmail(ann.email()).orElseThrow();
            users.findByUsername(ann.username()).orElseThrow();
            MatchRecord match = matches.insertOrGet(report, "pbk_0123456789abcdef01234567", NOW);
            matches.findPlayers(List.of(ann.id(), bob.id()));
            matches.transition(report.matchId(), match.attemptId(), MatchState.RESERVING, MatchState.APPLYING, NOW);
            matches.applyResult(ann.id(), report.matchId(), match.attemptId(), 0, DutchStats.initial(), 0,
                    AuditEntry.of(ann.id(), Actor.system("r"), "dutch_game.match_applied", "dutch_game", List.of("wins"), NOW));
            matches.finishApplied(report.matchId(), match.attemptId(), List.of(ann.id()), NOW).orElseThrow();
            matches.findMatch(report.matchId()).orElseThrow();
        });
        assertEquals(List.of(), ShardKeyTargeting.untargeted(commands));
        assertTrue(ShardKeyTargeting.shardedCollections(commands).containsAll(Set.of("users", "claims", "dutch_matches")));
    }
}
