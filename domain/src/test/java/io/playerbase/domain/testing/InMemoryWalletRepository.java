package io.playerbase.domain.testing;

import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.wallet.Currency;
import io.playerbase.domain.wallet.Wallet;
import io.playerbase.domain.wallet.WalletRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory {@link WalletRepository} with the Mongo adapter's observable rules: wallets exist only for
 * known users, commits are conditional on the wallet's version and refused for deleted accounts, each
 * commit stores its audit entry with it.
 */
public final class InMemoryWalletRepository implements WalletRepository {

    public static final Currency CREDITS = new Currency("CREDITS");

    private final Map<UserId, Wallet> wallets = new ConcurrentHashMap<>();
    private final Map<UserId, Boolean> deleted = new ConcurrentHashMap<>();
    private final List<AuditEntry> audit = new ArrayList<>();

    /** A user with an empty wallet (or one holding {@code balance} from before the ledger existed). */
    public UserId addUser(long balance) {
        UserId id = UserId.newId(Instant.now());
        wallets.put(id, Wallet.open(id, CREDITS, balance));
        return id;
    }

    public UserId addUser() {
        return addUser(0);
    }

    public void deleteAccount(UserId id) {
        deleted.put(id, Boolean.TRUE);
    }

    @Override
    public Optional<Wallet> find(UserId userId) {
        Wallet stored = wallets.get(userId);
        if (stored == null) {
            return Optional.empty();
        }
        return Optional.of(copy(stored, deleted.containsKey(userId)));
    }

    @Override
    public synchronized void commit(Wallet wallet, AuditEntry entry) {
        Wallet current = wallets.get(wallet.owner());
        if (current == null || current.version() != wallet.version() || deleted.containsKey(wallet.owner())) {
            throw Conflict.stale("Wallet");
        }
        long next = wallet.version() + 1;
        wallet.markStored(next);
        wallets.put(wallet.owner(), copy(wallet, false));
        audit.add(entry);
    }

    @Override
    public synchronized void markRecorded(UserId userId, long sequence) {
        Wallet current = wallets.get(userId);
        if (current != null && current.unrecordedEntry().map(entry -> entry.sequence() == sequence).orElse(false)) {
            wallets.put(userId, Wallet.restore(current.storedState().closed(false).recorded()));
        }
    }

    @Override
    public List<UserId> withUnrecordedEntries(int limit) {
        return wallets.values().stream().filter(wallet -> wallet.unrecordedEntry().isPresent())
                .map(Wallet::owner).limit(limit).toList();
    }

    /** Replaces the stored state, e.g. to simulate tampering. */
    public void overwrite(Wallet wallet) {
        wallets.put(wallet.owner(), copy(wallet, false));
    }

    public synchronized List<AuditEntry> auditEntries() {
        return List.copyOf(audit);
    }

    private static Wallet copy(Wallet wallet, boolean closed) {
        return Wallet.restore(wallet.storedState().closed(closed));
    }
}
