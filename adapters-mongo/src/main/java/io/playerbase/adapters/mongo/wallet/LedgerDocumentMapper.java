package io.playerbase.adapters.mongo.wallet;

import io.playerbase.adapters.mongo.user.SensitiveScalar;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.FieldCipher.FieldContext;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.wallet.Amount;
import io.playerbase.domain.wallet.Currency;
import io.playerbase.domain.wallet.LedgerEntry;
import io.playerbase.domain.wallet.OperationId;
import io.playerbase.domain.wallet.ReasonCode;
import io.playerbase.domain.wallet.TransactionId;
import io.playerbase.domain.wallet.TransactionKind;
import io.playerbase.domain.wallet.TransactionSource;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.util.Date;
import java.util.Locale;

/**
 * Maps a ledger entry to its {@code wallet_transactions} document and back. Amounts, the balance after,
 * the description and the hash salt are encrypted, bound to the entry's own document id; the same
 * document (ciphertexts included) is what the wallet holds as its unrecorded entry, so recording it is
 * a plain copy.
 */
@Singleton
final class LedgerDocumentMapper {

    static final String COLLECTION = "wallet_transactions";

    private final FieldCipher cipher;

    LedgerDocumentMapper(FieldCipher cipher) {
        this.cipher = cipher;
    }

    Document toDocument(LedgerEntry entry) {
        String id = entry.id().value();
        return new Document("_id", new ObjectId(id))
                .append("user_id", new ObjectId(entry.userId().value()))
                .append("sequence", entry.sequence())
                .append("operation_id", entry.operationId().value())
                .append("kind", entry.kind().wire())
                .append("amount", protect(id, "amount", entry.amount().minorUnits()))
                .append("balance_after", protect(id, "balance_after", entry.balanceAfter()))
                .append("currency", entry.currency().code())
                .append("reason", entry.reason().value())
                .append("description", entry.description() == null ? null : protect(id, "description", entry.description()))
                .append("source", entry.source().wire())
                .append("actor_id", entry.actor().id())
                .append("actor_role", entry.actor().role().name().toLowerCase(Locale.ROOT))
                .append("request_id", entry.actor().requestId())
                .append("reverses", entry.reverses() == null ? null
                        : new Document("operation_id", entry.reverses().operationId().value())
                                .append("kind", entry.reverses().kind().wire()))
                .append("created_at", Date.from(entry.createdAt()))
                .append("salt", protect(id, "salt", entry.salt()))
                .append("previous_hash", entry.previousHash())
                .append("hash", entry.hash());
    }

    LedgerEntry toDomain(Document document) {
        String id = document.getObjectId("_id").toHexString();
        Document reverses = document.get("reverses", Document.class);
        Object description = document.get("description");
        return new LedgerEntry(
                new TransactionId(id),
                new UserId(document.getObjectId("user_id").toHexString()),
                ((Number) document.get("sequence")).longValue(),
                new OperationId(document.getString("operation_id")),
                TransactionKind.fromWire(document.getString("kind")),
                new Amount(number(reveal(id, "amount", document.get("amount")))),
                number(reveal(id, "balance_after", document.get("balance_after"))),
                new Currency(document.getString("currency")),
                new ReasonCode(document.getString("reason")),
                description == null ? null : (String) reveal(id, "description", description),
                TransactionSource.fromWire(document.getString("source")),
                new Actor(document.getString("actor_id"),
                        Actor.ActorRole.valueOf(document.getString("actor_role").toUpperCase(Locale.ROOT)),
                        document.getString("request_id") == null ? "" : document.getString("request_id")),
                reverses == null ? null : new LedgerEntry.Reversal(new OperationId(reverses.getString("operation_id")),
                        TransactionKind.fromWire(reverses.getString("kind"))),
                document.getDate("created_at").toInstant(),
                (String) reveal(id, "salt", document.get("salt")),
                document.getString("previous_hash"),
                document.getString("hash"));
    }

    private String protect(String id, String field, Object value) {
        return SensitiveScalar.encrypt(cipher, value, new FieldContext(COLLECTION, id, field));
    }

    private Object reveal(String id, String field, Object stored) {
        return SensitiveScalar.decrypt(cipher, stored, new FieldContext(COLLECTION, id, field));
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
