package io.playerbase.bootstrap.config;

import io.micronaut.context.env.PropertySource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigurationSourcesTest {

    @TempDir
    Path first;
    @TempDir
    Path second;

    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> system = new HashMap<>();

    private PropertySource load() {
        return new ConfigurationSources(system::get, env::get, Duration.ZERO).load();
    }

    private void dirs() {
        env.put("PLAYERBASE_SECRETS_DIRS", first + ", " + second);
    }

    @Test
    void secretFilesMapToPropertiesAndTheFirstDirectoryWins() throws IOException {
        dirs();
        Files.writeString(first.resolve("playerbase_crypto_master_key"), "key-from-first\n");
        Files.writeString(second.resolve("playerbase_crypto_master_key"), "key-from-second");
        Files.writeString(second.resolve("mongodb_uri"), "mongodb://db/x\r\n");
        Files.writeString(second.resolve("mongodb_uri_read_only"), "mongodb://reader@db/x");
        Files.writeString(second.resolve("mongodb_uri_admin"), "mongodb://root@db/x");
        Files.writeString(first.resolve("playerbase.auth.access-token-lifetime"), "5m");
        Files.writeString(first.resolve("README"), "not a secret");
        Files.createDirectory(first.resolve("..data"));

        PropertySource source = load();

        assertEquals("key-from-first", source.get("playerbase.crypto.master-key"));
        assertEquals("mongodb://db/x", source.get("playerbase.mongo.uri"), "one trailing line break is dropped");
        assertEquals("mongodb://reader@db/x", source.get("playerbase.mongo.read-only.uri"));
        assertEquals("mongodb://root@db/x", source.get("playerbase.mongo.admin.uri"));
        assertEquals("5m", source.get("playerbase.auth.access-token-lifetime"));
        assertNull(source.get("README"));
        assertEquals(ConfigurationSources.ORDER, source.getOrder());
        assertTrue(ConfigurationSources.ORDER > -200 && ConfigurationSources.ORDER < -100, "between env and system properties");
    }

    @Test
    void systemPropertiesNameTheDirectoriesBeforeTheEnvironment() throws IOException {
        env.put("PLAYERBASE_SECRETS_DIRS", second.toString());
        system.put("playerbase.secrets.dirs", first.toString());
        Files.writeString(first.resolve("mongodb_uri"), "from-first");
        Files.writeString(second.resolve("mongodb_uri"), "from-second");
        assertEquals("from-first", load().get("playerbase.mongo.uri"));
    }

    @Test
    void theDefaultDirectoriesAreRunSecretsThenTheWorkingDirectory() {
        assertEquals(List.of(Path.of("/run/secrets"), Path.of("./secrets")),
                new ConfigurationSources(system::get, env::get, Duration.ZERO).directories());
    }

    @Test
    void vaultIsReadWithItsTokenNamespaceMountAndPathAndFilesWinOverIt() throws IOException {
        try (VaultStub vault = new VaultStub("s.test-token", "kv/data/apps/playerbase",
                Map.of("playerbase_crypto_master_key", "key-from-vault", "mongodb_uri", "mongodb://vault/x",
                        "playerbase.audit.retention-days", "90", "unrelated", "ignored"))) {
            dirs();
            Files.writeString(first.resolve("playerbase_crypto_master_key"), "key-from-file");
            env.put("VAULT_ADDR", vault.address() + "/");
            env.put("VAULT_TOKEN", "s.test-token");
            env.put("VAULT_NAMESPACE", "team-a");
            env.put("PLAYERBASE_VAULT_MOUNT", "/kv/");
            env.put("PLAYERBASE_VAULT_PATH", "apps/playerbase");

            PropertySource source = load();

            assertEquals("key-from-file", source.get("playerbase.crypto.master-key"));
            assertEquals("mongodb://vault/x", source.get("playerbase.mongo.uri"));
            assertEquals("90", source.get("playerbase.audit.retention-days"));
            assertNull(source.get("unrelated"));
            assertNull(source.get("nested"));
            assertEquals(List.of("GET /v1/kv/data/apps/playerbase namespace=team-a"), vault.requests());
        }
    }

    @Test
    void theVaultTokenMayComeFromASecretFile() throws IOException {
        try (VaultStub vault = new VaultStub("s.file-token", "secret/data/playerbase", Map.of("mongodb_uri", "mongodb://v/x"))) {
            dirs();
            Files.writeString(second.resolve("vault_token"), "s.file-token\n");
            env.put("VAULT_ADDR", vault.address());
            env.put("VAULT_TOKEN", "s.wrong-token");
            assertEquals("mongodb://v/x", load().get("playerbase.mongo.uri"));
        }
    }

    @Test
    void withoutATokenVaultIsNotAsked() {
        try (VaultStub vault = new VaultStub("s.t", "secret/data/playerbase", Map.of("mongodb_uri", "x"))) {
            env.put("VAULT_ADDR", vault.address());
            assertNull(load().get("playerbase.mongo.uri"));
            assertTrue(vault.requests().isEmpty());
        }
    }

    @Test
    void aVaultErrorStopsTheStartWithoutShowingTheToken() {
        try (VaultStub vault = new VaultStub("s.right", "secret/data/playerbase", Map.of())) {
            env.put("VAULT_ADDR", vault.address());
            env.put("VAULT_TOKEN", "s.wrong-and-secret");
            IllegalStateException denied = assertThrows(IllegalStateException.class, this::load);
            assertTrue(denied.getMessage().contains("HTTP 403"), denied.getMessage());
            assertFalse(denied.getMessage().contains("s.wrong-and-secret"));

            env.put("VAULT_TOKEN", "s.right");
            env.put("PLAYERBASE_VAULT_PATH", "missing");
            IllegalStateException missing = assertThrows(IllegalStateException.class, this::load);
            assertTrue(missing.getMessage().contains("HTTP 404") && missing.getMessage().contains("secret/data/missing"),
                    missing.getMessage());
        }
        env.put("PLAYERBASE_VAULT_PATH", "playerbase");
        IllegalStateException unreachable = assertThrows(IllegalStateException.class, this::load);
        assertTrue(unreachable.getMessage().contains("not reachable"), unreachable.getMessage());
    }

    @Test
    void onlyKvVersion2AnswersAreAccepted() {
        assertEquals(Map.of("a", "1", "b", "true"), VaultKv.parse("{\"data\":{\"data\":{\"a\":1,\"b\":true,\"c\":null}}}"));
        assertThrows(IllegalStateException.class, () -> VaultKv.parse("{\"data\":{\"a\":\"kv version 1\"}}"));
        assertThrows(IllegalStateException.class, () -> VaultKv.parse("[]"));
        assertThrows(IllegalStateException.class, () -> VaultKv.parse("{\"data\":"));
    }

    @Test
    void resolvedValuesNeverPrint() {
        assertFalse(new SecretFiles.Resolved("hunter2", "x").toString().contains("hunter2"));
        assertFalse(new VaultKv("http://v", "s.token", null, "secret", "p", Duration.ZERO).toString().contains("s.token"));
    }
}
