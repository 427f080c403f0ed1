package io.playerbase.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default embedded store is file-backed: a registered player survives a restart of the service. */
class FileBackedRestartTest {

    @TempDir
    Path dataDir;

    private EmbeddedServer start() {
        return ApplicationContext.run(EmbeddedServer.class, Map.of(
                "playerbase.embedded.data-dir", dataDir.toString(),
                "playerbase.embedded.port", "0",
                "micronaut.server.port", "-1"));
    }

    @Test
    void dataAndTheGeneratedKeySurviveARestart() throws Exception {
        String userId;
        try (EmbeddedServer first = start(); HttpClient http = HttpClient.create(first.getURL())) {
            Map<?, ?> created = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/register",
                    Map.of("email", "dora@example.com", "username", "dora", "password", "correct horse battery")), Map.class);
            userId = (String) created.get("id");
        }
        assertTrue(Files.exists(dataDir.resolve("master.key")), "the embedded store generated its key file");
        assertTrue(Files.list(dataDir).anyMatch(file -> file.getFileName().toString().equals("playerbase.docs")), "data file written");

        try (EmbeddedServer second = start(); HttpClient http = HttpClient.create(second.getURL())) {
            Map<?, ?> tokens = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/login",
                    Map.of("login", "dora@example.com", "password", "correct horse battery")), Map.class);
            Map<?, ?> me = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/users/me")
                    .bearerAuth((String) tokens.get("access_token")), Map.class);
            assertEquals(userId, me.get("id"));
            assertEquals("dora@example.com", me.get("email"), "decrypted with the key read back from the data directory");
        }
    }
}
