package io.playerbase.domain.purchase;

import io.playerbase.domain.shared.RuleViolation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A product of the catalog ({@code store_products}). Its kind never changes once created (purchases
 * already recorded rely on it); title, grant and SKUs may be redefined, and an inactive product is
 * neither listed to players nor granted on new purchases. {@code version} guards concurrent edits.
 */
public final class Product {

    private final ProductId id;
    private final Instant createdAt;
    private ProductDefinition definition;
    private boolean active;
    private Instant updatedAt;
    private long version;

    private Product(ProductId id, ProductDefinition definition, boolean active, Instant createdAt, Instant updatedAt,
                    long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.definition = Objects.requireNonNull(definition, "definition");
        this.active = active;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.version = version;
    }

    /** A new, active product. */
    public static Product create(ProductId id, ProductDefinition definition, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        return new Product(id, definition, true, at, at, 0);
    }

    /** Rebuilds a stored product; used by adapters only. */
    public static Product restore(StoredState state) {
        return new Product(state.id(), state.definition(), state.active(), state.createdAt(), state.updatedAt(),
                state.version());
    }

    public StoredState storedState() {
        return new StoredState(id, definition, active, createdAt, updatedAt, version);
    }

    /** A product as stored. */
    public record StoredState(ProductId id, ProductDefinition definition, boolean active, Instant createdAt,
                              Instant updatedAt, long version) {
    }

    /** Replaces title, grant and SKUs; the kind stays. */
    public void redefine(ProductDefinition changed, Instant now) {
        if (changed.kind() != definition.kind()) {
            throw new RuleViolation("product-kind-immutable",
                    "A product's kind cannot change; create another product instead");
        }
        definition = changed;
        updatedAt = now.truncatedTo(ChronoUnit.MILLIS);
    }

    /** @return whether anything changed */
    public boolean activate(boolean isActive, Instant now) {
        if (active == isActive) {
            return false;
        }
        active = isActive;
        updatedAt = now.truncatedTo(ChronoUnit.MILLIS);
        return true;
    }

    public Optional<String> skuFor(Store store) {
        return Optional.ofNullable(definition.skus().get(store));
    }

    /** Called by the repository adapter after a successful write. */
    public void markStored(long newVersion) {
        this.version = newVersion;
    }

    public ProductId id() { return id; }
    public ProductDefinition definition() { return definition; }
    public ProductKind kind() { return definition.kind(); }
    public boolean active() { return active; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public long version() { return version; }
}
