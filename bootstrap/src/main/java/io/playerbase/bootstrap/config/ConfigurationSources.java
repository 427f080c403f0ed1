package io.playerbase.bootstrap.config;

import io.micronaut.context.env.EnvironmentPropertySource;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.SystemPropertiesPropertySource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The two configuration sources Micronaut lacks, merged into one property source that ranks above
 * environment variables (highest first):
 * <ol>
 *   <li>secret files: {@code /run/secrets/<name>}, then {@code ./secrets/<name>};</li>
 *   <li>HashiCorp Vault KV v2, when an address and a token are configured;</li>
 *   <li>environment variables (Micronaut's own source);</li>
 *   <li>{@code application.yml} (Micronaut's own source).</li>
 * </ol>
 * JVM system properties and {@code --name=value} options of the jar rank above all four: they are
 * for one-off runs and tests. Which names map to which properties: {@link SecretNames}.
 *
 * <p>These sources are found before the application configuration exists, so their own settings are
 * read from system properties, then environment variables:
 * <table>
 *   <tr><th>system property</th><th>environment</th><th>default</th></tr>
 *   <tr><td>{@code playerbase.secrets.dirs}</td><td>{@code PLAYERBASE_SECRETS_DIRS}</td><td>{@code /run/secrets,./secrets}</td></tr>
 *   <tr><td>{@code playerbase.vault.address}</td><td>{@code VAULT_ADDR}</td><td>none: Vault off</td></tr>
 *   <tr><td>{@code playerbase.vault.token}</td><td>{@code VAULT_TOKEN}</td><td>the secret file {@code vault_token}, else {@code VAULT_TOKEN_FILE}</td></tr>
 *   <tr><td>{@code playerbase.vault.namespace}</td><td>{@code VAULT_NAMESPACE}</td><td>none</td></tr>
 *   <tr><td>{@code playerbase.vault.mount}</td><td>{@code PLAYERBASE_VAULT_MOUNT}</td><td>{@code secret}</td></tr>
 *   <tr><td>{@code playerbase.vault.path}</td><td>{@code PLAYERBASE_VAULT_PATH}</td><td>{@code playerbase}</td></tr>
 * </table>
 * Values never reach a log line; only property names and where they came from do.
 */
public final class ConfigurationSources {

    /** Above environment variables (-200), below system properties (-100) and the command line (0). */
    public static final int ORDER = (EnvironmentPropertySource.POSITION + SystemPropertiesPropertySource.POSITION) / 2;
    public static final String NAME = "playerbase-secrets";
    /** The MongoDB variables, taken over from Micronaut's environment source at its rank. */
    public static final int ENVIRONMENT_ORDER = EnvironmentPropertySource.POSITION + 1;
    public static final String ENVIRONMENT_NAME = "playerbase-environment";
    static final String MONGODB_PREFIX = "MONGODB_";
    static final Map<String, String> MONGODB_VARIABLES = Map.of(
            "MONGODB_URI", "playerbase.mongo.uri",
            "MONGODB_URI_READ_ONLY", "playerbase.mongo.read-only.uri",
            "MONGODB_URI_ADMIN", "playerbase.mongo.admin.uri");
    static final String DEFAULT_DIRS = "/run/secrets,./secrets";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationSources.class);

    private final UnaryOperator<String> systemProperties;
    private final UnaryOperator<String> environment;
    private final Duration vaultBackoff;

    /**
     * @param systemProperties lookup of JVM system properties ({@code System::getProperty} in production)
     * @param environment      lookup of environment variables ({@code System::getenv} in production)
     */
    public ConfigurationSources(UnaryOperator<String> systemProperties, UnaryOperator<String> environment,
                                Duration vaultBackoff) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.vaultBackoff = vaultBackoff;
    }

    /** The merged source: secret files over Vault. */
    public PropertySource load() {
        SecretFiles files = new SecretFiles(directories());
        Map<String, SecretFiles.Resolved> resolved = new LinkedHashMap<>();
        vault(files).ifPresent(vault -> vault.read().forEach((key, value) -> SecretNames.property(key)
                .ifPresent(property -> resolved.put(property, new SecretFiles.Resolved(value, "Vault " + vault.location())))));
        resolved.putAll(files.read());
        Map<String, Object> properties = new LinkedHashMap<>();
        resolved.forEach((property, value) -> properties.put(property, value.value()));
        if (!resolved.isEmpty()) {
            LOG.info("Configuration above the environment: {}", String.join(", ",
                    resolved.entrySet().stream().map(entry -> entry.getKey() + " from " + entry.getValue().origin()).toList()));
        }
        return PropertySource.of(NAME, properties, ORDER);
    }

    /**
     * The {@code MONGODB_*} environment variables as Playerbase properties. Micronaut would turn
     * {@code MONGODB_URI} into {@code mongodb.uri}, and any {@code mongodb.*} property makes
     * micronaut-mongo create a second primary {@code MongoClient} next to ours, which breaks the start;
     * so these variables are kept out of Micronaut's own environment source ({@link #excludedVariables})
     * and mapped here, at the rank of environment variables.
     */
    public PropertySource environment(Iterable<String> variableNames) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String name : variableNames) {
            String property = MONGODB_VARIABLES.get(name);
            String value = environment.apply(name);
            if (property != null && value != null && !value.isBlank()) {
                properties.put(property, value);
            }
        }
        return PropertySource.of(ENVIRONMENT_NAME, properties, ENVIRONMENT_ORDER);
    }

    /** Every {@code MONGODB_*} variable: none may become a {@code mongodb.*} property. */
    public static String[] excludedVariables(Iterable<String> variableNames) {
        List<String> excluded = new ArrayList<>();
        for (String name : variableNames) {
            if (name.startsWith(MONGODB_PREFIX)) {
                excluded.add(name);
            }
        }
        return excluded.toArray(String[]::new);
    }

    List<Path> directories() {
        String dirs = setting("playerbase.secrets.dirs", "PLAYERBASE_SECRETS_DIRS").orElse(DEFAULT_DIRS);
        return Arrays.stream(dirs.split(",")).map(String::strip).filter(dir -> !dir.isEmpty()).map(Path::of).toList();
    }

    private Optional<VaultKv> vault(SecretFiles files) {
        Optional<String> address = setting("playerbase.vault.address", "VAULT_ADDR");
        if (address.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> token = files.value(SecretNames.VAULT_TOKEN)
                .or(() -> setting("playerbase.vault.token", "VAULT_TOKEN"))
                .or(() -> setting("playerbase.vault.token-file", "VAULT_TOKEN_FILE")
                        .flatMap(file -> new SecretFiles(List.of(Path.of(file).toAbsolutePath().getParent()))
                                .value(Path.of(file).getFileName().toString())))
                .filter(value -> !value.isBlank());
        if (token.isEmpty()) {
            LOG.warn("VAULT_ADDR is set but no Vault token is configured (VAULT_TOKEN, VAULT_TOKEN_FILE or the secret file "
                    + "vault_token): Vault is not read");
            return Optional.empty();
        }
        VaultKv vault = new VaultKv(address.get(), token.get(),
                setting("playerbase.vault.namespace", "VAULT_NAMESPACE").orElse(null),
                setting("playerbase.vault.mount", "PLAYERBASE_VAULT_MOUNT").orElse("secret"),
                setting("playerbase.vault.path", "PLAYERBASE_VAULT_PATH").orElse("playerbase"),
                vaultBackoff);
        LOG.info("Reading configuration from Vault {} at {}", vault.location(), address.get());
        return Optional.of(vault);
    }

    private Optional<String> setting(String property, String variable) {
        return Optional.ofNullable(systemProperties.apply(property))
                .or(() -> Optional.ofNullable(environment.apply(variable)))
                .map(String::strip)
                .filter(value -> !value.isEmpty());
    }
}
