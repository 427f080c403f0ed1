package io.playerbase.domain.wallet;

import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;

import java.util.List;
import java.util.Optional;

/**
 * Outgoing port for the wallet state of a user ({@code modules.wallet} of the user document). Writes
 * are single-document and conditional, so they need no transaction:
 * <ol>
 *   <li>{@link #commit} stores the new balance and ledger head <em>together with</em> the new entry
 *       (as the wallet's unrecorded entry) and the audit entry, if the wallet is still at the version
 *       it was read at;</li>
 *   <li>the entry is then copied to the {@link Ledger};</li>
 *   <li>{@link #markRecorded} drops the unrecorded entry.</li>
 * </ol>
 * A crash after 1 leaves the entry in the wallet; the next operation on the wallet or the recovery
 * pass ({@link #withUnrecordedEntries}) completes 2 and 3.
 */
public interface WalletRepository {

    /**
     * The wallet of a user: an empty wallet in the default currency when the user has none yet (a
     * user written before the wallet module existed). Empty when there is no such user.
     */
    Optional<Wallet> find(UserId userId);

    /**
     * Stores a wallet changed by one operation, its {@linkplain Wallet#unrecordedEntry() new entry} and
     * the audit entry in one atomic write, if nobody changed the wallet since it was read
     * ({@link Wallet#version()}) and the account is not deleted; otherwise throws
     * {@link io.playerbase.domain.shared.Conflict#stale}. Afterwards the wallet carries the new version.
     */
    void commit(Wallet wallet, AuditEntry audit);

    /** Forgets the unrecorded entry with this sequence number, once the ledger holds it; no-op otherwise. */
    void markRecorded(UserId userId, long sequence);

    /** Users whose wallet holds an unrecorded entry (a crash, or an operation in progress). */
    List<UserId> withUnrecordedEntries(int limit);
}
