package io.playerbase.adapters.mongo.user;

import io.playerbase.adapters.mongo.support.UnreadableValues;
import io.playerbase.domain.shared.BlindIndex;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.FieldCipher.FieldContext;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.user.Email;
import io.playerbase.domain.user.Role;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserStatus;
import io.playerbase.domain.user.Username;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps the account part of a user between the domain and the {@code users} document. Encryption and
 * blind indexing happen here, through the ports, so no sensitive value reaches the database in clear:
 * personal top-level fields (email, phone, address) under the user's own data key (the {@code personal}
 * cipher the adapter passes in), sensitive module values under the service cipher.
 * Legacy shapes (plaintext values, the old {@code password} field, missing fields) are read as they are.
 */
@Singleton
final class UserDocumentMapper {

    static final String COLLECTION = "users";

    private final FieldCipher cipher;
    private final BlindIndex blindIndex;
    private final SensitiveFields sensitive;
    private final UnreadableValues unreadableValues;

    UserDocumentMapper(FieldCipher cipher, BlindIndex blindIndex, SensitiveFields sensitive,
                       UnreadableValues unreadableValues) {
        this.cipher = cipher;
        this.blindIndex = blindIndex;
        this.sensitive = sensitive;
        this.unreadableValues = unreadableValues;
    }

    /** The blind-index entries a lookup by email may match (one per live key). */
    List<String> emailLookups(Email email) {
        return blindIndex.lookups("email", email.value());
    }

    List<String> usernameLookups(Username username) {
        return blindIndex.lookups("username", username.value());
    }

    /** The blind-index entries to store for a user: under the current index key (and the next, mid-rotation). */
    List<String> emailEntries(String email) {
        return blindIndex.entries("email", email);
    }

    List<String> usernameEntries(String username) {
        return blindIndex.entries("username", username);
    }

    /** The whole document of a new user, module data included. */
    Document toNewDocument(User user, FieldCipher personal) {
        Document document = new Document("_id", new ObjectId(user.id().value()));
        document.putAll(accountFields(user, personal));
        document.append("created_at", Date.from(user.createdAt()));
        Document modules = new Document();
        user.modules().forEach((name, data) -> modules.append(name, moduleToBson(user.id(), name, data)));
        document.append("modules", modules);
        return document;
    }

    /**
     * The top-level fields an account change may touch (module data is never among them). A personal
     * field stored unreadably is left out, so the stored value stays as it is until it is replaced or
     * an admin clears it.
     */
    Document accountFields(User user, FieldCipher personal) {
        String id = user.id().value();
        Set<String> unreadable = user.unreadableFields();
        Document fields = new Document();
        if (!unreadable.contains("email")) {
            fields.append("email", protect(personal, id, "email", user.email().value()))
                    .append("email_bidx", emailEntries(user.email().value()));
        }
        fields.append("username", user.username().value())
                .append("username_bidx", usernameEntries(user.username().value()))
                .append("password_hash", user.passwordHash())
                .append("status", user.status().wire())
                .append("is_comp_player", user.compPlayer())
                .append("roles", user.roles().stream().map(Role::wire).sorted().toList());
        if (!unreadable.contains("phone")) {
            fields.append("phone", protect(personal, id, "phone", user.phone()));
        }
        if (!unreadable.contains("address")) {
            fields.append("address", protect(personal, id, "address", user.address()));
        }
        return fields.append("updated_at", Date.from(user.updatedAt()))
                .append("credentials_version", user.credentialsVersion());
    }

    /** Whether the stored user is erased: its personal fields are shredded and must not be decrypted. */
    static boolean isErased(Document document) {
        return UserStatus.DELETED.wire().equals(document.get("status"));
    }

    /** An erased user's email, which is gone: a placeholder that cannot reach anyone. */
    static Email erasedEmail(String id) {
        return new Email("erased-" + id + "@erased.invalid");
    }

    /**
     * @param personal the user's personal cipher; {@code null} only for an erased user, whose personal
     *                 fields are not read at all
     */
    User toDomain(Document document, FieldCipher personal) {
        String id = document.getObjectId("_id").toHexString();
        boolean erased = isErased(document);
        Instant createdAt = instant(document.get("created_at"), document.getObjectId("_id").getDate().toInstant());
        Set<String> unreadable = new LinkedHashSet<>();
        String email = erased ? null : reveal(personal, id, "email", document.get("email"), unreadable);
        return User.restore(
                new UserId(id),
                erased || email == null ? erasedEmail(id) : new Email(email),
                new Username(document.getString("username")),
                passwordHash(document),
                document.get("status") instanceof String status ? UserStatus.fromWire(status) : UserStatus.ACTIVE,
                Boolean.TRUE.equals(document.get("is_comp_player")),
                roles(document.get("roles")),
                erased ? null : reveal(personal, id, "phone", document.get("phone"), unreadable),
                erased ? null : reveal(personal, id, "address", document.get("address"), unreadable),
                modulesToDomain(id, document.get("modules"), unreadable),
                createdAt,
                instant(document.get("updated_at"), createdAt),
                document.get("version") instanceof Number number ? number.longValue() : 0L,
                document.get("credentials_version") instanceof Number number ? number.intValue() : 0,
                unreadable);
    }

    private String protect(FieldCipher personal, String id, String field, String value) {
        if (value == null || !sensitive.contains(field)) {
            return value;
        }
        return personal.encrypt(value, new FieldContext(COLLECTION, id, field));
    }

    /**
     * The plaintext of a personal field, or {@code null} after adding the field to {@code unreadable}
     * (and reporting it) when the stored value is not a string or fails to decrypt: one bad field never
     * makes the whole account unreadable.
     */
    private String reveal(FieldCipher personal, String id, String field, Object stored, Set<String> unreadable) {
        if (stored == null) {
            return null;
        }
        if (!(stored instanceof String text)) {
            unreadable.add(field);
            unreadableValues.report(COLLECTION, id, field, "stored as " + stored.getClass().getSimpleName() + ", not a string");
            return null;
        }
        try {
            return personal.decrypt(text, new FieldContext(COLLECTION, id, field));
        } catch (FieldCipher.CipherFailure e) {
            unreadable.add(field);
            unreadableValues.report(COLLECTION, id, field, e.getMessage());
            return null;
        }
    }

    private Document moduleToBson(UserId id, String module, Map<String, Object> data) {
        Document document = new Document();
        data.forEach((field, value) -> {
            String path = "modules." + module + "." + field;
            Object stored = value != null && sensitive.contains(path)
                    ? SensitiveScalar.encrypt(cipher, value, new FieldContext(COLLECTION, id.value(), path))
                    : BsonValues.toBson(value);
            document.append(field, stored);
        });
        return document;
    }

    /**
     * Module data as stored, sensitive values decrypted. One that fails to decrypt is {@code null} and
     * named (by its path) in {@code unreadable}, and reported: the account stays usable, and the module's
     * own adapter refuses to work on it (the wallet answers {@code stored-data-unreadable}).
     */
    private Map<String, Map<String, Object>> modulesToDomain(String id, Object stored, Set<String> unreadable) {
        Map<String, Map<String, Object>> modules = new LinkedHashMap<>();
        if (!(stored instanceof Document document)) {
            return modules;
        }
        document.forEach((module, data) -> {
            Map<String, Object> plain = BsonValues.toPlainMap(data);
            // Fields starting with '_' are a module's own bookkeeping (the wallet's version, ledger head
            // and unrecorded entry…): written and read by that module's adapter only, never shown.
            plain.keySet().removeIf(field -> field.startsWith("_"));
            if (data instanceof Document raw) {
                raw.forEach((field, value) -> {
                    String path = "modules." + module + "." + field;
                    if (sensitive.contains(path)) {
                        try {
                            plain.put(field, SensitiveScalar.decrypt(cipher, value, new FieldContext(COLLECTION, id, path)));
                        } catch (FieldCipher.CipherFailure e) {
                            plain.put(field, null);
                            unreadable.add(path);
                            unreadableValues.report(COLLECTION, id, path, e.getMessage());
                        }
                    }
                });
            }
            modules.put(module, plain);
        });
        return modules;
    }

    /** Playerbase writes {@code password_hash}; the old system wrote a bcrypt hash to {@code password}. */
    private static String passwordHash(Document document) {
        Object hash = document.get("password_hash");
        if (hash == null) {
            hash = document.get("password");
        }
        return hash == null ? "" : String.valueOf(hash);
    }

    private static Set<Role> roles(Object stored) {
        Set<Role> roles = new LinkedHashSet<>();
        if (stored instanceof List<?> list) {
            for (Object role : list) {
                roles.add(Role.fromWire(String.valueOf(role)));
            }
        }
        return roles;
    }

    private static Instant instant(Object stored, Instant fallback) {
        return stored instanceof Date date ? date.toInstant() : fallback;
    }
}
