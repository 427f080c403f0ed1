package io.playerbase.application.compplayer;

import io.playerbase.application.referral.ReferralTestModule;
import io.playerbase.application.compplayer.port.in.AddCompPlayerUseCase;
import io.playerbase.application.compplayer.port.in.ChangeCompPlayerStatusUseCase;
import io.playerbase.application.compplayer.port.in.CompPlayerView;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.PasswordHasher;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.InMemoryModuleRegistry;
import io.playerbase.domain.testing.InMemoryUserRepository;
import io.playerbase.domain.user.Email;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserStatus;
import io.playerbase.domain.user.Username;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompPlayerAdminServicesTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private static final Actor ADMIN = new Actor("650000000000000000000009", Actor.ActorRole.ADMIN, "r-1");

    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final AddCompPlayerService adding = new AddCompPlayerService(users, InMemoryModuleRegistry.standard(),
            ReferralTestModule.empty(clock).assignment, clock);
    private final ChangeCompPlayerStatusService changing = new ChangeCompPlayerStatusService(users, clock);

    @Test
    void anAddedComputerPlayerIsActiveWithAThousandCoinsAndAudited() {
        CompPlayerView view = adding.add(new AddCompPlayerUseCase.Command("robo_ann", ADMIN));
        assertEquals("robo_ann", view.username());
        assertEquals("active", view.status());
        User stored = users.findById(new UserId(view.userId())).orElseThrow();
        assertTrue(stored.compPlayer());
        assertEquals("robo_ann@cp.com", stored.email().value());
        assertEquals(PasswordHasher.NO_PASSWORD, stored.passwordHash(), "no password anybody could log in with");
        assertEquals(1000, stored.modules().get("dutch_game").get("coins"));
        AuditEntry entry = users.auditEntries().get(0);
        assertEquals("user.comp_player_added", entry.action());
        assertEquals(ADMIN, entry.actor());
        assertThrows(Conflict.class, () -> adding.add(new AddCompPlayerUseCase.Command("ROBO_ANN", ADMIN)));
    }

    @Test
    void suspendAndReinstateAreAuditedOncePerChange() {
        CompPlayerView view = adding.add(new AddCompPlayerUseCase.Command("robo_ann", ADMIN));
        UserId id = new UserId(view.userId());
        assertEquals("suspended", changing.change(new ChangeCompPlayerStatusUseCase.Command(id, false, ADMIN)).status());
        assertEquals(UserStatus.SUSPENDED, users.findById(id).orElseThrow().status());
        changing.change(new ChangeCompPlayerStatusUseCase.Command(id, false, ADMIN));
        assertEquals("active", changing.change(new ChangeCompPlayerStatusUseCase.Command(id, true, ADMIN)).status());
        assertEquals(List.of("user.comp_player_added", "user.suspended", "user.reinstated"),
                users.auditEntries().stream().map(AuditEntry::action).toList());
    }

    @Test
    void humansAreNotManagedHere() {
        User human = User.register(UserId.newId(NOW), new Email("ann@example.com"), new Username("ann"), "$h", false,
                List.of(), NOW);
        users.insert(human, AuditEntry.of(human.id(), ADMIN, "user.registered", "user", List.of(), NOW));
        assertThrows(NotFound.class, () -> changing.change(new ChangeCompPlayerStatusUseCase.Command(human.id(), false, ADMIN)));
        assertThrows(NotFound.class, () -> changing.change(new ChangeCompPlayerStatusUseCase.Command(UserId.newId(NOW), false, ADMIN)));
    }
}
