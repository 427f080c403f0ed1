package io.playerbase.domain.shared;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules every {@link BlindIndex} keeps, the test stand-in included: exact matches after normalization. */
public abstract class BlindIndexContract {

    protected BlindIndex index;

    protected abstract BlindIndex createIndex();

    @BeforeEach
    void startIndex() {
        index = createIndex();
    }

    @Test
    void equalValuesAfterNormalizationGetTheSameEntry() {
        assertEquals(index.of("email", "ann@example.com"), index.of("email", "ann@example.com"));
        assertEquals(index.of("email", "ann@example.com"), index.of("email", "  Ann@Example.COM "));
        assertEquals(index.of("username", "ann"), index.of("username", "ａｎｎ"), "fullwidth folds under NFKC");
    }

    @Test
    void otherValuesAndOtherPurposesGetOtherEntries() {
        assertNotEquals(index.of("email", "ann@example.com"), index.of("email", "anna@example.com"));
        assertNotEquals(index.of("email", "ann"), index.of("username", "ann"));
        assertTrue(!index.of("email", "ann@example.com").contains("ann"), "the value is not readable from its entry");
    }

    @Test
    void storedEntriesAndLookupsIncludeTheCurrentEntry() {
        String current = index.of("email", "ann@example.com");
        assertTrue(index.entries("email", "ann@example.com").contains(current));
        assertTrue(index.lookups("email", " ANN@example.com").contains(current));
    }
}
