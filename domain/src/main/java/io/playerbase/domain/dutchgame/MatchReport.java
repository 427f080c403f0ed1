package io.playerbase.domain.dutchgame;

import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.UserId;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A finished match as a game server reports it: 2 to 8 distinct players, each with a result.
 * Times are kept to the millisecond (what the database stores), so a stored report compares equal to
 * the same report sent again.
 */
public record MatchReport(MatchId matchId, Instant startedAt, Instant endedAt, List<PlayerResult> players) {

    public static final int MIN_PLAYERS = 2;
    public static final int MAX_PLAYERS = 8;
    /** No match of the platform is older; an earlier time is a game server's bug (an epoch default, a unit mix-up). */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** How far a game server's clock may run ahead of ours. */
    public static final Duration CLOCK_SKEW = Duration.ofDays(1);

    public MatchReport {
        Objects.requireNonNull(matchId, "matchId");
        if (startedAt == null || endedAt == null) {
            throw new InvalidValue("ended_at", "started_at and ended_at are required");
        }
        startedAt = startedAt.truncatedTo(ChronoUnit.MILLIS);
        endedAt = endedAt.truncatedTo(ChronoUnit.MILLIS);
        if (endedAt.isBefore(startedAt)) {
            throw new InvalidValue("ended_at", "must not be before started_at");
        }
        if (players == null || players.size() < MIN_PLAYERS || players.size() > MAX_PLAYERS) {
            throw new InvalidValue("players", "a match has " + MIN_PLAYERS + " to " + MAX_PLAYERS + " players");
        }
        Set<UserId> seen = new HashSet<>();
        for (PlayerResult player : players) {
            if (!seen.add(player.userId())) {
                throw new InvalidValue("players", "player " + player.userId() + " appears twice");
            }
        }
        players = List.copyOf(players);
    }

    /**
     * Refuses times outside what a real match can have: before {@link #EARLIEST}, or ending more than
     * {@link #CLOCK_SKEW} after {@code now}. Such a time would be stored as the players' last match time.
     */
    public void requirePlausibleTimes(Instant now) {
        if (startedAt.isBefore(EARLIEST)) {
            throw new InvalidValue("started_at", "must not be before " + EARLIEST);
        }
        if (endedAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidValue("ended_at", "must not be more than a day in the future");
        }
    }

    public List<UserId> playerIds() {
        return players.stream().map(PlayerResult::userId).toList();
    }

    /**
     * Whether another report describes the same match: same id, times and player lines, in any order
     * of the lines. A game server that retries may rebuild its body; the order of players is not content.
     */
    public boolean sameAs(MatchReport other) {
        return matchId.equals(other.matchId) && startedAt.equals(other.startedAt) && endedAt.equals(other.endedAt)
                && sorted(players).equals(sorted(other.players));
    }

    private static List<PlayerResult> sorted(List<PlayerResult> lines) {
        return lines.stream().sorted(Comparator.comparing(line -> line.userId().value())).toList();
    }
}
