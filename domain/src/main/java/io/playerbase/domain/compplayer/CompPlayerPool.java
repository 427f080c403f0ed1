package io.playerbase.domain.compplayer;

import io.playerbase.domain.shared.UserId;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Outgoing port: the computer players and when each was last handed to a game server. */
public interface CompPlayerPool {

    /** Every computer player whose account is active. */
    List<CompPlayer> active();

    /**
     * Claims {@code count} of the candidates, least recently picked first (never picked before all
     * others; ties by id), and marks them picked at {@code now}. Each claim is atomic, so concurrent
     * callers spread over the pool instead of all getting the same players. Returns them in pick order.
     */
    List<UserId> pickLeastRecentlyPicked(Collection<UserId> candidates, int count, Instant now);
}
