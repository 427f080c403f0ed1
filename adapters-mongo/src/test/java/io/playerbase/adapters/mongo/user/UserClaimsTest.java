package io.playerbase.adapters.mongo.user;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.ClaimHolder;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UniqueClaims;
import io.playerbase.domain.shared.UniqueClaims.ClaimKey;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.FakeBlindIndex;
import io.playerbase.domain.user.Email;
import io.playerbase.domain.user.ModuleRegistry;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import io.playerbase.domain.user.Username;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Email and username stay unique without the unique indexes of {@code users} (a cluster sharded by
 * {@code _id} cannot keep them): every test runs with both dropped, so only the claims decide.
 */
abstract class UserClaimsTest {

    private static final Instant NOW = Instant.now();
    private static final int CLAIMANTS = 16;
    private final FakeBlindIndex blindIndex = new FakeBlindIndex();

    private ApplicationContext context;
    private MongoCollection<Document> users;
    private UserRepository repository;
    private UniqueClaims claims;

    abstract MongoTarget target();

    @BeforeEach
    void start() {
        context = target().startAdapters();
        users = context.getBean(MongoDatabase.class).getCollection("users");
        users.dropIndex("ux_users_email_bidx");
        users.dropIndex("ux_users_username_bidx");
        repository = context.getBean(UserRepository.class);
        claims = context.getBean(UniqueClaims.class);
    }

    @AfterEach
    void stop() {
        context.getBean(MongoDatabase.class).drop();
        context.close();
    }

    private User newUser(String email, String username) {
        return User.register(UserId.newId(NOW), new Email(email), new Username(username), "$hash", false,
                context.getBean(ModuleRegistry.class).activeModules(), NOW);
    }

    private static AuditEntry audit(User user) {
        return AuditEntry.of(user.id(), Actor.player(user.id(), "req"), "user.registered", "user", List.of("email"), NOW);
    }

    private static String unique() {
        return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private ClaimKey emailClaim(String email) {
        return new ClaimKey("email", blindIndex.of("email", email));
    }

    private ClaimKey usernameClaim(String username) {
        return new ClaimKey("username", blindIndex.of("username", username));
    }

    private long usersHolding(String field, String entry) {
        return users.countDocuments(Filters.eq(field, entry));
    }

    /** Races the registrations; returns how many succeeded, and checks every other one was refused with {@code expected}. */
    private int race(List<User> candidates, String expected) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(candidates.size());
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (User candidate : candidates) {
                Callable<Boolean> register = () -> {
                    start.await();
                    try {
                        repository.insert(candidate, audit(candidate));
                        return true;
                    } catch (Conflict refused) {
                        assertEquals(expected, refused.code());
                        return false;
                    }
                };
                results.add(pool.submit(register));
            }
            start.countDown();
            int accounts = 0;
            for (Future<Boolean> result : results) {
                accounts += result.get() ? 1 : 0;
            }
            return accounts;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sixteenConcurrentRegistrationsOfOneEmailMakeExactlyOneAccount() throws Exception {
        String email = unique() + "@example.com";
        List<User> candidates = new ArrayList<>();
        for (int i = 0; i < CLAIMANTS; i++) {
            candidates.add(newUser(i % 2 == 0 ? email : " " + email.toUpperCase() + " ", unique()));
        }
        assertEquals(1, race(candidates, "email-taken"));
        assertEquals(1, usersHolding("email_bidx", blindIndex.of("email", email)));
        List<ObjectId> ids = candidates.stream().map(candidate -> new ObjectId(candidate.id().value())).toList();
        assertEquals(1, users.countDocuments(Filters.in("_id", ids)));
        assertFalse(claims.find(emailClaim(email)).orElseThrow().pending());
        assertEquals(1, context.getBean(MongoDatabase.class).getCollection("user_keys").countDocuments(Filters.in("_id", ids)),
                "refused registrations leave no data key");
        assertEquals(1, context.getBean(MongoDatabase.class).getCollection("claims")
                .countDocuments(Filters.in("owner", candidates.stream().map(candidate -> candidate.id().value()).toList())) / 2,
                "only the account's email and username are claimed");
    }

    @Test
    void sixteenConcurrentRegistrationsOfOneUsernameMakeExactlyOneAccount() throws Exception {
        String username = unique();
        List<User> candidates = new ArrayList<>();
        for (int i = 0; i < CLAIMANTS; i++) {
            candidates.add(newUser(unique() + "@example.com", i % 2 == 0 ? username : username.toUpperCase()));
        }
        assertEquals(1, race(candidates, "username-taken"));
        assertEquals(1, usersHolding("username_bidx", blindIndex.of("username", username)));
        for (User candidate : candidates) {
            Optional<UniqueClaims.Claim> claim = claims.find(emailClaim(candidate.email().value()));
            assertEquals(claim.isPresent(), users.countDocuments(Filters.eq("_id", new ObjectId(candidate.id().value()))) == 1,
                    "a refused registration keeps no claim of its email");
        }
    }

    @Test
    void lookupsFindUsersThroughTheirClaims() {
        User ann = newUser(unique() + "@example.com", unique());
        repository.insert(ann, audit(ann));
        assertEquals(ann.id(), repository.findByEmail(ann.email()).orElseThrow().id());
        assertEquals(ann.id(), repository.findByUsername(ann.username()).orElseThrow().id());
        assertEquals(Optional.empty(), repository.findByEmail(new Email(unique() + "@example.com")));
    }

    @Test
    void erasureReleasesTheClaimsAndTheNamesCanBeRegisteredAgain() {
        User ann = newUser(unique() + "@example.com", unique());
        repository.insert(ann, audit(ann));
        User stored = repository.findById(ann.id()).orElseThrow();
        stored.erase(NOW);
        repository.erase(stored, audit(stored));

        assertEquals(Optional.empty(), claims.find(emailClaim(ann.email().value())));
        assertEquals(Optional.empty(), claims.find(usernameClaim(ann.username().value())));
        User again = newUser(ann.email().value(), ann.username().value());
        repository.insert(again, audit(again));
        assertEquals(again.id(), repository.findByEmail(ann.email()).orElseThrow().id());
        assertEquals(again.id().value(), claims.find(usernameClaim(ann.username().value())).orElseThrow().owner());
    }

    @Test
    void aUsernameChangeClaimsTheNewNameAndReleasesTheOldOne() {
        User ann = newUser(unique() + "@example.com", unique());
        User bob = newUser(unique() + "@example.com", unique());
        repository.insert(ann, audit(ann));
        repository.insert(bob, audit(bob));
        String oldName = ann.username().value();
        String newName = unique();

        User changing = repository.findById(ann.id()).orElseThrow();
        changing.changeProfile(new Username(newName), null, null, NOW);
        repository.update(changing, audit(changing));

        assertEquals(Optional.empty(), claims.find(usernameClaim(oldName)));
        UniqueClaims.Claim held = claims.find(usernameClaim(newName)).orElseThrow();
        assertEquals(ann.id().value(), held.owner());
        assertFalse(held.pending());
        User thief = repository.findById(bob.id()).orElseThrow();
        thief.changeProfile(new Username(newName), null, null, NOW);
        assertEquals("username-taken", assertThrows(Conflict.class, () -> repository.update(thief, audit(thief))).code());
        thief.changeProfile(new Username(oldName), null, null, NOW);
        repository.update(thief, audit(thief));
        assertEquals(bob.id(), repository.findByUsername(new Username(oldName)).orElseThrow().id(), "the old name is free again");
    }

    private int settle(Instant claimedBefore) {
        Map<String, ClaimHolder> holders = new HashMap<>();
        context.getBeansOfType(ClaimHolder.class).forEach(holder -> holders.put(holder.kind(), holder));
        return claims.settlePending(claimedBefore, holders);
    }

    @Test
    void aCrashBetweenTheClaimsAndTheUserDocumentIsRecovered() {
        String email = unique() + "@example.com";
        String username = unique();
        // A registration that claimed and then died before its user document was written.
        String crashed = UserId.newId(NOW).value();
        Instant before = NOW.minusSeconds(3600);
        assertTrue(claims.claim(emailClaim(email), crashed, before));
        assertTrue(claims.claim(usernameClaim(username), crashed, before));

        User retry = newUser(email, unique());
        assertEquals("email-taken", assertThrows(Conflict.class, () -> repository.insert(retry, audit(retry))).code(),
                "until recovered, the claim holds the email");
        assertEquals(Optional.empty(), repository.findByEmail(new Email(email)), "a claim without its user finds nobody");

        assertEquals(2, settle(NOW.minusSeconds(600)));

        assertEquals(Optional.empty(), claims.find(emailClaim(email)));
        User again = newUser(email, username);
        repository.insert(again, audit(again));
        assertEquals(again.id(), repository.findByUsername(new Username(username)).orElseThrow().id());
    }

    @Test
    void aCrashAfterTheUserDocumentKeepsTheClaimsOfTheUser() {
        User ann = newUser(unique() + "@example.com", unique());
        repository.insert(ann, audit(ann));
        // As if the process died after the insert and before confirming: the claims are still pending.
        context.getBean(MongoDatabase.class).getCollection("claims").updateMany(
                Filters.in("_id", List.of(emailClaim(ann.email().value()).id(), usernameClaim(ann.username().value()).id())),
                Updates.combine(Updates.set("state", "pending"), Updates.set("since", Date.from(NOW.minusSeconds(3600)))));

        assertEquals(2, settle(NOW.minusSeconds(600)));

        assertFalse(claims.find(emailClaim(ann.email().value())).orElseThrow().pending());
        assertEquals(ann.id(), repository.findByEmail(ann.email()).orElseThrow().id());
        User other = newUser(ann.email().value(), unique());
        assertEquals("email-taken", assertThrows(Conflict.class, () -> repository.insert(other, audit(other))).code());
    }

    @Test
    void aCrashInTheMiddleOfAnErasureIsRecovered() {
        User ann = newUser(unique() + "@example.com", unique());
        repository.insert(ann, audit(ann));
        User stored = repository.findById(ann.id()).orElseThrow();
        stored.erase(NOW);
        repository.erase(stored, audit(stored));
        // As if the process died after the erasure's write and before the release: claims pending, entries gone.
        MongoCollection<Document> raw = context.getBean(MongoDatabase.class).getCollection("claims");
        for (ClaimKey key : List.of(emailClaim(ann.email().value()), usernameClaim(ann.username().value()))) {
            raw.insertOne(new Document("_id", key.id()).append("kind", key.kind()).append("owner", ann.id().value())
                    .append("state", "pending").append("since", Date.from(NOW.minusSeconds(3600))));
        }

        assertEquals(2, settle(NOW.minusSeconds(600)));

        assertEquals(0, raw.countDocuments(Filters.eq("owner", ann.id().value())));
    }

    @Test
    void aUserWithoutClaimsIsFoundAndClaimedWhereTheLookupFallbackIsOn() {
        User ann = newUser(unique() + "@example.com", unique());
        repository.insert(ann, audit(ann));
        // As written by an earlier version: no claims.
        context.getBean(MongoDatabase.class).getCollection("claims").deleteMany(Filters.eq("owner", ann.id().value()));

        assertEquals(ann.id(), repository.findByEmail(ann.email()).orElseThrow().id());

        assertFalse(claims.find(emailClaim(ann.email().value())).orElseThrow().pending());
        assertFalse(claims.find(usernameClaim(ann.username().value())).orElseThrow().pending());
    }
}
