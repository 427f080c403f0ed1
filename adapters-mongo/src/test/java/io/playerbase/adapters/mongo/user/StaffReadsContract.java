package io.playerbase.adapters.mongo.user;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.audit.AuditLogStore;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.AuditTrail;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.FakeBlindIndex;
import io.playerbase.domain.testing.FakeFieldCipher;
import io.playerbase.domain.testing.FakePasswordHasher;
import io.playerbase.domain.testing.FakePersonalDataKeys;
import io.playerbase.domain.user.AccountAccess;
import io.playerbase.domain.user.AccountAccessLookup;
import io.playerbase.domain.user.Email;
import io.playerbase.domain.user.Role;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserFilter;
import io.playerbase.domain.user.UserRepository;
import io.playerbase.domain.user.UserSearch;
import io.playerbase.domain.user.UserStatus;
import io.playerbase.domain.user.Username;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The staff reads (user listing, audit trail) and the per-request access lookup, on every MongoDB we support. */
abstract class StaffReadsContract {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    private ApplicationContext context;
    private UserRepository users;
    private UserSearch search;
    private AuditTrail trail;
    private AccountAccessLookup access;
    private MongoCollection<Document> raw;
    private int created;

    protected abstract Map<String, Object> storeProperties();

    @BeforeEach
    void start() {
        context = ApplicationContext.builder()
                .properties(storeProperties())
                .properties(Map.of("playerbase.mongo.database", "contract_" + new ObjectId().toHexString(),
                        "playerbase.comp-players.password", "comp-player-test-password"))
                .singletons(new FakeFieldCipher(), new FakeBlindIndex(), new FakePasswordHasher(), new FakePersonalDataKeys())
                .start();
        users = context.getBean(UserRepository.class);
        search = context.getBean(UserSearch.class);
        trail = context.getBean(AuditTrail.class);
        access = context.getBean(AccountAccessLookup.class);
        raw = context.getBean(MongoDatabase.class).getCollection("users");
    }

    @AfterEach
    void stop() {
        context.getBean(MongoDatabase.class).drop();
        context.close();
    }

    private User insert(String name) {
        // Ids start with their creation second: one second apart, they sort in creation order.
        User user = User.register(UserId.newId(NOW.plusSeconds(created++)), new Email(name + "@Example.com"), new Username(name), "$h",
                false, List.of(), NOW);
        users.insert(user, AuditEntry.of(user.id(), Actor.player(user.id(), "r"), "user.registered", "user", List.of(), NOW));
        return user;
    }

    private <T> List<String> all(Function<PageRequest, Page<T>> listing, Function<T, String> id, int pageSize) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<T> page = listing.apply(new PageRequest(cursor, pageSize));
            page.items().forEach(item -> seen.add(id.apply(item)));
            cursor = page.nextCursor();
        } while (cursor != null);
        return seen;
    }

    @Test
    void theListingIsNewestFirstAndPagesWithoutRepeatsOrGaps() {
        List<String> humans = new ArrayList<>();
        for (String name : List.of("ann", "bob", "cat", "dan", "eve")) {
            humans.add(0, insert(name).id().value());
        }
        List<String> listed = all(page -> search.search(new UserFilter(null, null, null, false), page),
                user -> user.id().value(), 2);
        assertEquals(humans, listed);
        List<String> everyone = all(page -> search.search(UserFilter.any(), page), user -> user.id().value(), 3);
        assertEquals(humans.size() + 5, everyone.size(), "the five computer players are users too");
        assertEquals(5, all(page -> search.search(new UserFilter(null, null, null, true), page),
                user -> user.username().value(), 10).size());
    }

    @Test
    void emailAndUsernameMatchExactlyAfterNormalizationAndDecrypt() {
        insert("ann");
        insert("annabel");
        Page<User> byEmail = search.search(new UserFilter(new Email(" ANN@example.com"), null, null, null), PageRequest.first(10));
        assertEquals(List.of("ann"), byEmail.items().stream().map(user -> user.username().value()).toList());
        assertEquals("ann@Example.com", byEmail.items().get(0).email().value());
        assertEquals(1, search.search(new UserFilter(null, new Username("ANNABEL"), null, null), PageRequest.first(10)).items().size());
        assertTrue(search.search(new UserFilter(new Email("ann@example.com"), new Username("annabel"), null, null),
                PageRequest.first(10)).items().isEmpty(), "criteria combine with AND");
    }

    @Test
    void statusFiltersCountLegacyDocumentsWithoutStatusAsActive() {
        User ann = insert("ann");
        User bob = insert("bob");
        User loaded = users.findById(bob.id()).orElseThrow();
        loaded.suspend(NOW);
        users.update(loaded, AuditEntry.of(bob.id(), Actor.system("r"), "user.suspended", "user", List.of("status"), NOW));
        raw.updateOne(Filters.eq("_id", new ObjectId(ann.id().value())), Updates.unset("status"));
        List<String> suspended = all(page -> search.search(new UserFilter(null, null, UserStatus.SUSPENDED, null), page),
                user -> user.username().value(), 10);
        assertEquals(List.of("bob"), suspended);
        List<String> active = all(page -> search.search(new UserFilter(null, null, UserStatus.ACTIVE, false), page),
                user -> user.username().value(), 10);
        assertEquals(List.of("ann"), active);
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
        AuditLogStore store = context.getBean(AuditLogStore.class);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // Four entries in one millisecond, then two later ones.
            AuditEntry entry = AuditEntry.of(ann.id(), Actor.system("r" + i), "test.same_time", "user", List.of(), NOW.plusSeconds(10));
            store.write(entry);
            expected.add(entry.id());
        }
        expected.sort(Comparator.reverseOrder());
        AuditEntry later = AuditEntry.of(ann.id(), Actor.staff(ann.id(), Actor.ActorRole.ADMIN, "r9"), "test.later", "user",
                List.of("status"), NOW.plusSeconds(20));
        store.write(later);
        expected.add(0, later.id());
        List<String> seen = all(page -> trail.forUser(ann.id(), page), AuditEntry::id, 2);
        assertEquals(expected.size() + 1, seen.size(), "plus the registration entry");
        assertEquals(expected, seen.subList(0, expected.size()));
        AuditEntry newest = trail.forUser(ann.id(), PageRequest.first(1)).items().get(0);
        assertEquals(later, newest);
        assertNull(trail.forUser(UserId.newId(NOW), PageRequest.first(5)).nextCursor());
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
        raw.updateOne(Filters.eq("_id", new ObjectId(ann.id().value())),
                Updates.combine(Updates.unset("status"), Updates.set("roles", List.of("player", "superuser"))));
        assertEquals(new AccountAccess(ann.id(), UserStatus.ACTIVE, Set.of()), access.find(ann.id()).orElseThrow(),
                "legacy: no status is active, unknown roles grant nothing");
        assertTrue(access.find(UserId.newId(NOW)).isEmpty());
    }
}
