package io.playerbase.adapters.mongo.wallet;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.playerbase.adapters.mongo.support.UnreadableValues;
import io.playerbase.adapters.mongo.user.SensitiveFields;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.StoredDataUnreadable;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.FakeFieldCipher;
import io.playerbase.domain.wallet.Amount;
import io.playerbase.domain.wallet.Currency;
import io.playerbase.domain.wallet.LedgerEntry;
import io.playerbase.domain.wallet.Movement;
import io.playerbase.domain.wallet.OperationId;
import io.playerbase.domain.wallet.ReasonCode;
import io.playerbase.domain.wallet.TransactionSource;
import io.playerbase.domain.wallet.Wallet;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wallet part of a user document on its own: no database, the legacy shapes included. */
class WalletDocumentMapperTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    private final FieldCipher cipher = new FakeFieldCipher();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final WalletDocumentMapper mapper = new WalletDocumentMapper(cipher, SensitiveFields.defaults(),
            new LedgerDocumentMapper(cipher), "CREDITS", new UnreadableValues(meters));
    private final ObjectId id = new ObjectId();

    private Document user(Document wallet) {
        Document user = new Document("_id", id).append("status", "active");
        return wallet == null ? user : user.append("modules", new Document("wallet", wallet));
    }

    @Test
    void aUserWithoutAWalletHasAnEmptyOneInTheDefaultCurrency() {
        Wallet wallet = mapper.toDomain(user(null));

        assertEquals(new UserId(id.toHexString()), wallet.owner());
        assertEquals(0, wallet.balance());
        assertEquals(new Currency("CREDITS"), wallet.currency());
        assertEquals(0, wallet.version());
    }

    @Test
    void aWalletFromBeforeTheLedgerHasNoVersionAndItsBalanceIsTheOpeningBalance() {
        Wallet wallet = mapper.toDomain(user(new Document("balance", 250).append("currency", "CREDITS")));

        assertEquals(250, wallet.balance());
        assertEquals(250, wallet.openingBalance());
        assertEquals(0, wallet.sequence());
        assertEquals(0, wallet.version());
        assertEquals(LedgerEntry.GENESIS_HASH, wallet.headHash());
        assertTrue(wallet.unrecordedEntry().isEmpty());
        assertFalse(wallet.closed());
    }

    @Test
    void aBalanceStoredAsTextByTheOldSystemIsRead() {
        assertEquals(75, mapper.toDomain(user(new Document("balance", " 75 "))).balance());
        assertEquals(-3, mapper.toDomain(user(new Document("balance", "-3"))).balance());
    }

    @Test
    void anUnreadableBalanceStopsTheOperationInsteadOfBeingGuessed() {
        StoredDataUnreadable error = assertThrows(StoredDataUnreadable.class,
                () -> mapper.toDomain(user(new Document("balance", "12.50"))));
        assertTrue(error.getMessage().contains("modules.wallet.balance"), error.getMessage());
        assertThrows(StoredDataUnreadable.class, () -> mapper.toDomain(user(new Document("balance", "lots"))));
        // Another document's ciphertext fails authentication in this one's context: the same typed error.
        String foreign = cipher.encrypt("n:500", new FieldCipher.FieldContext("users", new ObjectId().toHexString(),
                "modules.wallet.balance"));
        assertThrows(StoredDataUnreadable.class, () -> mapper.toDomain(user(new Document("balance", foreign))));
        assertEquals(3.0, meters.get("playerbase.stored.data.unreadable").tag("field", "modules.wallet.balance").counter().count(),
                "each one reported");
    }

    @Test
    void aDeletedOwnersWalletIsClosed() {
        Document user = user(new Document("balance", 5)).append("status", "deleted");
        assertTrue(mapper.toDomain(user).closed());
    }

    @Test
    void aCommittedOperationIsStoredEncryptedAndReadsBackWithItsPendingEntry() {
        Wallet wallet = mapper.toDomain(user(new Document("balance", 100).append("currency", "CREDITS")));
        wallet.credit(new Amount(50), new Movement(new OperationId("op-1"), new ReasonCode("goodwill"), "sorry",
                TransactionSource.ADMIN, Actor.system("r-1")), NOW);

        Document fields = mapper.changedFields(wallet, 1);

        assertTrue(fields.get("balance") instanceof String text && cipher.isCiphertext(text), fields.toJson());
        assertTrue(fields.get("_opening_balance") instanceof String text && cipher.isCiphertext(text),
                "the first commit records the opening balance, encrypted");
        assertEquals(1L, fields.get("_version"));
        Wallet read = mapper.toDomain(user(fields));
        assertEquals(150, read.balance());
        assertEquals(100, read.openingBalance());
        assertEquals(1, read.version());
        assertEquals(wallet.headHash(), read.headHash());
        assertEquals(NOW, read.updatedAt());
        LedgerEntry pending = read.unrecordedEntry().orElseThrow();
        assertEquals(new OperationId("op-1"), pending.operationId());
    }
}
