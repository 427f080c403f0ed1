package io.playerbase.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the JDK's AOT cache (JDK 25+, {@code -XX:AOTCacheOutput}), made by the build
 * ({@code bootstrap/pom.xml}, profile {@code aot-cache}): starts the service as the README's start
 * command does, on a fresh data directory in a temporary folder and on free ports, sends a few
 * requests (readiness, registration, log-in, the account) so that their classes are loaded and linked,
 * then stops. The JVM writes the cache at exit; {@code ./playerbase} starts with it.
 */
final class AotTraining {

    static final String PROPERTY = "playerbase.aot-training";

    private AotTraining() {
    }

    static void run() throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory("playerbase-aot-training");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "playerbase.mongo.uri", "",
                "playerbase.embedded.data-dir", dataDir.toString(),
                "playerbase.embedded.port", "0",
                "micronaut.server.port", "-1"))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = server.getURL().toString();
            send(http, HttpRequest.newBuilder(URI.create(base + "/health/readiness")).build());
            String account = "{\"email\":\"aot@example.com\",\"username\":\"aottraining\",\"password\":\"correct horse battery\"}";
            send(http, json(base + "/api/v1/auth/register", account));
            String tokens = send(http, json(base + "/api/v1/auth/login",
                    "{\"login\":\"aottraining\",\"password\":\"correct horse battery\"}"));
            String token = tokens.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
            send(http, HttpRequest.newBuilder(URI.create(base + "/api/v1/users/me"))
                    .header("authorization", "Bearer " + token).build());
        } finally {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static HttpRequest json(String uri, String body) {
        return HttpRequest.newBuilder(URI.create(uri)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String send(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("AOT training: " + request.uri() + " answered " + response.statusCode());
        }
        return response.body();
    }
}
