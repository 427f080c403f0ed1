package io.playerbase.application.dutchgame;

import io.playerbase.application.dutchgame.port.in.DutchGameQueries;
import io.playerbase.application.dutchgame.port.in.LeaderboardView;
import io.playerbase.application.dutchgame.port.in.MatchView;
import io.playerbase.application.dutchgame.port.in.PlayerStatsView;
import io.playerbase.domain.dutchgame.DutchGameRepository;
import io.playerbase.domain.dutchgame.DutchLeaderboard;
import io.playerbase.domain.dutchgame.LeaderboardFilter;
import io.playerbase.domain.dutchgame.LeaderboardOrder;
import io.playerbase.domain.dutchgame.LeaderboardPosition;
import io.playerbase.domain.dutchgame.MatchId;
import io.playerbase.domain.dutchgame.MatchState;
import io.playerbase.domain.dutchgame.Standing;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

@Singleton
final class DutchGameQueryService implements DutchGameQueries {

    private final DutchGameRepository matches;
    private final DutchLeaderboard board;
    private final DutchGameSettings settings;

    DutchGameQueryService(DutchGameRepository matches, DutchLeaderboard board, DutchGameSettings settings) {
        this.matches = matches;
        this.board = board;
        this.settings = settings;
    }

    @Override
    public MatchView match(MatchId matchId, String readerId, boolean staff) {
        return matches.findMatch(matchId)
                .filter(match -> match.state() == MatchState.APPLIED)
                .filter(match -> staff || match.reportedBy().equals(readerId))
                .map(MatchView::of)
                .orElseThrow(() -> new NotFound("match-not-found", "No such match"));
    }

    @Override
    public PlayerStatsView stats(UserId player) {
        return board.standing(player).map(PlayerStatsView::of)
                .orElseThrow(() -> new NotFound("user-not-found", "No such player"));
    }

    @Override
    public LeaderboardView leaderboard(LeaderboardOrder by, PageRequest page, boolean includeCompPlayers) {
        int limit = leaderboardPages().check(page).limit();
        LeaderboardFilter filter = filter(by, includeCompPlayers);
        Cursor from = page.cursor() == null || page.cursor().isEmpty() ? null : decode(page.cursor());
        LeaderboardPosition after = from == null ? null : from.position();
        // The next page's first rank travels in the cursor, so paging never counts the players above it;
        // a cursor without one (issued before) is counted.
        long rank = from == null ? 0 : from.rank() > 0 ? from.rank() : board.countBefore(filter, after) + 1;
        List<Standing> found = board.after(filter, after, limit + 1);
        List<LeaderboardView.Entry> entries = new ArrayList<>();
        for (Standing standing : found.subList(0, Math.min(limit, found.size()))) {
            entries.add(new LeaderboardView.Entry(++rank, PlayerStatsView.of(standing)));
        }
        String next = found.size() > limit ? encode(new Cursor(LeaderboardPosition.of(found.get(limit - 1), by), rank)) : null;
        return new LeaderboardView(by.wire(), entries, next);
    }

    @Override
    public PageRequest.Limits leaderboardPages() {
        return settings.leaderboardPages();
    }

    @Override
    public LeaderboardView around(UserId player, LeaderboardOrder by, int radius, boolean includeCompPlayers) {
        if (radius < 0 || radius > settings.maxPageSize() / 2) {
            throw new InvalidValue("radius", "must be between 0 and " + settings.maxPageSize() / 2);
        }
        LeaderboardFilter filter = filter(by, includeCompPlayers);
        Standing me = board.standing(player)
                .filter(standing -> filter.admits(true, standing.compPlayer(), standing.stats()))
                .orElseThrow(() -> new NotFound("not-on-leaderboard", "This player is not on that leaderboard"));
        LeaderboardPosition position = LeaderboardPosition.of(me, by);
        long myRank = board.countBefore(filter, position) + 1;
        List<Standing> above = board.before(filter, position, radius);
        List<LeaderboardView.Entry> entries = new ArrayList<>();
        for (int i = above.size() - 1; i >= 0; i--) {
            entries.add(new LeaderboardView.Entry(myRank - 1 - i, PlayerStatsView.of(above.get(i))));
        }
        entries.add(new LeaderboardView.Entry(myRank, PlayerStatsView.of(me)));
        List<Standing> below = board.after(filter, position, radius);
        for (int i = 0; i < below.size(); i++) {
            entries.add(new LeaderboardView.Entry(myRank + 1 + i, PlayerStatsView.of(below.get(i))));
        }
        return new LeaderboardView(by.wire(), entries, null);
    }

    private LeaderboardFilter filter(LeaderboardOrder by, boolean includeCompPlayers) {
        return new LeaderboardFilter(by, includeCompPlayers, settings.minMatchesForWinRate());
    }

    /** Where a page ends: the last entry's place, and its rank (0 in cursors issued before ranks travelled in them). */
    record Cursor(LeaderboardPosition position, long rank) {
    }

    /** Opaque to clients: the last entry's sort value, id and rank. */
    static String encode(Cursor cursor) {
        String raw = Double.toString(cursor.position().value()) + "|" + cursor.position().userId().value() + "|" + cursor.rank();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|", -1);
            if (parts.length != 2 && parts.length != 3) {
                throw new IllegalArgumentException("parts");
            }
            long rank = parts.length == 3 ? Long.parseLong(parts[2]) : 0;
            if (rank < 0) {
                throw new IllegalArgumentException("rank");
            }
            return new Cursor(new LeaderboardPosition(Double.parseDouble(parts[0]), new UserId(parts[1])), rank);
        } catch (RuntimeException e) {
            throw PageRequest.invalidCursor();
        }
    }
}
