package io.playerbase.bootstrap.sharding;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Over HTTP, with the unique indexes of {@code users} dropped as on a cluster sharded by {@code _id}:
 * 16 concurrent registrations of one email, and of one username, make exactly one account (the others
 * 409); an erased account's email and username can be registered again.
 */
@MicronautTest(transactional = false)
@Property(name = "playerbase.embedded.data-dir", value = ":memory:")
@Property(name = "playerbase.embedded.port", value = "0")
@Property(name = "playerbase.rate-limits.enabled", value = "false")
@Property(name = "playerbase.mongo.sharding.enabled", value = "true")
class UniqueNamesEndToEndTest {

    private static final String PASSWORD = "correct horse battery";
    private static final int CLAIMANTS = 16;

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    MongoDatabase database;

    @BeforeEach
    void dropTheUniqueIndexes() {
        List<String> names = new ArrayList<>();
        database.getCollection("users").listIndexes().forEach(index -> names.add(index.getString("name")));
        for (String index : List.of("ux_users_email_bidx", "ux_users_username_bidx")) {
            if (names.contains(index)) {
                database.getCollection("users").dropIndex(index);
            }
        }
    }

    private static String unique() {
        return "n" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private HttpStatus register(String email, String username) {
        try {
            return http.toBlocking().exchange(HttpRequest.POST("/api/v1/auth/register",
                    Map.of("email", email, "username", username, "password", PASSWORD)), Map.class).getStatus();
        } catch (HttpClientResponseException e) {
            return e.getStatus();
        }
    }

    private List<HttpStatus> race(List<Callable<HttpStatus>> registrations) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(registrations.size());
        try {
            List<Future<HttpStatus>> results = new ArrayList<>();
            for (Callable<HttpStatus> registration : registrations) {
                results.add(pool.submit(() -> {
                    go.await();
                    return registration.call();
                }));
            }
            go.countDown();
            List<HttpStatus> statuses = new ArrayList<>();
            for (Future<HttpStatus> result : results) {
                statuses.add(result.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sixteenRegistrationsOfOneEmailOrOneUsernameMakeOneAccountEach() throws Exception {
        String email = unique() + "@example.com";
        List<Callable<HttpStatus>> sameEmail = new ArrayList<>();
        for (int i = 0; i < CLAIMANTS; i++) {
            String username = unique();
            sameEmail.add(() -> register(email, username));
        }
        List<HttpStatus> emails = race(sameEmail);
        assertEquals(1, emails.stream().filter(HttpStatus.CREATED::equals).count(), emails.toString());
        assertEquals(CLAIMANTS - 1, emails.stream().filter(HttpStatus.CONFLICT::equals).count(), emails.toString());

        String username = unique();
        List<Callable<HttpStatus>> sameName = new ArrayList<>();
        for (int i = 0; i < CLAIMANTS; i++) {
            String own = unique() + "@example.com";
            sameName.add(() -> register(own, username));
        }
        List<HttpStatus> names = race(sameName);
        assertEquals(1, names.stream().filter(HttpStatus.CREATED::equals).count(), names.toString());
        assertEquals(1, database.getCollection("users").countDocuments(Filters.eq("username", username)));
    }

    @Test
    void anErasedAccountsNamesCanBeRegisteredAgain() {
        String name = unique();
        String email = name + "@example.com";
        assertEquals(HttpStatus.CREATED, register(email, name));
        assertEquals(HttpStatus.CONFLICT, register(email, unique()));
        String token = (String) http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/login",
                Map.of("login", email, "password", PASSWORD)), Argument.mapOf(String.class, Object.class)).get("access_token");
        HttpResponse<?> erased = http.toBlocking().exchange(HttpRequest.DELETE("/api/v1/users/me", Map.of("password", PASSWORD))
                .bearerAuth(token));
        assertEquals(HttpStatus.NO_CONTENT, erased.getStatus());
        assertEquals(HttpStatus.CREATED, register(email, name), "free again once the erasure released the claims");
    }
}
