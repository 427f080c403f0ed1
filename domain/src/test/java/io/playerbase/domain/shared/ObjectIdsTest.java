package io.playerbase.domain.shared;

import io.playerbase.domain.access.ApiKeyId;
import io.playerbase.domain.wallet.TransactionId;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectIdsTest {

    @Test
    void newHexStartsWithTheSecondsAndDiffersAfterThem() {
        Instant now = Instant.ofEpochSecond(0x01020304L);
        String id = ObjectIds.newHex(now);
        assertTrue(ObjectIds.isHex24(id));
        assertEquals("01020304", id.substring(0, 8));
        assertNotEquals(id, ObjectIds.newHex(now));
    }

    @Test
    void isHex24AcceptsOnlyLowerCaseHexOfLength24() {
        assertTrue(ObjectIds.isHex24("0123456789abcdef01234567"));
        assertFalse(ObjectIds.isHex24("0123456789ABCDEF01234567"));
        assertFalse(ObjectIds.isHex24("0123456789abcdef0123456"));
        assertFalse(ObjectIds.isHex24(null));
    }

    @Test
    void everyObjectIdShapedIdUsesTheSameRule() {
        String hex = ObjectIds.newHex(Instant.now());
        assertEquals(hex, new UserId(hex).value());
        assertEquals(hex, new TransactionId(hex).value());
        assertEquals("pbk_" + hex, new ApiKeyId("pbk_" + hex).value());
        assertThrows(InvalidValue.class, () -> new TransactionId(hex.toUpperCase()));
        assertThrows(InvalidValue.class, () -> new ApiKeyId("pbk_" + hex.substring(1)));
    }
}
