package io.playerbase.domain.shared;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PageRequestTest {

    @Test
    void pageSizesAreBounded() {
        assertEquals(PageRequest.DEFAULT_LIMIT, PageRequest.of(null, null).limit());
        assertEquals(200, PageRequest.of(null, 200).limit());
        assertEquals("limit", assertThrows(InvalidValue.class, () -> PageRequest.of(null, 201)).fieldErrors().get(0).field());
        assertThrows(InvalidValue.class, () -> PageRequest.of(null, 0));
    }

    @Test
    void aListingWithItsOwnLimitsKeepsThem() {
        PageRequest.Limits ledger = new PageRequest.Limits(20, 100);
        assertEquals(20, PageRequest.of(null, null, ledger).limit());
        assertEquals(100, PageRequest.of("7", 100, ledger).limit());
        InvalidValue tooMany = assertThrows(InvalidValue.class, () -> PageRequest.of(null, 101, ledger));
        assertEquals("limit", tooMany.fieldErrors().get(0).field());
        assertEquals("must be between 1 and 100", tooMany.fieldErrors().get(0).message());
        assertThrows(InvalidValue.class, () -> PageRequest.of(null, 0, ledger));
        assertEquals(PageRequest.first(100), ledger.check(PageRequest.first(100)));
        assertThrows(InvalidValue.class, () -> ledger.check(PageRequest.first(101)));
        assertThrows(IllegalArgumentException.class, () -> new PageRequest.Limits(20, 201), "no listing pages beyond 200");
        assertThrows(IllegalArgumentException.class, () -> new PageRequest.Limits(30, 20));
    }

    @Test
    void anEmptyCursorIsTheFirstPageAndAHugeOneIsRefused() {
        assertNull(PageRequest.of("", 10).cursor());
        assertThrows(InvalidValue.class, () -> PageRequest.of("x".repeat(513), 10));
        assertThrows(InvalidValue.class, () -> PageRequest.of("  ", 10));
    }

    @Test
    void pagesMapTheirItemsAndKeepTheCursor() {
        Page<Integer> page = new Page<>(List.of(1, 2), "next");
        assertEquals(new Page<>(List.of("1", "2"), "next"), page.map(String::valueOf));
    }

    @Test
    void staffActorsAreSupportOrAdmin() {
        UserId id = UserId.newId(Instant.EPOCH);
        assertEquals(Actor.ActorRole.ADMIN, Actor.staff(id, Actor.ActorRole.ADMIN, "r").role());
        assertThrows(IllegalArgumentException.class, () -> Actor.staff(id, Actor.ActorRole.PLAYER, "r"));
        assertEquals("pbk_1", Actor.gameServer("pbk_1", "r").id());
    }

    @Test
    void retryAfterIsAtLeastOneSecond() {
        assertEquals(Duration.ofSeconds(1), new RateLimited("x", Duration.ZERO).retryAfter());
        assertEquals(Duration.ofSeconds(30), new RateLimited("x", Duration.ofSeconds(30)).retryAfter());
    }
}
