package io.playerbase.domain.user;

import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserSuspensionTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    private static User user() {
        return User.register(UserId.newId(NOW), new Email("robo@cp.com"), new Username("robo"), "$hash", true, List.of(), NOW);
    }

    @Test
    void suspendAndReinstateChangeTheStatusOnce() {
        User user = user();
        assertEquals(List.of("status"), user.suspend(NOW.plusSeconds(1)));
        assertEquals(UserStatus.SUSPENDED, user.status());
        assertFalse(user.canAuthenticate());
        assertEquals(NOW.plusSeconds(1), user.updatedAt());
        assertEquals(List.of(), user.suspend(NOW.plusSeconds(2)), "already suspended");
        assertEquals(List.of("status"), user.reinstate(NOW.plusSeconds(3)));
        assertTrue(user.canAuthenticate());
        assertEquals(List.of(), user.reinstate(NOW.plusSeconds(4)), "already active");
    }

    @Test
    void anErasedAccountStaysErased() {
        User user = user();
        user.erase(NOW);
        assertThrows(RuleViolation.class, () -> user.reinstate(NOW));
        assertThrows(RuleViolation.class, () -> user.suspend(NOW));
    }
}
