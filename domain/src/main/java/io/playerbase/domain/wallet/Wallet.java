package io.playerbase.domain.wallet;

import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A player's wallet: one currency, a balance in minor units that never goes below zero, and the head
 * of its ledger (the sequence number and hash of its last entry). Every change appends exactly one
 * {@link LedgerEntry}; the wallet keeps the newest entry as {@linkplain #unrecordedEntry() unrecorded}
 * until the ledger holds it, so a balance never exists without its entry.
 *
 * <p>{@code openingBalance} is the balance the wallet had before its first ledger entry (0 for wallets
 * created by Playerbase; whatever an older system left otherwise), so the ledger always explains the
 * balance: opening balance + the entries' signed amounts = balance.
 *
 * <p>{@code version} is the wallet's own optimistic-concurrency version, separate from the account's.
 */
public final class Wallet {

    /** Far above any real balance and far below {@link Long#MAX_VALUE}: no sum of amounts can overflow. */
    public static final long MAX_BALANCE = 1_000_000_000_000_000L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserId owner;
    private final Currency currency;
    private final long openingBalance;
    private final boolean closed;
    private long balance;
    private long sequence;
    private String headHash;
    private long version;
    private Instant updatedAt;
    private LedgerEntry unrecorded;

    private Wallet(UserId owner, Currency currency, long balance, long openingBalance, long sequence, String headHash,
                   long version, Instant updatedAt, boolean closed, LedgerEntry unrecorded) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.currency = Objects.requireNonNull(currency, "currency");
        this.balance = balance;
        this.openingBalance = openingBalance;
        this.sequence = sequence;
        this.headHash = Objects.requireNonNull(headHash, "headHash");
        this.version = version;
        this.updatedAt = updatedAt;
        this.closed = closed;
        this.unrecorded = unrecorded;
        if (unrecorded != null && unrecorded.sequence() != sequence) {
            throw new IllegalArgumentException("the unrecorded entry must be the newest one");
        }
    }

    /** A wallet without any entry yet. */
    public static Wallet open(UserId owner, Currency currency, long balance) {
        return new Wallet(owner, currency, balance, balance, 0, LedgerEntry.GENESIS_HASH, 0, null, false, null);
    }

    /** Rebuilds a stored wallet; used by adapters only. */
    public static Wallet restore(StoredState state) {
        return new Wallet(state.owner(), state.currency(), state.balance(), state.openingBalance(), state.sequence(),
                state.headHash(), state.version(), state.updatedAt(), state.closed(), state.unrecorded());
    }

    /** What an adapter stores of a wallet, and gives back to {@link #restore}. */
    public StoredState storedState() {
        return new StoredState(owner, currency, balance, openingBalance, sequence, headHash, version, updatedAt, closed,
                unrecorded);
    }

    /**
     * A wallet as stored.
     *
     * @param openingBalance the balance before the first ledger entry
     * @param sequence       the sequence number of the newest entry, 0 for none
     * @param headHash       the hash of the newest entry, {@link LedgerEntry#GENESIS_HASH} for none
     * @param version        the wallet's optimistic-concurrency version
     * @param updatedAt      when the balance last changed, {@code null} if it never did
     * @param closed         the owner's account is deleted: no more money moves
     * @param unrecorded     the newest entry when the ledger may not hold it yet, else {@code null}
     */
    public record StoredState(UserId owner, Currency currency, long balance, long openingBalance, long sequence,
                              String headHash, long version, Instant updatedAt, boolean closed,
                              LedgerEntry unrecorded) {

        /** A wallet stored before it had any entry (or before the ledger existed), holding {@code balance}. */
        public static StoredState withoutEntries(UserId owner, Currency currency, long balance, boolean closed) {
            return new StoredState(owner, currency, balance, balance, 0, LedgerEntry.GENESIS_HASH, 0, null, closed, null);
        }

        public StoredState closed(boolean isClosed) {
            return new StoredState(owner, currency, balance, openingBalance, sequence, headHash, version, updatedAt,
                    isClosed, unrecorded);
        }

        public StoredState recorded() {
            return new StoredState(owner, currency, balance, openingBalance, sequence, headHash, version, updatedAt,
                    closed, null);
        }
    }

    public LedgerEntry credit(Amount amount, Movement movement, Instant now) {
        return append(TransactionKind.CREDIT, amount, null, movement, now);
    }

    /** Takes money out; refuses with {@code insufficient-funds} rather than going below zero. */
    public LedgerEntry debit(Amount amount, Movement movement, Instant now) {
        return append(TransactionKind.DEBIT, amount, null, movement, now);
    }

    /**
     * Undoes an earlier credit or debit of this wallet with a compensating entry of the same amount.
     * Reversing a credit takes the money back out, so it needs the funds like a debit.
     */
    public LedgerEntry reverse(LedgerEntry original, Movement movement, Instant now) {
        if (!original.userId().equals(owner)) {
            throw new IllegalArgumentException("the entry belongs to another wallet");
        }
        if (original.kind() == TransactionKind.REVERSAL) {
            throw new RuleViolation("not-reversible", "A reversal cannot be reversed");
        }
        return append(TransactionKind.REVERSAL, original.amount(),
                new LedgerEntry.Reversal(original.operationId(), original.kind()), movement, now);
    }

    private LedgerEntry append(TransactionKind kind, Amount amount, LedgerEntry.Reversal reverses, Movement movement,
                               Instant now) {
        if (closed) {
            throw new RuleViolation("account-deleted", "The account is deleted; its wallet is closed");
        }
        long after = balance + LedgerEntry.signedAmount(kind, amount, reverses);
        if (after < 0) {
            throw new RuleViolation("insufficient-funds", "The wallet does not hold enough funds for this debit");
        }
        if (after > MAX_BALANCE) {
            throw new RuleViolation("balance-limit-exceeded", "The balance would exceed " + MAX_BALANCE);
        }
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        TransactionId id = TransactionId.newId(at);
        long next = sequence + 1;
        String salt = newSalt();
        String hash = LedgerEntry.hash(id, owner, next, movement.operationId(), kind, amount, after, currency,
                movement.reason(), movement.description(), movement.source(), movement.actor(), reverses, at, salt,
                headHash);
        LedgerEntry entry = new LedgerEntry(id, owner, next, movement.operationId(), kind, amount, after, currency,
                movement.reason(), movement.description(), movement.source(), movement.actor(), reverses, at, salt,
                headHash, hash);
        balance = after;
        sequence = next;
        headHash = hash;
        updatedAt = at;
        unrecorded = entry;
        return entry;
    }

    /** Called by the repository adapter after a successful write. */
    public void markStored(long newVersion) {
        this.version = newVersion;
    }

    private static String newSalt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return HexFormat.of().formatHex(salt);
    }

    public UserId owner() { return owner; }
    public Currency currency() { return currency; }
    public long balance() { return balance; }
    public long openingBalance() { return openingBalance; }
    public long sequence() { return sequence; }
    public String headHash() { return headHash; }
    public long version() { return version; }
    /** When the balance last changed; {@code null} for a wallet that never changed. */
    public Instant updatedAt() { return updatedAt; }
    public boolean closed() { return closed; }
    /** The newest entry while the ledger may not hold it yet. */
    public Optional<LedgerEntry> unrecordedEntry() { return Optional.ofNullable(unrecorded); }
}
