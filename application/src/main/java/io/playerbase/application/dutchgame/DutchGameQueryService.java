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
        LeaderboardPosition after = page.cursor() == null ? null : decode(page.cursor());
        long rank = after == null ? 0 : board.countBefore(filter, after) + 1;
        List<Standing> found = board.after(filter, after, limit + 1);
        List<LeaderboardView.Entry> entries = new ArrayList<>();
        for (Standing standing : found.subList(0, Math.min(limit, found.size()))) {
            entries.add(new LeaderboardView.Entry(++rank, PlayerStatsView.of(standing)));
        }
        String next = found.size() > limit ? encode(LeaderboardPosition.of(found.get(limit - 1), by)) : null;
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

    /** Opaque to clients: the last entry's sort value and id. */
    static String encode(LeaderboardPosition position) {
        String raw = Double.toString(position.value()) + "|" + position.userId().value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static LeaderboardPosition decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            return new LeaderboardPosition(Double.parseDouble(raw.substring(0, bar)), new UserId(raw.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw PageRequest.invalidCursor();
        }
    }
}
