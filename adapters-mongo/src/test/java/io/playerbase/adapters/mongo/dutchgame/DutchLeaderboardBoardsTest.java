package io.playerbase.adapters.mongo.dutchgame;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.playerbase.domain.dutchgame.DutchGameRepository;
import io.playerbase.domain.dutchgame.DutchLeaderboard;
import io.playerbase.domain.dutchgame.DutchStats;
import io.playerbase.domain.dutchgame.LeaderboardFilter;
import io.playerbase.domain.dutchgame.LeaderboardOrder;
import io.playerbase.domain.dutchgame.LeaderboardPosition;
import io.playerbase.domain.dutchgame.MatchId;
import io.playerbase.domain.dutchgame.MatchResult;
import io.playerbase.domain.dutchgame.PlayerResult;
import io.playerbase.domain.dutchgame.Standing;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.FakeBlindIndex;
import io.playerbase.domain.testing.FakeFieldCipher;
import io.playerbase.domain.testing.FakePasswordHasher;
import io.playerbase.domain.testing.FakePersonalDataKeys;
import io.playerbase.domain.user.Email;
import io.playerbase.domain.user.ModuleRegistry;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import io.playerbase.domain.user.Username;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The indexed leaderboards (V0102 boards, ranking marks) answer what the definition says: for every
 * order, with and without computer players, every page, every place's neighbours and every rank equal a
 * naive sort of all players; ranks stay exact after the board changes once the ranking pass ran again,
 * and are off by at most the players who moved in between before that. Marks every 3 players, so a board
 * of 60 has many.
 */
class DutchLeaderboardBoardsTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private static final long MIN_MATCHES = 2;

    private ApplicationContext context;
    private MongoCollection<Document> users;
    private DutchLeaderboard board;
    private DutchRankingPass pass;
    private final List<UserId> players = new ArrayList<>();
    private final Random random = new Random(19);

    @BeforeEach
    void start() {
        context = ApplicationContext.builder()
                .properties(Map.of("playerbase.embedded.data-dir", ":memory:", "playerbase.embedded.port", 0,
                        "playerbase.mongo.database", "boards_" + new ObjectId().toHexString(),
                        "playerbase.comp-players.password", "comp-player-test-password",
                        "playerbase.dutch-game.min-matches-for-win-rate", MIN_MATCHES,
                        "playerbase.dutch-game.ranking-mark-every", 3))
                .singletons(new FakeFieldCipher(), new FakeBlindIndex(), new FakePasswordHasher(), new FakePersonalDataKeys())
                .start();
        users = context.getBean(MongoDatabase.class).getCollection("users");
        board = context.getBean(DutchLeaderboard.class);
        pass = context.getBean(DutchRankingPass.class);
        ModuleRegistry registry = context.getBean(ModuleRegistry.class);
        for (int i = 0; i < 60; i++) {
            User user = User.register(UserId.newId(NOW), new Email("player" + i + "@example.com"), new Username("player" + i), "$hash",
                    false, registry.activeModules(), NOW);
            context.getBean(UserRepository.class).insert(user, AuditEntry.of(user.id(), Actor.system("t"), "user.registered",
                    "user", List.of("email"), NOW));
            players.add(user.id());
            play(user.id());
        }
        // A few suspended players, and the five computer players of the fresh setup play too.
        for (int i = 0; i < 4; i++) {
            users.updateOne(Filters.eq("_id", new ObjectId(players.get(i * 7).value())), new Document("$set", new Document("status", "suspended")));
        }
        for (Document comp : users.find(Filters.eq("is_comp_player", true))) {
            play(new UserId(comp.getObjectId("_id").toHexString()));
        }
    }

    @AfterEach
    void stop() {
        context.getBean(MongoDatabase.class).drop();
        context.close();
    }

    /** Stats as a match would leave them (small values, so there are ties), with the win-rate stamp. */
    private void play(UserId player) {
        long wins = random.nextInt(4);
        long losses = random.nextInt(3);
        long points = 10L * random.nextInt(6);
        DutchStats stats = DutchStats.derive(wins, losses, wins + losses, points, null);
        Document set = new Document("modules.dutch_game.wins", wins).append("modules.dutch_game.losses", losses)
                .append("modules.dutch_game.total_matches", wins + losses).append("modules.dutch_game.points", points)
                .append("modules.dutch_game.win_rate", stats.winRate());
        Document update = new Document("$set", set);
        if (wins + losses >= MIN_MATCHES) {
            set.append("modules.dutch_game._board_win_rate", stats.winRate());
        } else {
            update.append("$unset", new Document("modules.dutch_game._board_win_rate", ""));
        }
        users.updateOne(Filters.eq("_id", new ObjectId(player.value())), update);
    }

    /** Every player on the board, in its order, by a plain sort of all documents. */
    private List<Standing> expected(LeaderboardFilter filter) {
        List<Standing> all = new ArrayList<>();
        for (Document user : users.find()) {
            Standing standing = DutchGameDocumentMapper.toStanding(user);
            if (filter.admits("active".equals(user.getString("status")), standing.compPlayer(), standing.stats())) {
                all.add(standing);
            }
        }
        all.sort(Comparator.comparingDouble((Standing s) -> -filter.order().valueOf(s.stats()))
                .thenComparing(s -> s.userId().value()));
        return all;
    }

    private static List<UserId> ids(List<Standing> standings) {
        return standings.stream().map(Standing::userId).toList();
    }

    private List<LeaderboardFilter> filters() {
        List<LeaderboardFilter> filters = new ArrayList<>();
        for (LeaderboardOrder order : LeaderboardOrder.values()) {
            filters.add(new LeaderboardFilter(order, false, MIN_MATCHES));
            filters.add(new LeaderboardFilter(order, true, MIN_MATCHES));
        }
        return filters;
    }

    private void assertBoardsAnswerTheDefinition(boolean ranksExact) {
        for (LeaderboardFilter filter : filters()) {
            List<Standing> expected = expected(filter);
            assertTrue(expected.size() > 10, filter + " has players");
            assertEquals(ids(expected), ids(board.after(filter, null, 1000)), filter + ": the whole board");
            for (int i = 0; i < expected.size(); i++) {
                LeaderboardPosition place = LeaderboardPosition.of(expected.get(i), filter.order());
                List<Standing> after = expected.subList(i + 1, Math.min(expected.size(), i + 6));
                assertEquals(ids(after), ids(board.after(filter, place, 5)), filter + " after " + i);
                List<Standing> before = new ArrayList<>(expected.subList(Math.max(0, i - 5), i));
                before.sort(Comparator.comparing((Standing s) -> expected.indexOf(s)).reversed());
                assertEquals(ids(before), ids(board.before(filter, place, 5)), filter + " before " + i);
                if (ranksExact) {
                    assertEquals(i, board.countBefore(filter, place), filter + " rank of " + i);
                }
            }
        }
    }

    @Test
    void theBoardsAndTheRanksFromTheMarksAnswerTheDefinition() {
        pass.run();
        assertEquals(MIN_MATCHES, context.getBean(DutchRankings.class).winRateMinMatches().orElseThrow());
        assertBoardsAnswerTheDefinition(true);
    }

    @Test
    void withoutAnyPassTheRanksAreCountedFromTheTop() {
        assertBoardsAnswerTheDefinition(true);
    }

    @Test
    void ranksAreOffAtMostByThePlayersWhoMovedAndExactAfterTheNextPass() {
        pass.run();
        List<UserId> moved = players.subList(10, 20);
        moved.forEach(this::play);
        for (LeaderboardFilter filter : filters()) {
            List<Standing> expected = expected(filter);
            for (int i = 0; i < expected.size(); i++) {
                long rank = board.countBefore(filter, LeaderboardPosition.of(expected.get(i), filter.order()));
                assertTrue(Math.abs(rank - i) <= moved.size(), filter + " rank of " + i + " was " + rank);
            }
        }
        assertBoardsAnswerTheDefinition(false);
        pass.run();
        assertBoardsAnswerTheDefinition(true);
    }

    @Test
    void aWinRateBoardNotStampedForTheMinimumScansAsBefore() {
        pass.run();
        LeaderboardFilter otherMinimum = new LeaderboardFilter(LeaderboardOrder.WIN_RATE, false, 3);
        assertEquals(ids(expected(otherMinimum)), ids(board.after(otherMinimum, null, 1000)));
    }

    @Test
    void theStatsWriteStampsTheWinRateTheBoardSortsBy() {
        UserId player = players.get(30);
        DutchGameRepository store = context.getBean(DutchGameRepository.class);
        users.updateOne(Filters.eq("_id", new ObjectId(player.value())), new Document("$set", new Document("modules.dutch_game.total_matches", 1L)
                .append("modules.dutch_game.wins", 1L).append("modules.dutch_game.losses", 0L))
                .append("$unset", new Document("modules.dutch_game._board_win_rate", "")));
        DutchStats before = store.findPlayer(player).orElseThrow().stats();
        String attempt = new ObjectId().toHexString();
        MatchId match = new MatchId("m-stamp");
        AuditEntry audit = AuditEntry.of(player, Actor.system("t"), "dutch_game.coins_held", "dutch_game", List.of("coins"), NOW);
        store.hold(player, match, attempt, 0, audit);
        DutchStats after = before.after(new PlayerResult(player, MatchResult.LOSS, 5, 0), NOW);
        assertTrue(store.applyResult(player, match, attempt, before.totalMatches(), after, 0, audit));
        Document dutch = users.find(Filters.eq("_id", new ObjectId(player.value()))).first()
                .get("modules", Document.class).get("dutch_game", Document.class);
        assertEquals(0.5, dutch.get("_board_win_rate"), "two matches, one won: on the board at 0.5");
        assertFalse(DutchGameDocumentMapper.toStanding(users.find(Filters.eq("_id", new ObjectId(player.value()))).first())
                .stats().toString().contains("_board"), "bookkeeping, not a stat");
    }
}
