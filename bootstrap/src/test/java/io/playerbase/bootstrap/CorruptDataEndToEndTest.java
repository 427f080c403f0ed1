package io.playerbase.bootstrap;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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

        HttpResponse<?> erased = http.toBlocking().exchange(HttpRequest.DELETE("/api/v1/users/me", Map.of("password", PASSWORD))
                .bearerAuth(person.token()));

        assertEquals(HttpStatus.NO_CONTENT, erased.getStatus());
        Document document = stored(person);
        assertEquals("deleted", document.get("status"));
        assertFalse(document.containsKey("address"));
        assertFalse(document.containsKey("phone"));
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
