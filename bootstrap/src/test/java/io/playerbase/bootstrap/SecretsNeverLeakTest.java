package io.playerbase.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.playerbase.bootstrap.cli.CommandLine;
import io.playerbase.bootstrap.config.VaultStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secrets configured through every source (a secret file, Vault with its token) never appear in a log
 * line (at any level, while the service starts and serves), in /info, /health or /metrics, in an error
 * body, or in the output of a command; /env does not exist.
 */
class SecretsNeverLeakTest {

    @TempDir
    Path secrets;
    @TempDir
    Path data;

    private final String masterKey = randomKey();
    private final String vaultOnlyKey = randomKey();
    private final String compPassword = "comp-players-" + randomKey().substring(0, 12);
    private final String vaultToken = "s.vault-" + randomKey().substring(0, 16);
    private VaultStub vault;
    private ListAppender<ILoggingEvent> logs;

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @BeforeEach
    void configureEverySource() throws Exception {
        Files.writeString(secrets.resolve("playerbase_crypto_master_key"), masterKey + "\n");
        Files.writeString(secrets.resolve("playerbase_comp_players_password"), compPassword + "\n");
        vault = new VaultStub(vaultToken, "secret/data/playerbase", Map.of("playerbase_crypto_master_key", vaultOnlyKey));
        System.setProperty("playerbase.secrets.dirs", secrets.toString());
        System.setProperty("playerbase.vault.address", vault.address());
        System.setProperty("playerbase.vault.token", vaultToken);

        // The production logging configuration, with an operator's "everything at DEBUG" on top.
        configureLogging("/logback.xml");
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.DEBUG);
        logs = new ListAppender<>();
        logs.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        logs.start();
        root.addAppender(logs);
    }

    private static void configureLogging(String resource) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(SecretsNeverLeakTest.class.getResource(resource));
        } catch (JoranException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void restore() {
        configureLogging("/logback-test.xml");
        System.clearProperty("playerbase.secrets.dirs");
        System.clearProperty("playerbase.vault.address");
        System.clearProperty("playerbase.vault.token");
        vault.close();
    }

    private List<String> secretValues() {
        return List.of(masterKey, vaultOnlyKey, compPassword, vaultToken);
    }

    private void assertClean(String where, String text) {
        for (String secret : secretValues()) {
            // The failure shows where, with the secret masked, so the report itself leaks nothing.
            assertFalse(text.contains(secret), () -> where + " shows a secret: " + text.replace(secret, "<SECRET>"));
        }
    }

    private String everything(MutableHttpRequest<?> request, HttpClient http) {
        try {
            var response = http.toBlocking().exchange(request, Argument.of(String.class), Argument.of(String.class));
            return response.getHeaders().asMap() + response.getBody(String.class).orElse("");
        } catch (HttpClientResponseException e) {
            return e.getResponse().getHeaders().asMap() + e.getResponse().getBody(String.class).orElse("");
        }
    }

    @Test
    void noLogLineResponseOrCommandOutputShowsASecret() {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "playerbase.embedded.data-dir", ":memory:", "playerbase.embedded.port", 0, "micronaut.server.port", -1));
             HttpClient http = HttpClient.create(server.getURL())) {
            ApplicationContext context = server.getApplicationContext();
            assertEquals(masterKey, context.getProperty("playerbase.crypto.master-key", String.class).orElseThrow(),
                    "the secret file is in force (over Vault), so the secrets really went through the service");
            assertEquals(compPassword, context.getProperty("playerbase.comp-players.password", String.class).orElseThrow());
            assertFalse(vault.requests().isEmpty(), "Vault was read");

            List<MutableHttpRequest<?>> requests = List.of(
                    HttpRequest.GET("/info"), HttpRequest.GET("/health"), HttpRequest.GET("/health/readiness"),
                    HttpRequest.GET("/metrics"), HttpRequest.GET("/prometheus"), HttpRequest.GET("/env"),
                    HttpRequest.GET("/env/playerbase"), HttpRequest.GET("/beans"), HttpRequest.GET("/loggers"),
                    HttpRequest.GET("/api/v1/users/me").bearerAuth(masterKey),
                    HttpRequest.GET("/api/v1/users/me").header("Authorization", "ApiKey " + vaultToken),
                    HttpRequest.POST("/api/v1/auth/login", Map.of("login", "alex.morris87", "password", compPassword + "x")),
                    HttpRequest.POST("/api/v1/auth/register", "{\"email\": ").contentType(MediaType.APPLICATION_JSON_TYPE),
                    HttpRequest.POST("/api/v1/auth/register", Map.of("email", "x", "username", "y", "password", "z")),
                    HttpRequest.PUT("/api/v1/auth/login", Map.of()),
                    HttpRequest.GET("/api/v1/nothing"));
            for (MutableHttpRequest<?> request : requests) {
                assertClean(request.getMethodName() + " " + request.getPath(), everything(request, http));
            }
            assertTrue(everything(HttpRequest.GET("/env"), http).contains("not-found"), "/env is not served");
            assertTrue(everything(HttpRequest.POST("/api/v1/auth/login", Map.of("login", "alex.morris87", "password", compPassword)), http)
                    .contains("access_token"), "the configured computer-player password is in force");
        }

        // status needs a store to look at (on an empty directory it creates nothing): migrate makes one.
        for (String command : List.of("migrate", "status")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = CommandLine.run(new String[]{command, "--playerbase.embedded.data-dir=" + data, "--playerbase.embedded.port=0"},
                    new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, exit, command + ": " + err);
            assertClean(command + " output", out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
        }

        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : logs.list) {
            lines.add(event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())));
        }
        assertTrue(lines.size() > 20, "the logs were captured (" + lines.size() + " lines)");
        assertTrue(lines.stream().anyMatch(line -> line.contains("playerbase.crypto.master-key from secret file")),
                "the origin of the key is logged, by name");
        for (String line : lines) {
            assertClean("log line", line);
        }
    }
}
