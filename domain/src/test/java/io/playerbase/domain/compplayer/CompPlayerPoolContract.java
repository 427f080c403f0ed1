package io.playerbase.domain.compplayer;

import io.playerbase.domain.shared.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules every {@link CompPlayerPool} keeps (the in-memory fake, the embedded store, a real MongoDB),
 * on the five computer players of the fresh setup.
 */
public abstract class CompPlayerPoolContract {

    protected static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    protected static final List<String> FRESH_SETUP = List.of("alex.morris87", "lena_kay", "jordanrivers", "samuel.b", "nina_holt");

    protected CompPlayerPool pool;

    /** A pool holding the five active computer players of {@link #FRESH_SETUP}, once per test. */
    protected abstract CompPlayerPool createPool();

    /** Suspends a computer player the way an admin does, outside the port. */
    protected abstract void suspend(String username);

    /** Releases what {@link #createPool()} started. */
    protected void closePool() {
    }

    @BeforeEach
    void startPool() {
        pool = createPool();
    }

    @AfterEach
    void stopPool() {
        closePool();
    }

    private List<UserId> ids() {
        return pool.active().stream().map(CompPlayer::userId).toList();
    }

    @Test
    void theFiveComputerPlayersAreActiveWithTheirStrength() {
        List<CompPlayer> active = pool.active();
        assertEquals(Set.of("alex.morris87", "lena_kay", "jordanrivers", "samuel.b", "nina_holt"),
                new HashSet<>(active.stream().map(CompPlayer::username).toList()));
        assertTrue(active.stream().allMatch(p -> p.level() == 1 && p.rank().equals("unranked")));
        suspend("lena_kay");
        assertEquals(4, pool.active().size());
    }

    @Test
    void picksGoToTheLeastRecentlyPickedAndAreDistinct() {
        List<UserId> all = ids();
        List<UserId> first = pool.pickLeastRecentlyPicked(all, 3, NOW);
        assertEquals(3, new HashSet<>(first).size());
        List<UserId> second = pool.pickLeastRecentlyPicked(all, 3, NOW.plusSeconds(1));
        Set<UserId> neverPickedBefore = new HashSet<>(all);
        first.forEach(neverPickedBefore::remove);
        assertTrue(second.containsAll(neverPickedBefore), "the two never picked come first");
        assertFalse(neverPickedBefore.contains(second.get(2)));
        assertTrue(first.contains(second.get(2)), "then one of the oldest picks");
        assertEquals(List.of(), pool.pickLeastRecentlyPicked(List.of(), 2, NOW));
    }

    @Test
    void concurrentPicksSpreadOverThePool() throws Exception {
        List<UserId> all = ids();
        ExecutorService callers = Executors.newFixedThreadPool(5);
        List<Future<List<UserId>>> picks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            picks.add(callers.submit(() -> pool.pickLeastRecentlyPicked(all, 1, NOW)));
        }
        Set<UserId> picked = new HashSet<>();
        for (Future<List<UserId>> pick : picks) {
            picked.addAll(pick.get());
        }
        callers.shutdown();
        assertEquals(5, picked.size(), "five callers asking for one each get five different players");
    }
}
