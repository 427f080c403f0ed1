package io.playerbase.domain.user;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules every {@link UserRepository} keeps: the in-memory fake, the embedded store and a real
 * MongoDB. Each test starts from an empty store.
 */
public abstract class UserRepositoryContract {

    protected static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    protected UserRepository users;

    /** An empty repository, once per test. */
    protected abstract UserRepository createUsers();

    /** The modules a new user carries (the registry's active ones). */
    protected abstract List<ModuleDefinition> activeModules();

    /** Releases what {@link #createUsers()} started. */
    protected void closeUsers() {
    }

    @BeforeEach
    void startUsers() {
        users = createUsers();
    }

    @AfterEach
    void stopUsers() {
        closeUsers();
    }

    protected User newUser(String name) {
        return User.register(UserId.newId(NOW), new Email(name + "@Example.com"), new Username(name), "$hash",
                false, activeModules(), NOW);
    }

    protected static AuditEntry audit(User user, String action) {
        return AuditEntry.of(user.id(), Actor.player(user.id(), "req-" + action), action, "user", List.of("phone"), NOW);
    }

    @Test
    void roundTripFindsByIdEmailAndUsername() {
        User user = newUser("bea");
        user.changeProfile(null, "+44 20 7946 0000", "221B Baker Street", NOW);
        users.insert(user, audit(user, "user.registered"));
        for (User found : List.of(users.findById(user.id()).orElseThrow(),
                users.findByEmail(new Email(" BEA@example.COM")).orElseThrow(),
                users.findByUsername(new Username("BEA")).orElseThrow())) {
            assertEquals(user.id(), found.id());
            assertEquals("bea@Example.com", found.email().value());
            assertEquals("+44 20 7946 0000", found.phone());
            assertEquals("221B Baker Street", found.address());
            assertEquals(UserStatus.ACTIVE, found.status());
            assertEquals(NOW, found.createdAt().truncatedTo(ChronoUnit.MILLIS));
        }
        assertTrue(users.findByEmail(new Email("nobody@example.com")).isEmpty());
        assertTrue(users.findById(UserId.newId(NOW)).isEmpty());
    }

    @Test
    void duplicateEmailOrUsernameIsAConflict() {
        User first = newUser("dan");
        users.insert(first, audit(first, "user.registered"));
        User sameEmail = User.register(UserId.newId(NOW), new Email("DAN@example.com "), new Username("other"), "$h",
                false, List.of(), NOW);
        assertEquals("email-taken", assertThrows(Conflict.class, () -> users.insert(sameEmail, audit(sameEmail, "x"))).code());
        User sameName = User.register(UserId.newId(NOW), new Email("x@example.com"), new Username("Dan"), "$h",
                false, List.of(), NOW);
        assertEquals("username-taken", assertThrows(Conflict.class, () -> users.insert(sameName, audit(sameName, "x"))).code());
        assertTrue(users.findByUsername(new Username("other")).isEmpty(), "nothing of the refused user is stored");
        assertTrue(users.findByEmail(new Email("x@example.com")).isEmpty());
    }

    @Test
    void staleUpdatesAreRefusedAndFreshOnesBumpTheVersion() {
        User user = newUser("eve");
        users.insert(user, audit(user, "user.registered"));
        User first = users.findById(user.id()).orElseThrow();
        User second = users.findById(user.id()).orElseThrow();
        first.changeProfile(null, "111111", null, NOW);
        users.update(first, audit(first, "user.profile_updated"));
        assertEquals(2L, first.version());
        second.changeProfile(null, "222222", null, NOW);
        assertEquals("stale-version", assertThrows(Conflict.class, () -> users.update(second, audit(second, "x"))).code());
        assertEquals("111111", users.findById(user.id()).orElseThrow().phone());
    }

    @Test
    void renamingToATakenUsernameIsAConflict() {
        User gus = newUser("gus");
        User hal = newUser("hal");
        users.insert(gus, audit(gus, "user.registered"));
        users.insert(hal, audit(hal, "user.registered"));
        User loaded = users.findById(hal.id()).orElseThrow();
        loaded.changeProfile(new Username("GUS"), null, null, NOW);
        assertEquals("username-taken", assertThrows(Conflict.class, () -> users.update(loaded, audit(loaded, "x"))).code());
        assertEquals("hal", users.findById(hal.id()).orElseThrow().username().value());
    }
}
