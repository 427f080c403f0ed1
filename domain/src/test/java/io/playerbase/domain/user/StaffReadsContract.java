package io.playerbase.domain.user;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.AuditTrail;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules of the staff reads ({@link UserSearch}, {@link AuditTrail}) and of the per-request
 * {@link AccountAccessLookup}, which one store serves over its users: the in-memory fake, the embedded
 * store and a real MongoDB. Users and audit entries get in through the {@link UserRepository} of the
 * same store. Each test starts from a store without human users.
 */
public abstract class StaffReadsContract {

    protected static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    /** The ports of one store. */
    public record Ports(UserRepository users, UserSearch search, AuditTrail trail, AccountAccessLookup access) {
    }

    protected UserRepository users;
    protected UserSearch search;
    protected AuditTrail trail;
    protected AccountAccessLookup access;
    private int created;

    /** A store without human users, once per test (computer players of its setup may be there). */
    protected abstract Ports createPorts();

    /** Releases what {@link #createPorts()} started. */
    protected void closePorts() {
    }

    @BeforeEach
    void startPorts() {
        Ports ports = createPorts();
        users = ports.users();
        search = ports.search();
        trail = ports.trail();
        access = ports.access();
    }

    @AfterEach
    void stopPorts() {
        closePorts();
    }

    protected User insert(String name) {
        return insert(name, false);
    }

    protected User insert(String name, boolean compPlayer) {
        // Ids start with their creation second: one second apart, they sort in creation order.
        User user = User.register(UserId.newId(NOW.plusSeconds(created++)), new Email(name + "@Example.com"),
                new Username(name), "$h", compPlayer, List.of(), NOW);
        users.insert(user, AuditEntry.of(user.id(), Actor.player(user.id(), "r"), "user.registered", "user", List.of(), NOW));
        return user;
    }

    protected static <T> List<String> all(Function<PageRequest, Page<T>> listing, Function<T, String> id, int pageSize) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<T> page = listing.apply(new PageRequest(cursor, pageSize));
            page.items().forEach(item -> seen.add(id.apply(item)));
            cursor = page.nextCursor();
        } while (cursor != null);
        return seen;
    }

    private List<String> usernames(UserFilter filter) {
        return all(page -> search.search(filter, page), user -> user.username().value(), 10);
    }

    @Test
    void theListingIsNewestFirstAndPagesWithoutRepeatsOrGaps() {
        int setupCompPlayers = usernames(new UserFilter(null, null, null, true)).size();
        List<String> humans = new ArrayList<>();
        for (String name : List.of("ann", "bob", "cat", "dan", "eve")) {
            humans.add(0, insert(name).id().value());
        }
        insert("cpu_one", true);
        insert("cpu_two", true);
        List<String> listed = all(page -> search.search(new UserFilter(null, null, null, false), page),
                user -> user.id().value(), 2);
        assertEquals(humans, listed);
        List<String> everyone = all(page -> search.search(UserFilter.any(), page), user -> user.id().value(), 3);
        assertEquals(humans.size() + 2 + setupCompPlayers, everyone.size(), "computer players are users too");
        assertEquals(everyone.size(), Set.copyOf(everyone).size(), "no user twice");
        List<String> computers = usernames(new UserFilter(null, null, null, true));
        assertEquals(setupCompPlayers + 2, computers.size());
        assertTrue(computers.containsAll(List.of("cpu_one", "cpu_two")));
    }

    @Test
    void emailAndUsernameMatchExactlyAfterNormalization() {
        insert("ann");
        insert("annabel");
        Page<User> byEmail = search.search(new UserFilter(new Email(" ANN@example.com"), null, null, null), PageRequest.first(10));
        assertEquals(List.of("ann"), byEmail.items().stream().map(user -> user.username().value()).toList());
        assertEquals("ann@Example.com", byEmail.items().get(0).email().value(), "as registered, readable");
        assertEquals(1, search.search(new UserFilter(null, new Username("ANNABEL"), null, null), PageRequest.first(10)).items().size());
        assertTrue(search.search(new UserFilter(null, new Username("anna"), null, null), PageRequest.first(10)).items().isEmpty(),
                "never by prefix");
        assertTrue(search.search(new UserFilter(new Email("ann@example.com"), new Username("annabel"), null, null),
                PageRequest.first(10)).items().isEmpty(), "criteria combine with AND");
    }

    @Test
    void statusFiltersSeeTheStoredStatus() {
        insert("ann");
        User bob = insert("bob");
        User loaded = users.findById(bob.id()).orElseThrow();
        loaded.suspend(NOW);
        users.update(loaded, AuditEntry.of(bob.id(), Actor.system("r"), "user.suspended", "user", List.of("status"), NOW));
        assertEquals(List.of("bob"), usernames(new UserFilter(null, null, UserStatus.SUSPENDED, null)));
        assertEquals(List.of("ann"), usernames(new UserFilter(null, null, UserStatus.ACTIVE, false)));
    }

    @Test
    void aForeignCursorIsAnInvalidValue() {
        assertThrows(InvalidValue.class, () -> search.search(UserFilter.any(), new PageRequest("zzz", 10)));
        assertThrows(InvalidValue.class, () -> trail.forUser(UserId.newId(NOW), new PageRequest("%%%", 10)));
        assertThrows(InvalidValue.class, () -> trail.forUser(UserId.newId(NOW), new PageRequest("bm9jb2xvbg", 10)));
    }

    @Test
    void theAuditTrailPagesNewestFirstAcrossEntriesOfTheSameMillisecond() {
        User ann = insert("ann");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // Four entries in one millisecond, then a later one.
            AuditEntry entry = AuditEntry.of(ann.id(), Actor.system("r" + i), "test.same_time", "user", List.of(),
                    NOW.plusSeconds(10));
            users.update(ann, entry);
            expected.add(entry.id());
        }
        expected.sort(Comparator.reverseOrder());
        AuditEntry later = AuditEntry.of(ann.id(), Actor.staff(ann.id(), Actor.ActorRole.ADMIN, "r9"), "test.later", "user",
                List.of("status"), NOW.plusSeconds(20));
        users.update(ann, later);
        expected.add(0, later.id());
        User bob = insert("bob");
        users.update(bob, AuditEntry.of(bob.id(), Actor.system("x"), "test.other_user", "user", List.of(), NOW.plusSeconds(30)));

        List<String> seen = all(page -> trail.forUser(ann.id(), page), AuditEntry::id, 2);
        assertEquals(expected.size() + 1, seen.size(), "plus the registration entry, and none of bob's");
        assertEquals(expected, seen.subList(0, expected.size()));
        AuditEntry newest = trail.forUser(ann.id(), PageRequest.first(1)).items().get(0);
        assertEquals(later, newest);
        assertNull(trail.forUser(UserId.newId(NOW), PageRequest.first(5)).nextCursor());
        assertTrue(trail.forUser(UserId.newId(NOW), PageRequest.first(5)).items().isEmpty());
    }

    @Test
    void accessReflectsStatusAndRolesAsStored() {
        User ann = insert("ann");
        assertEquals(Optional.of(new AccountAccess(ann.id(), UserStatus.ACTIVE, Set.of(Role.PLAYER))), access.find(ann.id()));
        User loaded = users.findById(ann.id()).orElseThrow();
        loaded.changeStaffRoles(Set.of(Role.SUPPORT), NOW);
        loaded.suspend(NOW);
        users.update(loaded, AuditEntry.of(ann.id(), Actor.system("r"), "x", "user", List.of("roles", "status"), NOW));
        AccountAccess after = access.find(ann.id()).orElseThrow();
        assertEquals(UserStatus.SUSPENDED, after.status());
        assertEquals(Set.of(Role.PLAYER, Role.SUPPORT), after.roles());
        assertTrue(access.find(UserId.newId(NOW)).isEmpty());
    }
}
