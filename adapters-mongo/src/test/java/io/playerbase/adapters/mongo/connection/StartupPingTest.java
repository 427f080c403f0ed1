package io.playerbase.adapters.mongo.connection;

import com.mongodb.MongoCredential;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoTimeoutException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartupPingTest {

    private final List<Duration> sleeps = new ArrayList<>();
    private final StartupPing ping = new StartupPing(10, Duration.ofMillis(500), Duration.ofSeconds(10), sleeps::add);

    @Test
    void backsOffExponentiallyUpToTheMaximum() {
        AtomicInteger attempts = new AtomicInteger();

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> ping.await(() -> {
            attempts.incrementAndGet();
            throw new MongoTimeoutException("Timed out while waiting for a server");
        }, "external MongoDB at db:27017"));

        assertEquals(10, attempts.get());
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 10000L, 10000L, 10000L, 10000L),
                sleeps.stream().map(Duration::toMillis).toList());
        assertTrue(error.getMessage().contains("external MongoDB at db:27017"), error.getMessage());
        assertTrue(error.getMessage().contains("not reachable after 10 attempts"), error.getMessage());
        assertTrue(error.getMessage().contains("Timed out while waiting for a server"), error.getMessage());
    }

    @Test
    void returnsAsSoonAsThePingSucceeds() {
        AtomicInteger attempts = new AtomicInteger();

        ping.await(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new MongoTimeoutException("not yet");
            }
        }, "db");

        assertEquals(3, attempts.get());
        assertEquals(2, sleeps.size());
    }

    @Test
    void rejectedCredentialsFailAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        MongoCredential credential = MongoCredential.createCredential("app", "admin", "s3cret".toCharArray());

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> ping.await(() -> {
            attempts.incrementAndGet();
            throw new MongoSecurityException(credential, "Exception authenticating " + credential);
        }, "db"));

        assertEquals(1, attempts.get());
        assertEquals(List.of(), sleeps);
        assertTrue(error.getMessage().contains("rejected the credentials"));
        assertTrue(!error.getMessage().contains("s3cret"), error.getMessage());
    }
}
