package io.playerbase.application.user;

import io.playerbase.application.referral.ReferralTestModule;
import io.playerbase.application.user.port.in.AdminUserQueries;
import io.playerbase.application.user.port.in.AuditEntryView;
import io.playerbase.application.user.port.in.ChangeRolesUseCase;
import io.playerbase.application.user.port.in.CreateAdminUseCase;
import io.playerbase.application.user.port.in.LogInUseCase;
import io.playerbase.application.user.port.in.RefreshLoginUseCase;
import io.playerbase.application.user.port.in.RegisterUserUseCase;
import io.playerbase.application.user.port.in.ReinstateUserUseCase;
import io.playerbase.application.user.port.in.SuspendUserUseCase;
import io.playerbase.application.user.port.in.UserView;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.AuthenticationFailed;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.FakePasswordHasher;
import io.playerbase.domain.testing.InMemoryModuleRegistry;
import io.playerbase.domain.testing.InMemoryStaffReads;
import io.playerbase.domain.testing.InMemoryUserRepository;
import io.playerbase.domain.user.AccountAccessLookup;
import io.playerbase.domain.user.Email;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserFilter;
import io.playerbase.domain.user.UserRepository;
import io.playerbase.domain.user.UserSearch;
import io.playerbase.domain.user.UserStatus;
import io.playerbase.domain.user.Username;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StaffServicesTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final FakePasswordHasher hasher = new FakePasswordHasher();
    private final AccountAccessLookup access = new InMemoryStaffReads(users);
    private final RegisterUserService register = new RegisterUserService(users, InMemoryModuleRegistry.standard(), hasher,
            ReferralTestModule.empty(clock).assignment, ReferralTestModule.empty(clock).redemption, clock);
    private final CreateAdminService createAdmin = new CreateAdminService(users, InMemoryModuleRegistry.standard(), hasher,
            ReferralTestModule.empty(clock).assignment, clock);
    private final SuspendUserService suspend = new SuspendUserService(users, clock);
    private final ReinstateUserService reinstate = new ReinstateUserService(users, clock);
    private final ChangeRolesService roles = new ChangeRolesService(users, clock);
    private final AccessQueryService accessQueries = new AccessQueryService(access);
    private final LogInService logIn = new LogInService(users, hasher, clock);
    private final RefreshLoginService refresh = new RefreshLoginService(users);

    private UserView admin() {
        return createAdmin.create(new CreateAdminUseCase.Command("root@example.com", "root", "admin password 1", "cli"));
    }

    private UserView player(String name) {
        return register.register(RegisterUserUseCase.Command.of(name + "@example.com", name, "correct horse", "r"));
    }

    private static Actor staff(UserView view) {
        return Actor.staff(new UserId(view.id()), Actor.ActorRole.ADMIN, "req-admin");
    }

    @Test
    void theAdminCommandCreatesAnActiveAdminAndAuditsItAsTheSystem() {
        UserView root = admin();
        assertEquals(List.of("admin", "player"), root.roles());
        assertEquals("active", root.status());
        AuditEntry entry = users.auditEntries().get(0);
        assertEquals("user.admin_created", entry.action());
        assertEquals(Actor.ActorRole.SYSTEM, entry.actor().role());
        assertEquals(List.of("admin", "player"), logIn.logIn(new LogInUseCase.Command("root", "admin password 1", "r")).roles());
    }

    @Test
    void theAdminCommandAppliesTheRegistrationRulesAndNeverOverwritesAnAccount() {
        assertEquals(3, assertThrows(InvalidValue.class, () -> createAdmin.create(
                new CreateAdminUseCase.Command("nope", "x", "short", "cli"))).fieldErrors().size());
        player("ann");
        assertEquals("username-taken", assertThrows(Conflict.class, () -> createAdmin.create(
                new CreateAdminUseCase.Command("other@example.com", "ann", "admin password 1", "cli"))).code());
        assertEquals(List.of("player"), users.findByUsername(new Username("ann")).orElseThrow().roles().stream()
                .map(role -> role.wire()).toList());
    }

    @Test
    void suspensionEndsLoginRefreshAndAccessAndIsAuditedWithTheStaffActor() {
        Actor root = staff(admin());
        UserView ann = player("ann");
        UserId annId = new UserId(ann.id());
        assertEquals(Optional.of(List.of("player")), accessQueries.activeRoles(annId));

        UserView suspended = suspend.suspend(new SuspendUserUseCase.Command(annId, root));
        assertEquals("suspended", suspended.status());
        assertEquals(Optional.empty(), accessQueries.activeRoles(annId));
        assertThrows(AuthenticationFailed.class, () -> logIn.logIn(new LogInUseCase.Command("ann", "correct horse", "r")));
        assertThrows(AuthenticationFailed.class, () -> refresh.refresh(new RefreshLoginUseCase.Command(annId, 0)));
        AuditEntry entry = users.auditEntries().get(users.auditEntries().size() - 1);
        assertEquals("user.suspended", entry.action());
        assertEquals(root, entry.actor());
        assertEquals(List.of("status"), entry.changedFields());

        int entries = users.auditEntries().size();
        suspend.suspend(new SuspendUserUseCase.Command(annId, root));
        assertEquals(entries, users.auditEntries().size(), "a repeated suspension writes nothing");

        assertEquals("active", reinstate.reinstate(new ReinstateUserUseCase.Command(annId, root)).status());
        assertEquals("user.reinstated", users.auditEntries().get(users.auditEntries().size() - 1).action());
        assertEquals(Optional.of(List.of("player")), accessQueries.activeRoles(annId));
    }

    @Test
    void staffCannotSuspendThemselvesOrChangeTheirOwnRoles() {
        UserView root = admin();
        UserId rootId = new UserId(root.id());
        assertEquals("cannot-suspend-self", assertThrows(RuleViolation.class,
                () -> suspend.suspend(new SuspendUserUseCase.Command(rootId, staff(root)))).code());
        assertEquals("cannot-change-own-roles", assertThrows(RuleViolation.class,
                () -> roles.change(new ChangeRolesUseCase.Command(rootId, List.of(), staff(root)))).code());
        assertEquals(Optional.of(List.of("admin", "player")), accessQueries.activeRoles(rootId));
    }

    @Test
    void rolesAreGrantedAndTakenAwayWithAnAuditEntry() {
        Actor root = staff(admin());
        UserId bob = new UserId(player("bob").id());
        assertEquals(List.of("player", "support"), roles.change(new ChangeRolesUseCase.Command(bob, List.of("support"), root)).roles());
        assertEquals(Optional.of(List.of("player", "support")), accessQueries.activeRoles(bob));
        AuditEntry entry = users.auditEntries().get(users.auditEntries().size() - 1);
        assertEquals("user.roles_changed", entry.action());
        assertEquals(List.of("roles"), entry.changedFields());
        assertEquals(List.of("player"), roles.change(new ChangeRolesUseCase.Command(bob, List.of("player"), root)).roles());
        InvalidValue unknown = assertThrows(InvalidValue.class,
                () -> roles.change(new ChangeRolesUseCase.Command(bob, List.of("root", "god"), root)));
        assertEquals(2, unknown.fieldErrors().size());
        assertThrows(InvalidValue.class, () -> roles.change(new ChangeRolesUseCase.Command(bob, null, root)));
    }

    @Test
    void unknownUsersAreNotFound() {
        Actor root = staff(admin());
        UserId nobody = UserId.newId(clock.instant());
        assertThrows(NotFound.class, () -> suspend.suspend(new SuspendUserUseCase.Command(nobody, root)));
        assertThrows(NotFound.class, () -> reinstate.reinstate(new ReinstateUserUseCase.Command(nobody, root)));
        assertEquals(Optional.empty(), accessQueries.activeRoles(nobody));
    }

    @Test
    void aConcurrentChangeByTheOwnerDoesNotBounceTheSuspension() {
        Actor root = staff(admin());
        UserId ann = new UserId(player("ann").id());
        AtomicInteger updates = new AtomicInteger();
        // The owner changes their profile between the admin's read and write, once.
        UserRepository racing = new DelegatingRepository(users) {
            @Override
            public void update(User user, AuditEntry audit) {
                if (updates.getAndIncrement() == 0) {
                    User owner = users.findById(user.id()).orElseThrow();
                    owner.changeProfile(null, "+1 555 0100", null, clock.instant());
                    users.update(owner, AuditEntry.of(owner.id(), Actor.player(owner.id(), "r"), "user.profile_updated",
                            "user", List.of("phone"), clock.instant()));
                }
                super.update(user, audit);
            }
        };
        UserView view = new SuspendUserService(racing, clock).suspend(new SuspendUserUseCase.Command(ann, root));
        assertEquals("suspended", view.status());
        assertEquals("+1 555 0100", users.findById(ann).orElseThrow().phone(), "the owner's change is kept");
        assertEquals(2, updates.get(), "the stale attempt, then the retry");
    }

    @Test
    void listingValidatesEveryCriterionAndPassesThemOn() {
        AtomicReference<UserFilter> seen = new AtomicReference<>();
        UserSearch search = (filter, page) -> {
            seen.set(filter);
            return new Page<>(List.of(), null);
        };
        AdminUserQueryService queries = new AdminUserQueryService(search, users, access, (id, page) -> new Page<>(List.of(), null));
        InvalidValue error = assertThrows(InvalidValue.class, () -> queries.list(
                new AdminUserQueries.ListQuery("not-an-email", "x", "frozen", null, PageRequest.first(10))));
        assertEquals(List.of("email", "username", "status"), error.fieldErrors().stream().map(e -> e.field()).toList());
        queries.list(new AdminUserQueries.ListQuery("Ann@Example.com", null, "suspended", true, PageRequest.first(10)));
        assertEquals(new UserFilter(new Email("Ann@Example.com"), null, UserStatus.SUSPENDED, true), seen.get());
    }

    @Test
    void theAuditOfAnUnknownUserIsNotFoundAndProfilesHoldNoPersonalData() {
        AuditEntry entry = AuditEntry.of(new UserId(player("cat").id()), Actor.system("r"), "user.registered", "user", List.of(), clock.instant());
        AdminUserQueryService queries = new AdminUserQueryService((filter, page) -> new Page<>(List.of(), null), users, access,
                (id, page) -> new Page<>(List.of(entry), "next"));
        UserId cat = entry.userId();
        Page<AuditEntryView> audit = queries.audit(cat, PageRequest.first(10));
        assertEquals("system", audit.items().get(0).actorRole());
        assertEquals("next", audit.nextCursor());
        assertThrows(NotFound.class, () -> queries.audit(UserId.newId(clock.instant()), PageRequest.first(10)));
        assertEquals("cat", queries.profile(cat).username());
        assertTrue(queries.byId(cat).email().startsWith("cat@"));
    }

    /** Forwards to another repository; tests override one method to inject a race. */
    private static class DelegatingRepository implements UserRepository {
        private final UserRepository delegate;

        DelegatingRepository(UserRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public void insert(User user, AuditEntry audit) {
            delegate.insert(user, audit);
        }

        @Override
        public void update(User user, AuditEntry audit) {
            delegate.update(user, audit);
        }

        @Override
        public void erase(User user, AuditEntry audit) {
            delegate.erase(user, audit);
        }

        @Override
        public Optional<User> findById(UserId id) {
            return delegate.findById(id);
        }

        @Override
        public Optional<User> findByEmail(Email email) {
            return delegate.findByEmail(email);
        }

        @Override
        public Optional<User> findByUsername(Username username) {
            return delegate.findByUsername(username);
        }
    }
}
