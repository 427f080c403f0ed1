package io.playerbase.domain.user;

import io.playerbase.domain.shared.InvalidValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ValueObjectsTest {

    @Test
    void emailIsTrimmedAndNotPrinted() {
        Email email = new Email("  Ann@Example.com ");
        assertEquals("Ann@Example.com", email.value());
        assertFalse(email.toString().contains("Ann"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "no-at-sign", "a@b", "two@@example.com", "sp ace@example.com"})
    void malformedEmailsAreRejected(String value) {
        InvalidValue error = assertThrows(InvalidValue.class, () -> new Email(value));
        assertEquals("email", error.fieldErrors().get(0).field());
    }

    @Test
    void overlongEmailIsRejected() {
        assertThrows(InvalidValue.class, () -> new Email("a".repeat(250) + "@x.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alex.morris87", "lena_kay", "abc", "A-1", "abcdefghijabcdefghijabcdefghij"})
    void validUsernames(String value) {
        assertEquals(value, new Username(value).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", ".abc", "_abc", "with space", "emoji😀x", "$where", "a.b$c", "abcdefghijabcdefghijabcdefghijk"})
    void invalidUsernames(String value) {
        InvalidValue error = assertThrows(InvalidValue.class, () -> new Username(value));
        assertEquals("username", error.fieldErrors().get(0).field());
    }

    @Test
    void passwordLengthIsCountedInCodePoints() {
        assertThrows(InvalidValue.class, () -> new NewPassword("1234567"));
        assertEquals("12345678", new NewPassword("12345678").value());
        assertEquals(8, new NewPassword("😀😀😀😀😀😀😀😀").value().codePointCount(0, 16));
        assertThrows(InvalidValue.class, () -> new NewPassword("x".repeat(129)));
        assertFalse(new NewPassword("secret-password").toString().contains("secret"));
    }

    @Test
    void statusAndRoleWireForms() {
        assertEquals(UserStatus.SUSPENDED, UserStatus.fromWire("suspended"));
        assertEquals("deleted", UserStatus.DELETED.wire());
        assertThrows(InvalidValue.class, () -> UserStatus.fromWire("ACTIVE"));
        assertEquals(Role.ADMIN, Role.fromWire("admin"));
        assertThrows(InvalidValue.class, () -> Role.fromWire("root"));
    }
}
