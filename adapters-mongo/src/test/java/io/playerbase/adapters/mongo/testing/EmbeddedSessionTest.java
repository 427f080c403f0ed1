package io.playerbase.adapters.mongo.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.SessionProbe.Probe;
import io.playerbase.adapters.mongo.testing.SessionProbe.ProbeRepository;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Micronaut Data MongoDB opens a client session for every repository call; this is why the embedded
 * server answers the session handshake. Both sides are pinned here.
 */
class EmbeddedSessionTest {

    @Test
    void aMicronautDataRepositoryWorksOnTheEmbeddedServer() {
        try (ApplicationContext context = run(EmbeddedMongo.connectionString())) {
            ProbeRepository repository = context.getBean(ProbeRepository.class);

            repository.save(new Probe("p1", "hello"));

            assertEquals(Optional.of(new Probe("p1", "hello")), repository.findById("p1"));
        }
    }

    @Test
    void theStockServerFailsTheSameRepository() {
        MongoServer stock = new MongoServer(new MemoryBackend());
        stock.bind("127.0.0.1", 0);
        try (ApplicationContext context = run(stock.getConnectionString())) {
            ProbeRepository repository = context.getBean(ProbeRepository.class);

            RuntimeException error = assertThrows(RuntimeException.class, () -> repository.save(new Probe("p1", "hello")));

            StringBuilder messages = new StringBuilder();
            for (Throwable cause = error; cause != null; cause = cause.getCause()) {
                messages.append(cause.getMessage()).append('\n');
            }
            assertTrue(messages.toString().contains("session"), messages.toString());
        } finally {
            stock.shutdownNow();
        }
    }

    private static ApplicationContext run(String uri) {
        return ApplicationContext.run(Map.of(
                "playerbase.mongo.uri", uri,
                "playerbase.mongo.database", EmbeddedMongo.uniqueDatabaseName(),
                "playerbase.mongo.startup.max-attempts", 1,
                "playerbase.migrations.run-at-start", false));
    }
}
