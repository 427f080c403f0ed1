package io.playerbase.application.compplayer;

import io.playerbase.application.compplayer.port.in.CompPlayerView;
import io.playerbase.application.compplayer.port.in.PickCompPlayersUseCase;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.testing.InMemoryCompPlayerPool;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PickCompPlayersServiceTest {

    private final AtomicLong seconds = new AtomicLong();
    private final Clock ticking = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.parse("2026-05-01T00:00:00Z").plusSeconds(seconds.incrementAndGet());
        }
    };
    private final InMemoryCompPlayerPool pool = new InMemoryCompPlayerPool();
    private final PickCompPlayersService service = new PickCompPlayersService(pool, ticking);

    private List<String> pick(int count) {
        return service.pick(new PickCompPlayersUseCase.Command(count)).stream().map(CompPlayerView::username).toList();
    }

    @Test
    void picksSpreadOverThePoolLeastRecentlyPickedFirst() {
        for (String name : List.of("a", "b", "c", "d", "e")) {
            pool.add(name, true);
        }
        pool.add("suspended", false);
        List<String> first = pick(2);
        List<String> second = pick(2);
        List<String> third = pick(2);
        assertEquals(2, new HashSet<>(first).size(), "distinct");
        Set<String> firstFour = new HashSet<>(first);
        firstFour.addAll(second);
        assertEquals(4, firstFour.size(), "the second pick takes players the first did not");
        assertEquals(2, third.size());
        assertEquals(1, third.stream().filter(name -> !firstFour.contains(name)).count(),
                "the fifth, never picked, comes before any picked one");
        assertEquals(first.get(0), third.get(1), "then the oldest pick");
        assertEquals(5, pick(5).size());
    }

    @Test
    void askingForMoreThanExistIsARuleViolationSayingHowManyExist() {
        pool.add("a", true);
        pool.add("b", true);
        pool.add("c", false);
        RuleViolation e = assertThrows(RuleViolation.class, () -> pick(3));
        assertEquals("not-enough-comp-players", e.code());
        assertEquals("Asked for 3 computer players; 2 exist", e.getMessage());
        assertThrows(InvalidValue.class, () -> pick(0));
        assertThrows(InvalidValue.class, () -> pick(9));
    }
}
