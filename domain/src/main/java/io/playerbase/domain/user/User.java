package io.playerbase.domain.user;

import io.playerbase.domain.shared.DomainException.FieldError;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.StoredDataUnreadable;
import io.playerbase.domain.shared.UserId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A player account, human or computer. Created by {@link #register}, restored by adapters through
 * {@link #restore}, changed only through its behaviour methods, each of which returns the names of
 * the fields it changed (for the audit log) and keeps the invariants:
 * <ul>
 *   <li>a deleted account never changes again;</li>
 *   <li>every account has the {@code player} role;</li>
 *   <li>{@code credentialsVersion} grows whenever the password changes, which invalidates refresh tokens.</li>
 * </ul>
 * A personal field that the adapter could not read (corrupt ciphertext, wrong type) is restored as
 * unreadable: everything that does not need it works, reading it throws {@link StoredDataUnreadable},
 * and it becomes readable again only when it is replaced or cleared. An encrypted module value that
 * could not be read (say {@code modules.wallet.balance}) is {@code null} in {@link #modules()} and named
 * by its path among the unreadable fields; the module's own adapter refuses to work on it.
 */
public final class User {

    static final int MAX_PHONE = 32;
    static final int MAX_ADDRESS = 500;
    /** The personal fields, which can be stored unreadably. */
    public static final Set<String> PERSONAL_FIELDS = Set.of("email", "phone", "address");
    /** How the path of an unreadable module value starts ({@code modules.<module>.<field>}). */
    public static final String MODULE_PREFIX = "modules.";
    /** The ones an admin may clear: an account always has an email. */
    public static final Set<String> CLEARABLE_FIELDS = Set.of("phone", "address");

    private final UserId id;
    private final Email email;
    private Username username;
    private String passwordHash;
    private UserStatus status;
    private final boolean compPlayer;
    private final Set<Role> roles;
    private String phone;
    private String address;
    private final Map<String, Map<String, Object>> modules;
    private final Instant createdAt;
    private Instant updatedAt;
    private long version;
    private int credentialsVersion;
    private final Set<String> unreadable;

    private User(UserId id, Email email, Username username, String passwordHash, UserStatus status,
                 boolean compPlayer, Set<Role> roles, String phone, String address,
                 Map<String, Map<String, Object>> modules, Instant createdAt, Instant updatedAt,
                 long version, int credentialsVersion, Set<String> unreadable) {
        this.id = Objects.requireNonNull(id, "id");
        this.email = Objects.requireNonNull(email, "email");
        this.username = Objects.requireNonNull(username, "username");
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
        this.status = Objects.requireNonNull(status, "status");
        this.compPlayer = compPlayer;
        EnumSet<Role> withPlayer = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        withPlayer.add(Role.PLAYER);
        this.roles = withPlayer;
        this.phone = phone;
        this.address = address;
        this.modules = copyModules(modules);
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.version = version;
        this.credentialsVersion = credentialsVersion;
        if (!unreadable.stream().allMatch(field -> PERSONAL_FIELDS.contains(field) || field.startsWith(MODULE_PREFIX))) {
            throw new IllegalArgumentException("Only personal fields and module values can be unreadable: " + unreadable);
        }
        this.unreadable = new TreeSet<>(unreadable);
    }

    /** A new active account carrying every given module with its defaults. */
    public static User register(UserId id, Email email, Username username, String passwordHash,
                                boolean compPlayer, List<ModuleDefinition> modules, Instant now) {
        Map<String, Map<String, Object>> initial = new LinkedHashMap<>();
        for (ModuleDefinition module : modules) {
            initial.put(module.name(), module.defaults());
        }
        return new User(id, email, username, passwordHash, UserStatus.ACTIVE, compPlayer, Set.of(Role.PLAYER),
                null, null, initial, now, now, 0, 0, Set.of());
    }

    /** Rebuilds a stored user; used by adapters only. */
    public static User restore(UserId id, Email email, Username username, String passwordHash, UserStatus status,
                               boolean compPlayer, Set<Role> roles, String phone, String address,
                               Map<String, Map<String, Object>> modules, Instant createdAt, Instant updatedAt,
                               long version, int credentialsVersion) {
        return restore(id, email, username, passwordHash, status, compPlayer, roles, phone, address, modules,
                createdAt, updatedAt, version, credentialsVersion, Set.of());
    }

    /**
     * Rebuilds a stored user some of whose personal fields could not be read ({@code unreadable}); the
     * values given for those are placeholders that are never shown or written back.
     */
    public static User restore(UserId id, Email email, Username username, String passwordHash, UserStatus status,
                               boolean compPlayer, Set<Role> roles, String phone, String address,
                               Map<String, Map<String, Object>> modules, Instant createdAt, Instant updatedAt,
                               long version, int credentialsVersion, Set<String> unreadable) {
        return new User(id, email, username, passwordHash, status, compPlayer, roles, phone, address, modules,
                createdAt, updatedAt, version, credentialsVersion, unreadable);
    }

    /**
     * Applies a profile change. A {@code null} argument leaves the field alone; an empty phone or
     * address clears it.
     *
     * @return the names of the fields that actually changed (empty when nothing did)
     */
    public List<String> changeProfile(Username newUsername, String newPhone, String newAddress, Instant now) {
        requireNotDeleted();
        List<String> changed = new ArrayList<>();
        if (newUsername != null && !newUsername.equals(username)) {
            username = newUsername;
            changed.add("username");
        }
        if (newPhone != null) {
            String value = normalizeOptional(newPhone, "phone", MAX_PHONE);
            if (value != null && !value.matches("\\+?[0-9 ()./-]{3,32}")) {
                throw new InvalidValue("phone", "may contain digits, spaces and + ( ) . / - only");
            }
            if (unreadable.remove("phone") || !Objects.equals(value, phone)) {
                phone = value;
                changed.add("phone");
            }
        }
        if (newAddress != null) {
            String value = normalizeOptional(newAddress, "address", MAX_ADDRESS);
            if (unreadable.remove("address") || !Objects.equals(value, address)) {
                address = value;
                changed.add("address");
            }
        }
        if (!changed.isEmpty()) {
            updatedAt = now;
        }
        return List.copyOf(changed);
    }

    /** Replaces the password hash; refresh tokens issued before stop working. */
    public List<String> changePasswordHash(String newHash, Instant now) {
        requireNotDeleted();
        passwordHash = Objects.requireNonNull(newHash, "newHash");
        credentialsVersion++;
        updatedAt = now;
        return List.of("password_hash");
    }

    /**
     * Erases the account (right to erasure): personal data goes, the account becomes {@code deleted}
     * for good under an anonymous name (its statistics stay, attributed to that name), and every
     * session ends. The repository destroys the data key, which makes stored copies unreadable.
     */
    public List<String> erase(Instant now) {
        requireNotDeleted();
        status = UserStatus.DELETED;
        username = anonymousName(id);
        phone = null;
        address = null;
        unreadable.clear();
        passwordHash = "";
        credentialsVersion++;
        updatedAt = now;
        return List.of("email", "username", "phone", "address", "password_hash", "status");
    }

    /** The public name an erased account keeps: derived from the id, says nothing about the person. */
    static Username anonymousName(UserId id) {
        return new Username("deleted-" + id.value().substring(12));
    }

    /**
     * Suspends the account: it can no longer log in, refresh, or use the tokens it holds.
     *
     * @return {@code [status]}, or nothing when it was suspended already
     */
    public List<String> suspend(Instant now) {
        requireNotDeleted();
        if (status == UserStatus.SUSPENDED) {
            return List.of();
        }
        status = UserStatus.SUSPENDED;
        updatedAt = now;
        return List.of("status");
    }

    /** Lifts a suspension; returns {@code [status]}, or nothing when the account was active. */
    public List<String> reinstate(Instant now) {
        requireNotDeleted();
        if (status == UserStatus.ACTIVE) {
            return List.of();
        }
        status = UserStatus.ACTIVE;
        updatedAt = now;
        return List.of("status");
    }

    /**
     * Replaces the staff roles ({@code support}, {@code admin}); the {@code player} role always stays.
     * Computer players never hold staff roles.
     *
     * @return {@code [roles]}, or nothing when the roles were these already
     */
    public List<String> changeStaffRoles(Set<Role> staffRoles, Instant now) {
        requireNotDeleted();
        EnumSet<Role> wanted = EnumSet.of(Role.PLAYER);
        wanted.addAll(staffRoles);
        if (compPlayer && wanted.size() > 1) {
            throw new RuleViolation("computer-player", "Computer players cannot hold staff roles");
        }
        if (wanted.equals(roles)) {
            return List.of();
        }
        roles.clear();
        roles.addAll(wanted);
        updatedAt = now;
        return List.of("roles");
    }

    /**
     * Repair by an admin: clears personal fields that are stored unreadably, so the account can be
     * read again (the owner may then set them anew).
     *
     * @return the fields cleared
     * @throws RuleViolation when a field is readable ({@code field-readable}) or cannot be cleared ({@code field-not-clearable})
     */
    public List<String> clearUnreadable(Set<String> fields, Instant now) {
        requireNotDeleted();
        if (fields.isEmpty()) {
            throw new InvalidValue("fields", "must name at least one field");
        }
        for (String field : new TreeSet<>(fields)) {
            if (!CLEARABLE_FIELDS.contains(field)) {
                throw new RuleViolation("field-not-clearable", "Only " + new TreeSet<>(CLEARABLE_FIELDS)
                        + " can be cleared", List.of(new FieldError(field, "cannot be cleared")));
            }
            if (!unreadable.contains(field)) {
                throw new RuleViolation("field-readable", "The field " + field + " is readable; nothing to repair",
                        List.of(new FieldError(field, "is readable")));
            }
        }
        List<String> cleared = new ArrayList<>(new TreeSet<>(fields));
        for (String field : cleared) {
            unreadable.remove(field);
            if (field.equals("phone")) {
                phone = null;
            } else {
                address = null;
            }
        }
        updatedAt = now;
        return List.copyOf(cleared);
    }

    /** Whether this account may log in and use its tokens. */
    public boolean canAuthenticate() {
        return status == UserStatus.ACTIVE;
    }

    /** Called by the repository adapter after a successful write. */
    public void markStored(long newVersion) {
        this.version = newVersion;
    }

    private void requireNotDeleted() {
        if (status == UserStatus.DELETED) {
            throw new RuleViolation("account-deleted", "The account is deleted");
        }
    }

    private static String normalizeOptional(String value, String field, int max) {
        String stripped = value.strip();
        if (stripped.isEmpty()) {
            return null;
        }
        if (stripped.length() > max) {
            throw new InvalidValue(field, "must be at most " + max + " characters");
        }
        return stripped;
    }

    private <T> T readable(String field, T value) {
        if (unreadable.contains(field)) {
            throw new StoredDataUnreadable(field);
        }
        return value;
    }

    private static Map<String, Map<String, Object>> copyModules(Map<String, Map<String, Object>> modules) {
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        modules.forEach((name, data) -> copy.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(data))));
        return Collections.unmodifiableMap(copy);
    }

    public UserId id() { return id; }
    public Email email() { return readable("email", email); }
    public Username username() { return username; }
    public String passwordHash() { return passwordHash; }
    public UserStatus status() { return status; }
    public boolean compPlayer() { return compPlayer; }
    public Set<Role> roles() { return Collections.unmodifiableSet(roles); }
    public String phone() { return readable("phone", phone); }
    public String address() { return readable("address", address); }
    /** Personal fields stored unreadably, sorted; their accessors throw {@link StoredDataUnreadable}. */
    public Set<String> unreadableFields() { return Collections.unmodifiableSet(unreadable); }
    /** Module data as read (or as created): a snapshot for display, never written back by {@link UserRepository#update}. */
    public Map<String, Map<String, Object>> modules() { return modules; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public long version() { return version; }
    public int credentialsVersion() { return credentialsVersion; }
}
