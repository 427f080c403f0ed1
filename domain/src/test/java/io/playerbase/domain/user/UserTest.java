package io.playerbase.domain.user;

import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.StoredDataUnreadable;
import io.playerbase.domain.shared.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-02T00:00:00Z");

    static User newUser() {
        return User.register(UserId.newId(T0), new Email("ann@example.com"), new Username("ann"), "$hash",
                false, List.of(new ModuleDefinition("wallet", "active", 1, Map.of("balance", 0L), "w")), T0);
    }

    @Test
    void registrationGivesAnActivePlayerWithTheModuleDefaults() {
        User user = newUser();
        assertEquals(UserStatus.ACTIVE, user.status());
        assertEquals(Set.of(Role.PLAYER), user.roles());
        assertEquals(Map.of("wallet", Map.of("balance", 0L)), user.modules());
        assertEquals(T0, user.createdAt());
        assertEquals(T0, user.updatedAt());
        assertTrue(user.canAuthenticate());
        assertFalse(user.compPlayer());
    }

    @Test
    void moduleDefaultsMayHoldNulls() {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("expires_at", null);
        ModuleDefinition module = new ModuleDefinition("subscription", "active", 1, defaults, "s");
        User user = User.register(UserId.newId(T0), new Email("a@b.co"), new Username("abc"), "$h", false, List.of(module), T0);
        assertTrue(user.modules().get("subscription").containsKey("expires_at"));
    }

    @Test
    void profileChangeReportsOnlyWhatChanged() {
        User user = newUser();
        assertEquals(List.of("phone", "address"), user.changeProfile(new Username("ann"), " +33 1 23 45 67 ", "1 Main St", T1));
        assertEquals("+33 1 23 45 67", user.phone());
        assertEquals(T1, user.updatedAt());
        assertEquals(List.of(), user.changeProfile(null, "+33 1 23 45 67", null, T1));
        assertEquals(List.of("username"), user.changeProfile(new Username("anna"), null, null, T1));
    }

    @Test
    void emptyOptionalFieldClearsIt() {
        User user = newUser();
        user.changeProfile(null, "12345", null, T1);
        assertEquals(List.of("phone"), user.changeProfile(null, "  ", null, T1));
        assertNull(user.phone());
    }

    @Test
    void phoneFormatAndAddressLengthAreChecked() {
        User user = newUser();
        assertThrows(InvalidValue.class, () -> user.changeProfile(null, "call me", null, T1));
        assertThrows(InvalidValue.class, () -> user.changeProfile(null, null, "x".repeat(501), T1));
        assertNull(user.phone());
    }

    @Test
    void passwordChangeBumpsTheCredentialsVersion() {
        User user = newUser();
        assertEquals(List.of("password_hash"), user.changePasswordHash("$new", T1));
        assertEquals(1, user.credentialsVersion());
        assertEquals("$new", user.passwordHash());
    }

    @Test
    void erasureRemovesPersonalDataAndEndsSessions() {
        User user = newUser();
        user.changeProfile(null, "123456", "1 Main St", T0);
        List<String> changed = user.erase(T1);
        assertTrue(changed.containsAll(List.of("email", "username", "phone", "address", "password_hash", "status")));
        assertEquals(UserStatus.DELETED, user.status());
        assertEquals("deleted-" + user.id().value().substring(12), user.username().value());
        assertNull(user.phone());
        assertNull(user.address());
        assertEquals("", user.passwordHash());
        assertEquals(1, user.credentialsVersion());
        assertFalse(user.canAuthenticate());
        assertThrows(RuleViolation.class, () -> user.erase(T1), "erasing twice is refused");
        assertEquals(Map.of("wallet", Map.of("balance", 0L)), user.modules(), "module data (stats, wallet) is kept");
    }

    @Test
    void aDeletedAccountNeverChanges() {
        User original = newUser();
        User deleted = User.restore(original.id(), original.email(), original.username(), "$h", UserStatus.DELETED,
                false, Set.of(), null, null, Map.of(), T0, T0, 3, 0);
        assertThrows(RuleViolation.class, () -> deleted.changeProfile(new Username("zed"), null, null, T1));
        assertThrows(RuleViolation.class, () -> deleted.changePasswordHash("$x", T1));
        assertThrows(RuleViolation.class, () -> deleted.suspend(T1));
        assertThrows(RuleViolation.class, () -> deleted.reinstate(T1));
        assertThrows(RuleViolation.class, () -> deleted.changeStaffRoles(Set.of(Role.ADMIN), T1));
        assertFalse(deleted.canAuthenticate());
        assertEquals(Set.of(Role.PLAYER), deleted.roles(), "every account keeps the player role");
    }

    @Test
    void suspendedAccountsCannotAuthenticate() {
        User original = newUser();
        User suspended = User.restore(original.id(), original.email(), original.username(), "$h",
                UserStatus.SUSPENDED, false, Set.of(Role.ADMIN), null, null, Map.of(), T0, T0, 3, 0);
        assertFalse(suspended.canAuthenticate());
        assertEquals(Set.of(Role.PLAYER, Role.ADMIN), suspended.roles());
    }

    @Test
    void suspensionStopsAuthenticationAndReinstatementRestoresIt() {
        User user = newUser();
        assertEquals(List.of("status"), user.suspend(T1));
        assertEquals(UserStatus.SUSPENDED, user.status());
        assertFalse(user.canAuthenticate());
        assertEquals(T1, user.updatedAt());
        assertEquals(List.of(), user.suspend(T1), "suspending twice changes nothing");
        assertEquals(List.of("status"), user.reinstate(T1));
        assertTrue(user.canAuthenticate());
        assertEquals(List.of(), user.reinstate(T1));
    }

    @Test
    void staffRolesComeAndGoButPlayerStays() {
        User user = newUser();
        assertEquals(List.of("roles"), user.changeStaffRoles(Set.of(Role.ADMIN, Role.SUPPORT), T1));
        assertEquals(Set.of(Role.PLAYER, Role.SUPPORT, Role.ADMIN), user.roles());
        assertEquals(List.of(), user.changeStaffRoles(Set.of(Role.SUPPORT, Role.ADMIN, Role.PLAYER), T1));
        assertEquals(List.of("roles"), user.changeStaffRoles(Set.of(), T1));
        assertEquals(Set.of(Role.PLAYER), user.roles());
    }

    @Test
    void computerPlayersHoldNoStaffRoles() {
        User bot = User.register(UserId.newId(T0), new Email("bot@cp.com"), new Username("bot_one"), "$h", true, List.of(), T0);
        RuleViolation error = assertThrows(RuleViolation.class, () -> bot.changeStaffRoles(Set.of(Role.SUPPORT), T1));
        assertEquals("computer-player", error.code());
        assertEquals(Set.of(Role.PLAYER), bot.roles());
    }

    @Test
    void accessOfAnAccountAlwaysIncludesThePlayerRole() {
        AccountAccess access = new AccountAccess(UserId.newId(T0), UserStatus.SUSPENDED, Set.of(Role.ADMIN));
        assertEquals(Set.of(Role.PLAYER, Role.ADMIN), access.roles());
        assertFalse(access.canAuthenticate());
        assertTrue(new AccountAccess(UserId.newId(T0), UserStatus.ACTIVE, Set.of()).canAuthenticate());
    }

    private static User withUnreadable(String... fields) {
        User original = newUser();
        return User.restore(original.id(), original.email(), original.username(), "$h", UserStatus.ACTIVE, false,
                Set.of(), "+44 1", null, Map.of(), T0, T0, 3, 0, Set.of(fields));
    }

    @Test
    void anUnreadableFieldThrowsOnlyWhenItIsRead() {
        User user = withUnreadable("address");

        StoredDataUnreadable error = assertThrows(StoredDataUnreadable.class, user::address);
        assertEquals("address", error.field());
        assertEquals("stored-data-unreadable", error.code());
        assertEquals("+44 1", user.phone());
        assertEquals(List.of("status"), user.suspend(T1), "what does not need the field still works");
        assertEquals(Set.of("address"), user.unreadableFields());
    }

    @Test
    void anAdminClearsAnUnreadableFieldAndTheAccountReadsAgain() {
        User user = withUnreadable("address", "phone");

        assertEquals(List.of("address", "phone"), user.clearUnreadable(Set.of("phone", "address"), T1));

        assertNull(user.address());
        assertNull(user.phone());
        assertTrue(user.unreadableFields().isEmpty());
        assertEquals(T1, user.updatedAt());
    }

    @Test
    void onlyUnreadableClearableFieldsCanBeCleared() {
        User user = withUnreadable("email", "address");

        assertEquals("field-not-clearable", assertThrows(RuleViolation.class,
                () -> user.clearUnreadable(Set.of("email"), T1)).code());
        assertEquals("field-readable", assertThrows(RuleViolation.class,
                () -> user.clearUnreadable(Set.of("phone"), T1)).code());
        assertEquals("field-readable", assertThrows(RuleViolation.class,
                () -> user.clearUnreadable(Set.of("address", "phone"), T1)).code(), "all or nothing");
        assertThrows(InvalidValue.class, () -> user.clearUnreadable(Set.of(), T1));
        assertEquals(Set.of("address", "email"), user.unreadableFields());
    }

    @Test
    void theOwnerRepairsAFieldByReplacingIt() {
        User user = withUnreadable("address");

        assertEquals(List.of("address"), user.changeProfile(null, null, "1 New Street", T1));

        assertEquals("1 New Street", user.address());
        assertTrue(user.unreadableFields().isEmpty());
    }

    @Test
    void erasureNeedsNoUnreadableField() {
        User user = withUnreadable("email", "address");

        user.erase(T1);

        assertEquals(UserStatus.DELETED, user.status());
        assertTrue(user.unreadableFields().isEmpty());
    }
}
