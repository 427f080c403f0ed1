package io.playerbase.adapters.mongo.wallet;

import io.micronaut.context.annotation.Value;
import io.playerbase.adapters.mongo.support.UnreadableValues;
import io.playerbase.adapters.mongo.user.SensitiveFields;
import io.playerbase.adapters.mongo.user.SensitiveScalar;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.FieldCipher.FieldContext;
import io.playerbase.domain.shared.StoredDataUnreadable;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.wallet.Currency;
import io.playerbase.domain.wallet.LedgerEntry;
import io.playerbase.domain.wallet.TransactionKind;
import io.playerbase.domain.wallet.Wallet;
import jakarta.inject.Singleton;
import org.bson.Document;

import java.util.Date;

/**
 * Maps {@code modules.wallet} of a user document to a {@link Wallet} and back. The fields the registry
 * defines ({@code balance} (encrypted as {@code n:<decimal>}), {@code currency}, {@code updated_at}) are
 * joined by the wallet's bookkeeping, '_'-prefixed so the account's views leave it out:
 * {@code _version}, {@code _sequence}, {@code _head_hash}, {@code _opening_balance} (encrypted) and
 * {@code _pending} (the unrecorded ledger entry) and {@code _debt} (encrypted; absent while nothing is owed). Wallets written before the ledger existed lack them:
 * version 0, no entries, and their balance is the opening balance.
 */
@Singleton
final class WalletDocumentMapper {

    static final String PATH = "modules.wallet";
    static final String BALANCE = "balance";
    static final String VERSION = "_version";
    static final String SEQUENCE = "_sequence";
    static final String HEAD_HASH = "_head_hash";
    static final String OPENING_BALANCE = "_opening_balance";
    static final String PENDING = "_pending";
    static final String DEBT = "_debt";

    private final FieldCipher cipher;
    private final UnreadableValues unreadable;
    private final SensitiveFields sensitive;
    private final LedgerDocumentMapper entries;
    private final Currency defaultCurrency;

    WalletDocumentMapper(FieldCipher cipher, SensitiveFields sensitive, LedgerDocumentMapper entries,
                         @Value("${playerbase.wallet.default-currency:CREDITS}") String defaultCurrency,
                         UnreadableValues unreadable) {
        this.unreadable = unreadable;
        this.cipher = cipher;
        this.sensitive = sensitive;
        this.entries = entries;
        this.defaultCurrency = new Currency(defaultCurrency);
    }

    /** @param user the user document, at least {@code _id}, {@code status} and {@code modules.wallet} */
    Wallet toDomain(Document user) {
        String id = user.getObjectId("_id").toHexString();
        Document modules = user.get("modules", Document.class);
        Document wallet = modules == null ? null : modules.get("wallet") instanceof Document doc ? doc : null;
        boolean closed = "deleted".equals(user.getString("status"));
        if (wallet == null) {
            return Wallet.restore(Wallet.StoredState.withoutEntries(new UserId(id), defaultCurrency, 0, closed));
        }
        long balance = amount(id, BALANCE, wallet.get(BALANCE));
        long sequence = wallet.get(SEQUENCE) instanceof Number number ? number.longValue() : 0;
        Object opening = wallet.get(OPENING_BALANCE);
        Document pending = wallet.get(PENDING, Document.class);
        return Wallet.restore(new Wallet.StoredState(new UserId(id),
                wallet.get("currency") instanceof String code ? new Currency(code) : defaultCurrency,
                balance,
                wallet.get(DEBT) == null ? 0 : amount(id, DEBT, wallet.get(DEBT)),
                opening == null ? (sequence == 0 ? balance : 0) : amount(id, OPENING_BALANCE, opening),
                sequence,
                wallet.get(HEAD_HASH) instanceof String hash ? hash : LedgerEntry.GENESIS_HASH,
                wallet.get(VERSION) instanceof Number number ? number.longValue() : 0,
                wallet.get("updated_at") instanceof Date date ? date.toInstant() : null,
                closed,
                pending == null ? null : entries.toDomain(pending)));
    }

    /** The fields one committed operation sets, by name under {@code modules.wallet}. */
    Document changedFields(Wallet wallet, long newVersion) {
        String id = wallet.owner().value();
        LedgerEntry entry = wallet.unrecordedEntry()
                .orElseThrow(() -> new IllegalArgumentException("a commit carries the new ledger entry"));
        Document fields = new Document()
                .append(BALANCE, protect(id, BALANCE, wallet.balance()))
                .append("currency", wallet.currency().code())
                .append("updated_at", Date.from(wallet.updatedAt()))
                .append(VERSION, newVersion)
                .append(SEQUENCE, wallet.sequence())
                .append(HEAD_HASH, wallet.headHash())
                .append(PENDING, entries.toDocument(entry));
        if (changesDebt(entry)) {
            fields.append(DEBT, SensitiveScalar.encrypt(cipher, wallet.debt(), context(id, DEBT)));
        }
        if (wallet.version() == 0) {
            fields.append(OPENING_BALANCE, SensitiveScalar.encrypt(cipher, wallet.openingBalance(), context(id, OPENING_BALANCE)));
        }
        return fields;
    }

    private static boolean changesDebt(LedgerEntry entry) {
        return entry.kind() == TransactionKind.DEBT
                || (entry.kind() == TransactionKind.DEBIT && entry.reason().equals(Wallet.DEBT_SETTLEMENT));
    }

    private Object protect(String id, String field, long value) {
        return sensitive.contains(PATH + "." + field) ? SensitiveScalar.encrypt(cipher, value, context(id, field)) : value;
    }

    /**
     * A stored amount: ciphertext, or what an older system wrote in clear (a number, or digits as text).
     * One that cannot be read (a ciphertext that fails authentication, another type) is reported and stops
     * the operation with {@link StoredDataUnreadable}: never guess a balance and move money on a wrong base.
     */
    private long amount(String id, String field, Object stored) {
        Object value;
        try {
            value = SensitiveScalar.decrypt(cipher, stored, context(id, field));
        } catch (FieldCipher.CipherFailure e) {
            throw unreadable(id, field, e.getMessage());
        }
        if (value == null) {
            return 0;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text && text.strip().matches("-?\\d{1,18}")) {
            return Long.parseLong(text.strip());
        }
        throw unreadable(id, field, "not an amount: stored as " + value.getClass().getSimpleName());
    }

    private StoredDataUnreadable unreadable(String id, String field, String reason) {
        unreadable.report("users", id, PATH + "." + field, reason);
        return new StoredDataUnreadable(PATH + "." + field);
    }

    private static FieldContext context(String userId, String field) {
        return new FieldContext("users", userId, PATH + "." + field);
    }
}
