package io.playerbase.adapters.mongo.user;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;

/**
 * Which user-document fields are encrypted at rest, from {@code playerbase.crypto.sensitive-fields}
 * ({@link EncryptionStoreSettings}).
 * Paths are dotted document paths: {@code email}, {@code phone}, {@code address}, {@code modules.wallet.balance}.
 */
@Singleton
public final class SensitiveFields {

    static final List<String> DEFAULTS = List.of("email", "phone", "address", "modules.wallet.balance", "modules.wallet.credit_balance");

    private final Set<String> paths;

    @Inject
    SensitiveFields(EncryptionStoreSettings settings) {
        this(settings.sensitiveFields());
    }

    private SensitiveFields(List<String> paths) {
        this.paths = Set.copyOf(paths);
    }

    /** The default paths (those of {@code application.yml}), for tests and tools without configuration. */
    public static SensitiveFields defaults() {
        return new SensitiveFields(DEFAULTS);
    }

    public boolean contains(String path) {
        return paths.contains(path);
    }

    /** The sensitive paths under {@code modules.} (encrypted with the service key). */
    public List<String> modulePaths() {
        return paths.stream().filter(path -> path.startsWith("modules.")).sorted().toList();
    }

    /** The sensitive top-level fields (personal data, encrypted with the owner's data key). */
    public List<String> personalFields() {
        return paths.stream().filter(path -> !path.contains(".")).sorted().toList();
    }
}
