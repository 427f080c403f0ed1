package io.playerbase.domain.testing;

import io.playerbase.domain.compplayer.CompPlayer;
import io.playerbase.domain.compplayer.CompPlayerPool;
import io.playerbase.domain.shared.UserId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** In-memory {@link CompPlayerPool} with the Mongo adapter's order: never picked first, then oldest pick, then id. */
public final class InMemoryCompPlayerPool implements CompPlayerPool {

    private final Map<UserId, CompPlayer> players = new LinkedHashMap<>();
    private final Map<UserId, Boolean> active = new HashMap<>();
    private final Map<UserId, Instant> lastPicked = new HashMap<>();

    public synchronized UserId add(String username, boolean isActive) {
        UserId id = UserId.newId(Instant.parse("2026-01-01T00:00:00Z"));
        players.put(id, new CompPlayer(id, username, 1, "unranked"));
        active.put(id, isActive);
        return id;
    }

    public synchronized void suspend(String username) {
        players.values().stream().filter(p -> p.username().equals(username)).forEach(p -> active.put(p.userId(), false));
    }

    @Override
    public synchronized List<CompPlayer> active() {
        return players.values().stream().filter(p -> active.get(p.userId())).toList();
    }

    @Override
    public synchronized List<UserId> pickLeastRecentlyPicked(Collection<UserId> candidates, int count, Instant now) {
        List<UserId> order = new ArrayList<>(candidates);
        order.sort(Comparator.<UserId, Instant>comparing(id -> lastPicked.getOrDefault(id, Instant.EPOCH))
                .thenComparing(UserId::value));
        List<UserId> picked = order.subList(0, Math.min(count, order.size()));
        picked.forEach(id -> lastPicked.put(id, now));
        return List.copyOf(picked);
    }
}
