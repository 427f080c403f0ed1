package io.playerbase.domain.user;

import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.RuleViolation;
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

/**
 * A player account, human or computer. Created by {@link #register}, restored by adapters through
 * {@link #restore}, changed only through its behaviour methods, each of which returns the names of
 * the fields it changed (for the audit log) and keeps the invariants:
 * <ul>
 *   <li>a deleted account never changes again;</li>
 *   <li>every account has the {@code player} role;</li>
 *   <li>{@code credentialsVersion} grows whenever the password changes, which invalidates refresh tokens.</li>
 * </ul>
 */
public final class User {

    static final int MAX_PHONE = 32;
    static final int MAX_ADDRESS = 500;

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

    private User(UserId id, Email email, Username username, String passwordHash, UserStatus status,
                 boolean compPlayer, Set<Role> roles, String phone, String address,
                 Map<String, Map<String, Object>> modules, Instant createdAt, Instant updatedAt,
                 long version, int credentialsVersion) {
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
    }

    /** A new active account carrying every given module with its defaults. */
    public static User register(UserId id, Email email, Username username, String passwordHash,
                                boolean compPlayer, List<ModuleDefinition> modules, Instant now) {
        Map<String, Map<String, Object>> initial = new LinkedHashMap<>();
        for (ModuleDefinition module : modules) {
            initial.put(module.name(), module.defaults());
        }
        return new User(id, email, username, passwordHash, UserStatus.ACTIVE, compPlayer, Set.of(Role.PLAYER),
                null, null, initial, now, now, 0, 0);
    }

    /** Rebuilds a stored user; used by adapters only. */
    public static User restore(UserId id, Email email, Username username, String passwordHash, UserStatus status,
                               boolean compPlayer, Set<Role> roles, String phone, String address,
                               Map<String, Map<String, Object>> modules, Instant createdAt, Instant updatedAt,
                               long version, int credentialsVersion) {
        return new User(id, email, username, passwordHash, status, compPlayer, roles, phone, address, modules,
                createdAt, updatedAt, version, credentialsVersion);
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
            if (!Objects.equals(value, phone)) {
                phone = value;
                changed.add("phone");
            }
        }
        if (newAddress != null) {
            String value = normalizeOptional(newAddress, "address", MAX_ADDRESS);
            if (!Objects.equals(value, address)) {
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
        passwordHash = "";
        credentialsVersion++;
        updatedAt = now;
        return List.of("email", "username", "phone", "address", "password_hash", "status");
    }

    /** Suspends the account: it can no longer log in or play. Already suspended → nothing changes. */
    public List<String> suspend(Instant now) {
        return changeStatus(UserStatus.SUSPENDED, now);
    }

    /** Makes a suspended account active again. Already active → nothing changes. */
    public List<String> reinstate(Instant now) {
        return changeStatus(UserStatus.ACTIVE, now);
    }

    private List<String> changeStatus(UserStatus target, Instant now) {
        requireNotDeleted();
        if (status == target) {
            return List.of();
        }
        status = target;
        updatedAt = now;
        return List.of("status");
    }

    /** The public name an erased account keeps: derived from the id, says nothing about the person. */
    static Username anonymousName(UserId id) {
        return new Username("deleted-" + id.value().substring(12));
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

    private static Map<String, Map<String, Object>> copyModules(Map<String, Map<String, Object>> modules) {
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        modules.forEach((name, data) -> copy.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(data))));
        return Collections.unmodifiableMap(copy);
    }

    public UserId id() { return id; }
    public Email email() { return email; }
    public Username username() { return username; }
    public String passwordHash() { return passwordHash; }
    public UserStatus status() { return status; }
    public boolean compPlayer() { return compPlayer; }
    public Set<Role> roles() { return Collections.unmodifiableSet(roles); }
    public String phone() { return phone; }
    public String address() { return address; }
    /** Module data as read (or as created): a snapshot for display, never written back by {@link UserRepository#update}. */
    public Map<String, Map<String, Object>> modules() { return modules; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public long version() { return version; }
    public int credentialsVersion() { return credentialsVersion; }
}
