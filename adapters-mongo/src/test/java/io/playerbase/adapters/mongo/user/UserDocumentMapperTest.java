package io.playerbase.adapters.mongo.user;

import io.playerbase.adapters.mongo.support.UnreadableValues;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.FieldCipher.FieldContext;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.FakeBlindIndex;
import io.playerbase.domain.testing.FakeFieldCipher;
import io.playerbase.domain.user.Email;
import io.playerbase.domain.user.ModuleDefinition;
import io.playerbase.domain.user.Role;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserStatus;
import io.playerbase.domain.user.Username;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The user document mapper on its own: no database, the legacy shapes the old system left included. */
class UserDocumentMapperTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    private final FieldCipher serviceCipher = new FakeFieldCipher();
    private final FieldCipher personal = new FakeFieldCipher();
    private final FakeBlindIndex blindIndex = new FakeBlindIndex();
    private final UserDocumentMapper mapper = new UserDocumentMapper(serviceCipher, blindIndex, SensitiveFields.defaults(),
            new UnreadableValues(null));

    @Test
    void aNewUserIsStoredEncryptedAndIndexedAndReadsBackTheSame() {
        User user = User.register(UserId.newId(NOW), new Email("ann@example.com"), new Username("ann"), "hash", false,
                List.of(new ModuleDefinition("wallet", "active", 1, Map.of("balance", 100L, "currency", "CREDITS"), "coins")),
                NOW);
        user.changeProfile(null, "+31 6 1234", "Main street 1", NOW);

        Document document = mapper.toNewDocument(user, personal);

        assertTrue(personal.isCiphertext(document.getString("email")), document.toJson());
        assertTrue(personal.isCiphertext(document.getString("phone")));
        assertTrue(personal.isCiphertext(document.getString("address")));
        assertEquals("ann", document.getString("username"));
        assertEquals(blindIndex.entries("email", "ann@example.com"), document.get("email_bidx"));
        assertEquals(blindIndex.entries("username", "ann"), document.get("username_bidx"));
        Object balance = document.get("modules", Document.class).get("wallet", Document.class).get("balance");
        assertTrue(balance instanceof String text && serviceCipher.isCiphertext(text), String.valueOf(balance));

        User read = mapper.toDomain(document, personal);

        assertEquals(user.id(), read.id());
        assertEquals(user.email(), read.email());
        assertEquals(user.username(), read.username());
        assertEquals("+31 6 1234", read.phone());
        assertEquals("Main street 1", read.address());
        assertEquals(UserStatus.ACTIVE, read.status());
        assertEquals(Set.of(Role.PLAYER), read.roles());
        assertEquals(100L, read.modules().get("wallet").get("balance"));
        assertEquals(NOW, read.createdAt());
    }

    @Test
    void theOldSystemsShapeReadsWithDefaults() {
        ObjectId id = new ObjectId(Date.from(Instant.parse("2024-01-02T03:04:05Z")));
        Document legacy = new Document("_id", id)
                .append("email", "Old@Example.com")
                .append("username", "oldtimer")
                .append("password", "$2b$12$legacybcrypthash")
                .append("modules", new Document("wallet", new Document("balance", 42)
                        .append("_version", 3).append("currency", "CREDITS")));

        User read = mapper.toDomain(legacy, personal);

        assertEquals("Old@Example.com", read.email().value(), "legacy plaintext is read as it is");
        assertEquals("$2b$12$legacybcrypthash", read.passwordHash());
        assertEquals(UserStatus.ACTIVE, read.status());
        assertFalse(read.compPlayer());
        assertEquals(Set.of(Role.PLAYER), read.roles(), "every account is a player");
        assertEquals(Instant.parse("2024-01-02T03:04:05Z"), read.createdAt());
        assertEquals(read.createdAt(), read.updatedAt());
        assertEquals(0L, read.version());
        assertEquals(0, read.credentialsVersion());
        assertNull(read.phone());
        assertEquals(42L, ((Number) read.modules().get("wallet").get("balance")).longValue());
        assertFalse(read.modules().get("wallet").containsKey("_version"), "bookkeeping stays out of the account");
    }

    @Test
    void anErasedUserIsReadWithoutTouchingItsShreddedPersonalFields() {
        ObjectId id = new ObjectId();
        Document erased = new Document("_id", id)
                .append("email", "fake1:not-decryptable-any-more")
                .append("phone", "fake1:shredded")
                .append("username", "deleted-user-1")
                .append("password_hash", "")
                .append("status", "deleted")
                .append("roles", List.of("player"));

        User read = mapper.toDomain(erased, null);

        assertEquals(UserStatus.DELETED, read.status());
        assertEquals(UserDocumentMapper.erasedEmail(id.toHexString()), read.email());
        assertNull(read.phone());
        assertNull(read.address());
    }

    @Test
    void encryptedValuesAreBoundToTheirUserAndField() {
        User user = User.register(UserId.newId(NOW), new Email("bob@example.com"), new Username("bob"), "hash", false,
                List.of(), NOW);
        Document document = mapper.toNewDocument(user, personal);

        assertEquals("bob@example.com", personal.decrypt(document.getString("email"),
                new FieldContext("users", user.id().value(), "email")));
        assertThrows(FieldCipher.CipherFailure.class, () -> personal.decrypt(document.getString("email"),
                new FieldContext("users", user.id().value(), "phone")));
    }
}
