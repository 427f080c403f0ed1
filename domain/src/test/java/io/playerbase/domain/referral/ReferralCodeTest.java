package io.playerbase.domain.referral;

import io.playerbase.domain.shared.InvalidValue;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferralCodeTest {

    @Test
    void codesAreCaseInsensitive() {
        assertEquals(new ReferralCode("K7M2QX9P"), new ReferralCode("k7m2Qx9p"));
        assertEquals("REF000123", new ReferralCode("ref000123").value());
        assertTrue(new ReferralCode("REF1A").matches("ref1a"));
        assertFalse(new ReferralCode("REF1A").matches(null));
    }

    @Test
    void newCodesUseTheUnambiguousAlphabetOnly() {
        Set<String> seen = new HashSet<>();
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            String code = ReferralCode.generate(random).value();
            assertEquals(ReferralCode.LENGTH, code.length());
            assertTrue(code.chars().allMatch(c -> ReferralCode.ALPHABET.indexOf(c) >= 0), code);
            assertTrue(code.chars().noneMatch(c -> "01ILOU".indexOf(c) >= 0), code);
            seen.add(code);
        }
        assertEquals(2000, seen.size(), "no repeats in a small sample");
    }

    @Test
    void codesOfTheOldSystemKeepTheirShape() {
        assertEquals("REF000123", new ReferralCode("REF000123").value());
        assertEquals("OLD_CODE-1", new ReferralCode("old_code-1").value());
        assertTrue(ReferralCode.isCode("ref1a"));
    }

    @Test
    void anythingElseIsRefusedAndNamesTheField() {
        for (String bad : new String[]{null, "", "AB", " K7M2QX9P", "K7M2 QX9P", "K7M2QX9P!", "Ä7M2QX9P", "A".repeat(33)}) {
            InvalidValue refused = assertThrows(InvalidValue.class, () -> new ReferralCode(bad), String.valueOf(bad));
            assertEquals("code", refused.fieldErrors().get(0).field());
            assertFalse(ReferralCode.isCode(bad));
        }
    }
}
