package io.playerbase.application.user;

import io.playerbase.application.referral.ReferralTestModule;
import io.playerbase.application.user.port.in.Authenticated;
import io.playerbase.application.user.port.in.ChangePasswordUseCase;
import io.playerbase.application.user.port.in.DeleteAccountUseCase;
import io.playerbase.application.user.port.in.LogInUseCase;
import io.playerbase.application.user.port.in.RefreshLoginUseCase;
import io.playerbase.application.user.port.in.RegisterUserUseCase;
import io.playerbase.application.user.port.in.UpdateProfileUseCase;
import io.playerbase.application.user.port.in.UserView;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.AuthenticationFailed;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.PasswordHasher;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.FakePasswordHasher;
import io.playerbase.domain.testing.InMemoryModuleRegistry;
import io.playerbase.domain.testing.InMemoryUserRepository;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserStatus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserServicesTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final FakePasswordHasher hasher = new FakePasswordHasher();
    private final RegisterUserService register = new RegisterUserService(users, InMemoryModuleRegistry.standard(), hasher,
            ReferralTestModule.empty(clock).assignment, ReferralTestModule.empty(clock).redemption, clock);
    private final LogInService logIn = new LogInService(users, hasher, clock);
    private final RefreshLoginService refresh = new RefreshLoginService(users);
    private final UpdateProfileService profile = new UpdateProfileService(users, clock);
    private final ChangePasswordService password = new ChangePasswordService(users, hasher, clock);
    private final UserQueryService queries = new UserQueryService(users);
    private final DeleteAccountService deleteAccount = new DeleteAccountService(users, hasher, clock);

    private UserView registerAnn() {
        return register.register(RegisterUserUseCase.Command.of("ann@example.com", "ann", "correct horse", "req-1"));
    }

    @Test
    void registrationCreatesAnActivePlayerWithActiveModulesAndAudits() {
        UserView ann = registerAnn();
        assertEquals("active", ann.status());
        assertEquals(List.of("player"), ann.roles());
        assertEquals(Set.of("wallet", "dutch_game"), ann.modules().keySet());
        AuditEntry entry = users.auditEntries().get(0);
        assertEquals("user.registered", entry.action());
        assertEquals(ann.id(), entry.userId().value());
        assertEquals("req-1", entry.actor().requestId());
        assertFalse(entry.changedFields().isEmpty());
        User stored = users.findById(new UserId(ann.id())).orElseThrow();
        assertTrue(hasher.verify("correct horse", stored.passwordHash()), "the password is stored hashed");
    }

    @Test
    void allInvalidFieldsAreReportedTogether() {
        InvalidValue error = assertThrows(InvalidValue.class,
                () -> RegisterUserUseCase.Command.of("nope", "a", "short", "r"));
        assertEquals(List.of("email", "username", "password"),
                error.fieldErrors().stream().map(e -> e.field()).toList());
    }

    @Test
    void duplicateEmailOrUsernameIsAConflictRegardlessOfCase() {
        registerAnn();
        Conflict email = assertThrows(Conflict.class, () -> register.register(
                RegisterUserUseCase.Command.of(" ANN@example.com", "other", "correct horse", "r")));
        assertEquals("email-taken", email.code());
        Conflict name = assertThrows(Conflict.class, () -> register.register(
                RegisterUserUseCase.Command.of("bob@example.com", "ANN", "correct horse", "r")));
        assertEquals("username-taken", name.code());
        assertEquals(1, users.size());
    }

    @Test
    void logInByEmailOrUsername() {
        UserView ann = registerAnn();
        Authenticated byEmail = logIn.logIn(new LogInUseCase.Command("Ann@Example.com", "correct horse", "r"));
        Authenticated byName = logIn.logIn(new LogInUseCase.Command("ann", "correct horse", "r"));
        assertEquals(ann.id(), byEmail.userId().value());
        assertEquals(byEmail, byName);
        assertEquals(List.of("player"), byEmail.roles());
    }

    @Test
    void everyLoginFailureIsTheSameError() {
        registerAnn();
        for (LogInUseCase.Command bad : List.of(
                new LogInUseCase.Command("ann", "wrong password", "r"),
                new LogInUseCase.Command("nobody", "correct horse", "r"),
                new LogInUseCase.Command("nobody@example.com", "correct horse", "r"),
                new LogInUseCase.Command("{\"$ne\":1}", "correct horse", "r"),
                new LogInUseCase.Command(null, null, "r"))) {
            AuthenticationFailed error = assertThrows(AuthenticationFailed.class, () -> logIn.logIn(bad));
            assertEquals("authentication-failed", error.code());
        }
    }

    @Test
    void aWrongPasswordNamesTheAccountForAbuseLimitsOnlyAnUnknownNameDoesNot() {
        UserView ann = registerAnn();
        AuthenticationFailed byName = assertThrows(AuthenticationFailed.class,
                () -> logIn.logIn(new LogInUseCase.Command("ann", "wrong password", "r")));
        AuthenticationFailed byEmail = assertThrows(AuthenticationFailed.class,
                () -> logIn.logIn(new LogInUseCase.Command("ann@example.com", "wrong password", "r")));
        assertEquals(Optional.of(new UserId(ann.id())), byName.account());
        assertEquals(byName.account(), byEmail.account());
        assertEquals(byName.getMessage(), byEmail.getMessage());
        assertTrue(assertThrows(AuthenticationFailed.class,
                () -> logIn.logIn(new LogInUseCase.Command("nobody", "wrong password", "r"))).account().isEmpty());
    }

    @Test
    void suspendedAccountCannotLogInOrRefresh() {
        UserView ann = registerAnn();
        User user = users.findById(new UserId(ann.id())).orElseThrow();
        User suspended = User.restore(user.id(), user.email(), user.username(), user.passwordHash(),
                UserStatus.SUSPENDED, false, user.roles(), null, null, user.modules(), user.createdAt(),
                user.updatedAt(), user.version(), user.credentialsVersion());
        users.update(suspended, AuditEntry.of(user.id(), Actor.system("r"), "user.suspended", "user", List.of("status"), clock.instant()));
        assertThrows(AuthenticationFailed.class, () -> logIn.logIn(new LogInUseCase.Command("ann", "correct horse", "r")));
        assertThrows(AuthenticationFailed.class, () -> refresh.refresh(new RefreshLoginUseCase.Command(user.id(), 0)));
    }

    @Test
    void legacyHashIsUpgradedAtLogin() {
        UserView ann = registerAnn();
        User user = users.findById(new UserId(ann.id())).orElseThrow();
        User legacy = User.restore(user.id(), user.email(), user.username(), "legacy-hash-the-fake-cannot-verify",
                user.status(), false, user.roles(), null, null, user.modules(), user.createdAt(), user.updatedAt(),
                user.version(), 0);
        users.update(legacy, AuditEntry.of(user.id(), Actor.system("r"), "test", "user", List.of(), clock.instant()));
        // The fake cannot verify the legacy hash, so log in fails and nothing is upgraded.
        assertThrows(AuthenticationFailed.class, () -> logIn.logIn(new LogInUseCase.Command("ann", "correct horse", "r")));
        assertEquals("legacy-hash-the-fake-cannot-verify", users.findById(user.id()).orElseThrow().passwordHash());
    }

    @Test
    void weakerHashIsReplacedAfterASuccessfulLogin() {
        // Hashes registered with the fake are "weaker"; the upgraded form carries a trailing "!".
        var upgrading = new PasswordHasher() {
            @Override
            public String hash(String password) {
                return hasher.hash(password) + "!";
            }

            @Override
            public boolean verify(String password, String encodedHash) {
                return encodedHash.startsWith(hasher.hash(password));
            }

            @Override
            public boolean needsRehash(String encodedHash) {
                return !encodedHash.endsWith("!");
            }
        };
        var service = new LogInService(users, upgrading, clock);
        UserView ann = registerAnn();
        service.logIn(new LogInUseCase.Command("ann", "correct horse", "r"));
        assertTrue(users.findById(new UserId(ann.id())).orElseThrow().passwordHash().endsWith("!"));
        assertEquals("user.password_rehashed", users.auditEntries().get(1).action());
    }

    @Test
    void refreshFailsAfterAPasswordChange() {
        UserView ann = registerAnn();
        UserId id = new UserId(ann.id());
        assertEquals(id, refresh.refresh(new RefreshLoginUseCase.Command(id, 0)).userId());
        password.change(new ChangePasswordUseCase.Command(id, "correct horse", "battery staple", Actor.player(id, "r")));
        assertThrows(AuthenticationFailed.class, () -> refresh.refresh(new RefreshLoginUseCase.Command(id, 0)));
        assertEquals(1, refresh.refresh(new RefreshLoginUseCase.Command(id, 1)).credentialsVersion());
        assertEquals(id, logIn.logIn(new LogInUseCase.Command("ann", "battery staple", "r")).userId());
        assertThrows(AuthenticationFailed.class, () -> logIn.logIn(new LogInUseCase.Command("ann", "correct horse", "r")));
    }

    @Test
    void passwordChangeNeedsTheCurrentPasswordAndAValidNewOne() {
        UserId id = new UserId(registerAnn().id());
        RuleViolation wrong = assertThrows(RuleViolation.class, () -> password.change(
                new ChangePasswordUseCase.Command(id, "not it", "battery staple", Actor.player(id, "r"))));
        assertEquals("wrong-current-password", wrong.code());
        assertThrows(InvalidValue.class, () -> password.change(
                new ChangePasswordUseCase.Command(id, "correct horse", "short", Actor.player(id, "r"))));
        assertEquals(1, users.auditEntries().size(), "nothing but the registration was written");
    }

    @Test
    void profileUpdateIsAuditedOnlyWhenSomethingChanged() {
        UserId id = new UserId(registerAnn().id());
        UserView updated = profile.update(new UpdateProfileUseCase.Command(id, "annie", "+44 20 7946 0000", null, Actor.player(id, "r2")));
        assertEquals("annie", updated.username());
        assertEquals("+44 20 7946 0000", queries.byId(id).phone());
        AuditEntry entry = users.auditEntries().get(1);
        assertEquals(List.of("username", "phone"), entry.changedFields());
        assertEquals("r2", entry.actor().requestId());
        profile.update(new UpdateProfileUseCase.Command(id, "annie", null, null, Actor.player(id, "r3")));
        assertEquals(2, users.auditEntries().size());
    }

    @Test
    void profileUpdateToATakenUsernameIsAConflict() {
        registerAnn();
        UserView bob = register.register(RegisterUserUseCase.Command.of("bob@example.com", "bob", "correct horse", "r"));
        UserId bobId = new UserId(bob.id());
        assertThrows(Conflict.class, () -> profile.update(new UpdateProfileUseCase.Command(bobId, "Ann", null, null, Actor.player(bobId, "r"))));
        assertEquals("bob", queries.byId(bobId).username());
    }

    @Test
    void deletingTheAccountNeedsThePasswordAndReleasesEmailAndUsername() {
        UserId id = new UserId(registerAnn().id());
        RuleViolation wrong = assertThrows(RuleViolation.class, () -> deleteAccount.delete(
                new DeleteAccountUseCase.Command(id, "not it", Actor.player(id, "r"))));
        assertEquals("wrong-password", wrong.code());
        assertEquals("active", queries.byId(id).status());

        deleteAccount.delete(new DeleteAccountUseCase.Command(id, "correct horse", Actor.player(id, "r9")));
        UserView erased = queries.byId(id);
        assertEquals("deleted", erased.status());
        assertTrue(erased.username().startsWith("deleted-"));
        AuditEntry entry = users.auditEntries().get(users.auditEntries().size() - 1);
        assertEquals("user.erased", entry.action());
        assertEquals("r9", entry.actor().requestId());
        assertThrows(AuthenticationFailed.class, () -> logIn.logIn(new LogInUseCase.Command("ann", "correct horse", "r")));
        assertThrows(AuthenticationFailed.class, () -> refresh.refresh(new RefreshLoginUseCase.Command(id, 0)));
        // The email and username are free again.
        UserView again = registerAnn();
        assertEquals("active", again.status());
    }

    @Test
    void unknownUserIsNotFound() {
        UserId nobody = UserId.newId(clock.instant());
        assertThrows(NotFound.class, () -> queries.byId(nobody));
        assertThrows(NotFound.class, () -> profile.update(new UpdateProfileUseCase.Command(nobody, null, "1234", null, Actor.player(nobody, "r"))));
    }
}
