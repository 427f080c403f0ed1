package io.playerbase.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 12, "Logs": every line of a request carries its id; no line carries personal data. */
@MicronautTest(transactional = false)
@Property(name = "playerbase.embedded.data-dir", value = ":memory:")
@Property(name = "playerbase.embedded.port", value = "0")
class LogsEndToEndTest {

    private static final String PASSWORD = "correct horse battery";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    MongoDatabase database;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Logger root;
    private Level rootLevel;

    @BeforeEach
    void captureEverythingAtTheProductionLevel() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.INFO);
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void release() {
        root.detachAppender(log);
        root.setLevel(rootLevel);
    }

    private static String text(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage()).append(' ').append(event.getMDCPropertyMap());
        for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
            text.append(' ').append(cause.getMessage());
        }
        return text.toString();
    }

    @Test
    void aRequestsLinesCarryItsIdEvenFromTheBlockingExecutor() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String name = "logs_" + tag;
        Map<?, ?> created = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/register",
                Map.of("email", name + "@example.org", "username", name, "password", PASSWORD)), Map.class);
        String token = (String) http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/login",
                Map.of("login", name, "password", PASSWORD)), Map.class).get("access_token");
        database.getCollection("users").updateOne(Filters.eq("_id", new ObjectId((String) created.get("id"))),
                Updates.set("address", new Binary(new byte[]{1})));
        log.list.clear();

        String requestId = "logs-test-" + tag;
        assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(HttpRequest.GET("/api/v1/users/me")
                .bearerAuth(token).header("X-Request-Id", requestId)));

        // The start's migration run may still be finishing on its own thread (Mongock's lock daemon
        // logs when it stops): not this request's lines.
        List<ILoggingEvent> lines = new ArrayList<>(log.list).stream().filter(line -> !line.getLoggerName().startsWith("io.mongock")).toList();
        // The mapper (blocking executor) and the error handler both log for this request.
        assertTrue(lines.size() >= 2, lines::toString);
        for (ILoggingEvent line : lines) {
            assertTrue(requestId.equals(line.getMDCPropertyMap().get("request_id")),
                    () -> "no request id on [" + line.getThreadName() + "] " + line.getFormattedMessage());
        }
    }

    @Test
    void noLogLineCarriesAnEmailPhoneOrAddress() {
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            String name = "quiet_" + tag;
            String email = name + "@example.org";
            String phone = "+44 7700 9" + (10000 + i);
            String address = "Flat " + tag + ", 9 Quiet Lane";
            secrets.addAll(List.of(email, phone, address));
            Map<?, ?> created = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/register",
                    Map.of("email", email, "username", name, "password", PASSWORD)), Map.class);
            assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(HttpRequest.POST(
                    "/api/v1/auth/register", Map.of("email", email, "username", name + "x", "password", PASSWORD))));
            assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(HttpRequest.POST(
                    "/api/v1/auth/login", Map.of("login", email, "password", "wrong password"))));
            String token = (String) http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/login",
                    Map.of("login", email, "password", PASSWORD)), Map.class).get("access_token");
            http.toBlocking().retrieve(HttpRequest.PATCH("/api/v1/users/me", Map.of("phone", phone, "address", address))
                    .bearerAuth(token), Map.class);
            assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(HttpRequest.PATCH(
                    "/api/v1/users/me", Map.of("phone", phone + " not a phone!", "address", address)).bearerAuth(token)));
            database.getCollection("users").updateOne(Filters.eq("_id", new ObjectId((String) created.get("id"))),
                    Updates.set("phone", new Binary(new byte[]{2})));
            assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(HttpRequest.GET("/api/v1/users/me")
                    .bearerAuth(token)));
        }

        assertFalse(log.list.isEmpty(), "the run logged something to look at");
        for (ILoggingEvent event : log.list) {
            String line = text(event).toLowerCase();
            for (String secret : secrets) {
                assertFalse(line.contains(secret.toLowerCase()), () -> "a log line holds " + secret + ": " + line);
            }
        }
    }
}
