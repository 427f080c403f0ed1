package io.playerbase.bootstrap;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 12: one corrupt document never takes more than itself down. */
@MicronautTest(transactional = false)
@Property(name = "playerbase.embedded.data-dir", value = ":memory:")
@Property(name = "playerbase.embedded.port", value = "0")
class CorruptDataEndToEndTest {

    private static final String PASSWORD = "correct horse battery";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    MongoDatabase database;
    @Inject
    ApplicationContext context;
    @Inject
    MeterRegistry meters;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Logger unreadableLogger;

    private record Person(String id, String username, String address, String token) {
    }

    @BeforeEach
    void captureLog() {
        unreadableLogger = (Logger) LoggerFactory.getLogger("io.playerbase.adapters.mongo.support.UnreadableValues");
        log.start();
        unreadableLogger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        unreadableLogger.detachAppender(log);
    }

    private Person register() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String username = "corrupt_" + tag;
        String address = "Flat " + tag + ", 1 Main Street";
        Map<?, ?> created = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/register",
                Map.of("email", username + "@example.org", "username", username, "password", PASSWORD)), Map.class);
        String token = logIn(username);
        http.toBlocking().retrieve(HttpRequest.PATCH("/api/v1/users/me", Map.of("phone", "+44 1234", "address", address))
                .bearerAuth(token), Map.class);
        return new Person((String) created.get("id"), username, address, token);
    }

    private String logIn(String username) {
        return (String) http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/login",
                Map.of("login", username, "password", PASSWORD)), Map.class).get("access_token");
    }

    private Document stored(Person person) {
        return database.getCollection("users").find(Filters.eq("_id", new ObjectId(person.id()))).first();
    }

    private void overwrite(Person person, String field, Object value) {
        database.getCollection("users").updateOne(Filters.eq("_id", new ObjectId(person.id())), Updates.set(field, value));
    }

    private HttpClientResponseException failure(HttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(request, Map.class));
    }

    private double counted(String field) {
        Counter counter = meters.find("playerbase.stored.data.unreadable").tag("field", field).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void anotherUsersCiphertextMakesOnlyThatFieldUnreadable() {
        Person victim = register();
        Person other = register();
        String admin = StaffAccounts.admin(context);
        double before = counted("address");
        overwrite(victim, "address", stored(other).get("address"));

        // The owner asked for their data: a typed error naming the field, not the value.
        HttpClientResponseException own = failure(HttpRequest.GET("/api/v1/users/me").bearerAuth(victim.token()));
        assertEquals(HttpStatus.INTERNAL_SERVER_ERROR, own.getStatus());
        Map<?, ?> problem = own.getResponse().getBody(Map.class).orElseThrow();
        assertEquals("urn:playerbase:problem:stored-data-unreadable", problem.get("type"));
        assertEquals(List.of(Map.of("field", "address", "message", "is stored unreadably")), problem.get("errors"));
        String body = problem.toString();
        assertFalse(body.contains(other.address()) || body.contains((String) stored(other).get("address")), body);

        // Everything that does not need the address still works.
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.POST("/api/v1/auth/login",
                Map.of("login", victim.username(), "password", PASSWORD))).getStatus());
        Map<?, ?> staffView = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/admin/users/" + victim.id())
                .bearerAuth(admin), Map.class);
        assertNull(staffView.get("address"));
        assertEquals("+44 1234", staffView.get("phone"));
        assertEquals(List.of("address"), staffView.get("unreadable_fields"));
        Map<?, ?> listing = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/admin/users?limit=200").bearerAuth(admin), Map.class);
        assertTrue(((List<?>) listing.get("items")).stream().anyMatch(item -> victim.id().equals(((Map<?, ?>) item).get("id"))));
        Map<?, ?> searched = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/admin/users/search",
                Map.of("username", victim.username())).bearerAuth(admin), Map.class);
        assertEquals(List.of("address"), ((Map<?, ?>) ((List<?>) searched.get("items")).get(0)).get("unreadable_fields"));
        String refresh = (String) http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/login",
                Map.of("login", victim.username(), "password", PASSWORD)), Map.class).get("refresh_token");
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.POST("/api/v1/auth/refresh",
                Map.of("refresh_token", refresh))).getStatus(), "refresh");
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.PUT("/api/v1/admin/users/" + victim.id()
                + "/roles", Map.of("roles", List.of("support"))).bearerAuth(admin)).getStatus(), "role change");
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.POST("/api/v1/admin/users/" + victim.id()
                + "/suspend", "").bearerAuth(admin)).getStatus());
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.POST("/api/v1/admin/users/" + victim.id()
                + "/reinstate", "").bearerAuth(admin)).getStatus());
        assertEquals(other.address(), http.toBlocking().retrieve(HttpRequest.GET("/api/v1/users/me")
                .bearerAuth(other.token()), Map.class).get("address"), "the other user is untouched");

        // Reported: a metric and an ERROR line with the document id, never the value.
        assertTrue(counted("address") > before);
        List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertTrue(lines.stream().anyMatch(line -> line.contains(victim.id()) && line.contains("address")), lines::toString);
        assertTrue(lines.stream().noneMatch(line -> line.contains(other.address())), lines::toString);
    }

    @Test
    void anUnreadableWalletBalanceStopsThatWalletOnlyAndMovesNoMoney() {
        Person victim = register();
        Person other = register();
        String admin = StaffAccounts.admin(context);
        String balance = "modules.wallet.balance";
        double before = counted(balance);
        Object othersBalance = ((Document) ((Document) stored(other).get("modules")).get("wallet")).get("balance");
        overwrite(victim, balance, othersBalance);
        long entries = database.getCollection("wallet_transactions").countDocuments(Filters.eq("user_id", new ObjectId(victim.id())));

        HttpClientResponseException read = failure(HttpRequest.GET("/api/v1/users/me/wallet").bearerAuth(victim.token()));
        assertEquals(HttpStatus.INTERNAL_SERVER_ERROR, read.getStatus());
        Map<?, ?> problem = read.getResponse().getBody(Map.class).orElseThrow();
        assertEquals("urn:playerbase:problem:stored-data-unreadable", problem.get("type"));
        assertEquals(List.of(Map.of("field", balance, "message", "is stored unreadably")), problem.get("errors"));
        HttpClientResponseException credit = failure(HttpRequest.POST("/api/v1/admin/users/" + victim.id() + "/wallet/credits",
                Map.of("amount", 50, "reason", "goodwill")).bearerAuth(admin).header("Idempotency-Key", "corrupt-" + victim.id()));
        assertEquals(HttpStatus.INTERNAL_SERVER_ERROR, credit.getStatus());
        assertTrue(credit.getResponse().getBody(String.class).orElse("").contains("stored-data-unreadable"));
        assertEquals(entries, database.getCollection("wallet_transactions").countDocuments(Filters.eq("user_id",
                new ObjectId(victim.id()))), "no money moved on a balance nobody can read");
        assertEquals(othersBalance, ((Document) ((Document) stored(victim).get("modules")).get("wallet")).get("balance"),
                "the stored value is left for an admin to look at");

        // The account and every other wallet still work.
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.POST("/api/v1/auth/login",
                Map.of("login", victim.username(), "password", PASSWORD))).getStatus());
        Map<?, ?> staffView = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/admin/users/" + victim.id())
                .bearerAuth(admin), Map.class);
        assertEquals(List.of(balance), staffView.get("unreadable_fields"));
        Map<?, ?> listing = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/admin/users?limit=200").bearerAuth(admin), Map.class);
        assertTrue(((List<?>) listing.get("items")).stream().anyMatch(item -> victim.id().equals(((Map<?, ?>) item).get("id"))),
                "the listing still works for everyone");
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.GET("/api/v1/users/me/wallet")
                .bearerAuth(other.token())).getStatus());
        assertTrue(counted(balance) > before);
        List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertTrue(lines.stream().anyMatch(line -> line.contains(victim.id()) && line.contains(balance)), lines::toString);
    }

    @Test
    void aValueOfTheWrongBsonTypeIsTheSameError() {
        Person person = register();
        overwrite(person, "address", new Binary(new byte[]{1, 2, 3, 4}));

        HttpClientResponseException own = failure(HttpRequest.GET("/api/v1/users/me").bearerAuth(person.token()));

        assertEquals(HttpStatus.INTERNAL_SERVER_ERROR, own.getStatus());
        String body = own.getResponse().getBody(String.class).orElse("");
        assertTrue(body.contains("stored-data-unreadable"), body);
        assertFalse(body.contains("org.bson"), body);
    }

    @Test
    void randomBytesInPlaceOfTheCiphertextAreTheSameError() {
        Person person = register();
        String admin = StaffAccounts.admin(context);
        // The ciphertext's header (format and key id) kept, its body (nonce, ciphertext, tag) random.
        String ciphertext = (String) stored(person).get("address");
        String header = ciphertext.substring(0, ciphertext.lastIndexOf(':') + 1);
        byte[] noise = new byte[48];
        new SecureRandom().nextBytes(noise);
        overwrite(person, "address", header + Base64.getUrlEncoder().withoutPadding().encodeToString(noise));

        HttpClientResponseException own = failure(HttpRequest.GET("/api/v1/users/me").bearerAuth(person.token()));

        assertEquals(HttpStatus.INTERNAL_SERVER_ERROR, own.getStatus());
        Map<?, ?> problem = own.getResponse().getBody(Map.class).orElseThrow();
        assertEquals("urn:playerbase:problem:stored-data-unreadable", problem.get("type"));
        assertEquals(List.of(Map.of("field", "address", "message", "is stored unreadably")), problem.get("errors"));
        Map<?, ?> staffView = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/admin/users/" + person.id())
                .bearerAuth(admin), Map.class);
        assertEquals(List.of("address"), staffView.get("unreadable_fields"));
        assertEquals("+44 1234", staffView.get("phone"));
    }

    @Test
    void aDataKeyThatDoesNotOpenMakesOnlyThatAccountsPersonalFieldsUnreadable() {
        Person victim = register();
        Person other = register();
        String admin = StaffAccounts.admin(context);
        Counter keyCounter = meters.find("playerbase.stored.data.unreadable").tag("collection", "user_keys").counter();
        double before = keyCounter == null ? 0 : keyCounter.count();
        MongoCollection<Document> keys = database.getCollection("user_keys");
        keys.updateOne(Filters.eq("_id", new ObjectId(victim.id())), Updates.set("wrapped_key",
                keys.find(Filters.eq("_id", new ObjectId(other.id()))).first().get("wrapped_key")));

        // The listing works for everyone and marks the entry.
        Map<?, ?> listing = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/admin/users?limit=200").bearerAuth(admin), Map.class);
        List<Map<?, ?>> items = ((List<?>) listing.get("items")).stream().<Map<?, ?>>map(item -> (Map<?, ?>) item).toList();
        Map<?, ?> entry = items.stream().filter(item -> victim.id().equals(item.get("id"))).findFirst().orElseThrow();
        assertNull(entry.get("email"));
        assertEquals(List.of("address", "email", "phone"), entry.get("unreadable_fields"));
        assertEquals(other.username() + "@example.org",
                items.stream().filter(item -> other.id().equals(item.get("id"))).findFirst().orElseThrow().get("email"));

        // The account works where it needs no personal value; its own profile is the typed error.
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.POST("/api/v1/auth/login",
                Map.of("login", victim.username(), "password", PASSWORD))).getStatus());
        HttpClientResponseException own = failure(HttpRequest.GET("/api/v1/users/me").bearerAuth(victim.token()));
        assertEquals(HttpStatus.INTERNAL_SERVER_ERROR, own.getStatus());
        assertTrue(own.getResponse().getBody(String.class).orElse("").contains("stored-data-unreadable"));
        Map<?, ?> staffView = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/admin/users/" + victim.id())
                .bearerAuth(admin), Map.class);
        assertEquals(List.of("address", "email", "phone"), staffView.get("unreadable_fields"));
        for (String action : List.of("suspend", "reinstate")) {
            assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.POST("/api/v1/admin/users/" + victim.id()
                    + "/" + action, "").bearerAuth(admin)).getStatus(), action);
        }
        Map<?, ?> repaired = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/admin/users/" + victim.id() + "/repair",
                Map.of("clear_fields", List.of("phone", "address"))).bearerAuth(admin), Map.class);
        assertEquals(List.of("email"), repaired.get("unreadable_fields"));
        assertTrue(meters.find("playerbase.stored.data.unreadable").tag("collection", "user_keys").counter().count() > before);

        // Erasure needs no key at all, and destroys it.
        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(HttpRequest.DELETE("/api/v1/users/me",
                Map.of("password", PASSWORD)).bearerAuth(logIn(victim.username()))).getStatus());
        assertEquals(0, keys.countDocuments(Filters.eq("_id", new ObjectId(victim.id()))));
    }

    @Test
    void aLedgerEntryWhoseAmountDoesNotDecryptLeavesTheDashboardSeriesWorking() {
        Person person = register();
        String admin = StaffAccounts.admin(context);
        List<String> entries = new ArrayList<>();
        for (int amount : List.of(300, 40)) {
            Map<?, ?> entry = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/admin/users/" + person.id() + "/wallet/credits",
                    Map.of("amount", amount, "reason", "goodwill")).bearerAuth(admin).header("Idempotency-Key",
                    "corrupt-" + UUID.randomUUID()), Map.class);
            entries.add((String) entry.get("operation_id"));
        }
        MongoCollection<Document> ledger = database.getCollection("wallet_transactions");
        Document first = ledger.find(Filters.eq("operation_id", entries.get(0))).first();
        Document second = ledger.find(Filters.eq("operation_id", entries.get(1))).first();
        // The second entry's amount is the first one's ciphertext: bound to another entry, it fails to decrypt.
        ledger.updateOne(Filters.eq("_id", second.get("_id")), Updates.set("amount", first.get("amount")));
        Counter counter = meters.find("playerbase.stored.data.unreadable").tag("collection", "wallet_transactions").counter();
        double before = counter == null ? 0 : counter.count();

        HttpResponse<Map> volume = http.toBlocking().exchange(HttpRequest.GET("/api/v1/admin/dashboard/wallet-volume")
                .bearerAuth(admin), Map.class);

        assertEquals(HttpStatus.OK, volume.getStatus(), "the series of everyone's money does not fail for one entry");
        assertTrue(meters.find("playerbase.stored.data.unreadable").tag("collection", "wallet_transactions").counter().count() > before);
    }

    @Test
    void anUnreadableEmailLeavesTheListingWorkingAndMarksTheEntry() {
        Person person = register();
        String admin = StaffAccounts.admin(context);
        overwrite(person, "email", stored(register()).get("email"));

        Map<?, ?> listing = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/admin/users?limit=200").bearerAuth(admin), Map.class);

        Map<?, ?> entry = ((List<?>) listing.get("items")).stream().map(item -> (Map<?, ?>) item)
                .filter(item -> person.id().equals(item.get("id"))).findFirst().orElseThrow();
        assertNull(entry.get("email"));
        assertEquals(List.of("email"), entry.get("unreadable_fields"));
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.POST("/api/v1/auth/login",
                Map.of("login", person.username(), "password", PASSWORD))).getStatus(), "log-in by username still works");
    }

    @Test
    void erasureNeverNeedsToDecrypt() {
        Person person = register();
        overwrite(person, "address", stored(register()).get("address"));
        overwrite(person, "phone", new Binary(new byte[]{9}));
        overwrite(person, "email", stored(register()).get("email"));

        HttpResponse<?> erased = http.toBlocking().exchange(HttpRequest.DELETE("/api/v1/users/me", Map.of("password", PASSWORD))
                .bearerAuth(person.token()));

        assertEquals(HttpStatus.NO_CONTENT, erased.getStatus());
        Document document = stored(person);
        assertEquals("deleted", document.get("status"));
        assertFalse(document.containsKey("address"));
        assertFalse(document.containsKey("phone"));
        assertEquals(HttpStatus.CREATED, http.toBlocking().exchange(HttpRequest.POST("/api/v1/auth/register",
                Map.of("email", person.username() + "@example.org", "username", person.username(), "password", PASSWORD)))
                .getStatus(), "the erased account's email and username are free again");
    }

    @Test
    void anAdminRepairsTheAccountByClearingTheUnreadableFieldAndItIsAudited() {
        Person person = register();
        String admin = StaffAccounts.admin(context);
        overwrite(person, "address", stored(register()).get("address"));

        HttpClientResponseException readable = failure(HttpRequest.POST("/api/v1/admin/users/" + person.id() + "/repair",
                Map.of("clear_fields", List.of("phone"))).bearerAuth(admin));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, readable.getStatus());
        assertTrue(readable.getResponse().getBody(String.class).orElse("").contains("field-readable"));

        Map<?, ?> repaired = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/admin/users/" + person.id() + "/repair",
                Map.of("clear_fields", List.of("address"))).bearerAuth(admin), Map.class);

        assertEquals(List.of(), repaired.get("unreadable_fields"));
        Map<?, ?> own = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/users/me").bearerAuth(person.token()), Map.class);
        assertNull(own.get("address"));
        assertEquals("+44 1234", own.get("phone"), "only the unreadable field was cleared");
        Map<?, ?> audit = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/admin/users/" + person.id() + "/audit")
                .bearerAuth(admin), Map.class);
        Map<?, ?> latest = (Map<?, ?>) ((List<?>) audit.get("items")).get(0);
        assertEquals("user.unreadable_fields_cleared", latest.get("action"));
        assertEquals(List.of("address"), latest.get("changed_fields"));
    }

    @Test
    void theOwnerRepairsTheirProfileByReplacingTheField() {
        Person person = register();
        overwrite(person, "address", new Binary(new byte[]{7}));

        HttpClientResponseException untouched = failure(HttpRequest.PATCH("/api/v1/users/me", Map.of("phone", "+44 999"))
                .bearerAuth(person.token()));
        assertEquals(HttpStatus.INTERNAL_SERVER_ERROR, untouched.getStatus());
        assertEquals("+44 1234", http.toBlocking().retrieve(HttpRequest.GET("/api/v1/admin/users/" + person.id())
                .bearerAuth(StaffAccounts.admin(context)), Map.class).get("phone"), "refused before anything was written");

        Map<?, ?> replaced = http.toBlocking().retrieve(HttpRequest.PATCH("/api/v1/users/me",
                Map.of("address", "2 Other Road")).bearerAuth(person.token()), Map.class);

        assertEquals("2 Other Road", replaced.get("address"));
        assertEquals(List.of(), replaced.get("unreadable_fields"));
    }
}
