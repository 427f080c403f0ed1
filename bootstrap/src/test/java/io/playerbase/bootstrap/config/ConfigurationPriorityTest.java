package io.playerbase.bootstrap.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Configuration priority end to end: a real child JVM with real environment variables, two secret directories, a Vault
 * (a local stub speaking the KV v2 read API) and the real application.yml, each property present in a
 * different set of layers. Highest first: secret files (first directory, then second), Vault,
 * environment, application.yml.
 */
class ConfigurationPriorityTest {

    @TempDir
    Path runSecrets;
    @TempDir
    Path localSecrets;

    @Test
    void secretFilesBeatVaultBeatsTheEnvironmentBeatsApplicationYml() throws Exception {
        Files.writeString(runSecrets.resolve("playerbase_crypto_master_key"), "from-first-secret-dir\n");
        Files.writeString(localSecrets.resolve("playerbase_crypto_master_key"), "from-second-secret-dir\n");
        Files.writeString(localSecrets.resolve("mongodb_uri"), "mongodb://from-second-secret-dir/x\n");

        try (VaultStub vault = new VaultStub("s.priority", "secret/data/playerbase/test", Map.of(
                "playerbase_crypto_master_key", "from-vault",
                "mongodb_uri", "mongodb://from-vault/x",
                "playerbase.auth.access-token-lifetime", "7m"))) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("PLAYERBASE_SECRETS_DIRS", runSecrets + "," + localSecrets);
            env.put("VAULT_ADDR", vault.address());
            env.put("VAULT_TOKEN", "s.priority");
            env.put("PLAYERBASE_VAULT_PATH", "playerbase/test");
            env.put("PLAYERBASE_CRYPTO_MASTER_KEY", "from-env");
            env.put("MONGODB_URI", "mongodb://from-env/x");
            env.put("MONGODB_URI_ADMIN", "mongodb://admin-from-env/x");
            env.put("PLAYERBASE_AUTH_ACCESS_TOKEN_LIFETIME", "9m");
            env.put("PLAYERBASE_AUTH_REFRESH_TOKEN_LIFETIME", "2d");

            Map<String, String> seen = probe(env, "playerbase.crypto.master-key", "playerbase.mongo.uri",
                    "playerbase.auth.access-token-lifetime", "playerbase.auth.refresh-token-lifetime",
                    "playerbase.audit.retention-days", "playerbase.mongo.admin.uri", "playerbase.mongo.read-only.uri",
                    "mongodb.*");

            // all four layers: the first secret directory
            assertEquals("from-first-secret-dir", seen.get("playerbase.crypto.master-key"));
            // second secret directory, Vault, environment, yml placeholder
            assertEquals("mongodb://from-second-secret-dir/x", seen.get("playerbase.mongo.uri"));
            // Vault, environment, yml
            assertEquals("7m", seen.get("playerbase.auth.access-token-lifetime"));
            // environment, yml
            assertEquals("2d", seen.get("playerbase.auth.refresh-token-lifetime"));
            // yml only
            assertEquals("730", seen.get("playerbase.audit.retention-days"));
            // MONGODB_* variables reach the Playerbase properties, never Micronaut's mongodb.* (a second client)
            assertEquals("mongodb://admin-from-env/x", seen.get("playerbase.mongo.admin.uri"));
            assertEquals("<unset>", seen.get("playerbase.mongo.read-only.uri"));
            assertEquals("absent", seen.get("mongodb.*"));
            assertEquals(List.of("GET /v1/secret/data/playerbase/test namespace=null"), vault.requests());
        }
    }

    private static Map<String, String> probe(Map<String, String> env, String... properties) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                ConfigProbe.class.getName()));
        command.addAll(List.of(properties));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Only what this test sets: nothing inherited may take part in the priority.
        builder.environment().keySet().removeIf(name -> name.startsWith("PLAYERBASE_") || name.startsWith("VAULT_")
                || name.startsWith("MONGODB_") || name.startsWith("MICRONAUT_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the probe ended");
        assertEquals(0, process.exitValue(), output);
        Map<String, String> seen = new LinkedHashMap<>();
        for (String line : output.split("\\R")) {
            for (String property : properties) {
                if (line.startsWith(property + "=")) {
                    seen.put(property, line.substring(property.length() + 1));
                }
            }
        }
        assertEquals(properties.length, seen.size(), output);
        return seen;
    }
}
