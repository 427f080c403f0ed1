package io.playerbase.domain.shared;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UserIdTest {

    @Test
    void newIdsAreObjectIdShapedAndStartWithTheTimestamp() {
        Instant now = Instant.ofEpochSecond(0x65000000L);
        UserId id = UserId.newId(now);
        assertEquals(24, id.value().length());
        assertEquals("65000000", id.value().substring(0, 8));
        assertNotEquals(id, UserId.newId(now));
    }

    @Test
    void rejectsAnythingElse() {
        assertThrows(InvalidValue.class, () -> new UserId("65000000000000000000000G"));
        assertThrows(InvalidValue.class, () -> new UserId("{\"$gt\": \"\"}"));
        assertThrows(InvalidValue.class, () -> new UserId(null));
    }
}
