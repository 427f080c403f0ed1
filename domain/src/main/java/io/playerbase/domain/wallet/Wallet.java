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
 *
 * <p>{@code debt} is what the owner owes after a refund took back credits that were already spent
 * (docs/purchases.md, "the debt rule"). It never makes the balance negative: it is recorded with a
 * {@code debt} entry that leaves the balance as it is, money out may not dip into what is owed, and
 * the next credits repay it first through {@link #settleDebt} entries.
 */
public final class Wallet {

    /** Far above any real balance and far below {@link Long#MAX_VALUE}: no sum of amounts can overflow. */
    public static final long MAX_BALANCE = 1_000_000_000_000_000L;
    /** The reason of the entries that pay debt back from the balance. */
    public static final ReasonCode DEBT_SETTLEMENT = new ReasonCode("debt_settlement");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserId owner;
    private final Currency currency;
    private final long openingBalance;
    private final boolean closed;
    private long balance;
    private long debt;
    private long sequence;
    private String headHash;
    private long version;
    private Instant updatedAt;
    private LedgerEntry unrecorded;

    private Wallet(UserId owner, Currency currency, long balance, long debt, long openingBalance, long sequence,
                   String headHash, long version, Instant updatedAt, boolean closed, LedgerEntry unrecorded) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.currency = Objects.requireNonNull(currency, "currency");
        this.balance = balance;
        this.debt = debt;
        this.openingBalance = openingBalance;
        this.sequence = sequence;
        this.headHash = Objects.requireNonNull(headHash, "headHash");
        this.version = version;
        this.updatedAt = updatedAt;
        this.closed = closed;
        this.unrecorded = unrecorded;
        if (debt < 0) {
            throw new IllegalArgumentException("debt cannot be negative");
        }
        if (unrecorded != null && unrecorded.sequence() != sequence) {
            throw new IllegalArgumentException("the unrecorded entry must be the newest one");
        }
    }

    /** A wallet without any entry yet. */
    public static Wallet open(UserId owner, Currency currency, long balance) {
        return new Wallet(owner, currency, balance, 0, balance, 0, LedgerEntry.GENESIS_HASH, 0, null, false, null);
    }

    /** Rebuilds a stored wallet; used by adapters only. */
    public static Wallet restore(StoredState state) {
        return new Wallet(state.owner(), state.currency(), state.balance(), state.debt(), state.openingBalance(),
                state.sequence(), state.headHash(), state.version(), state.updatedAt(), state.closed(), state.unrecorded());
    }

    /** What an adapter stores of a wallet, and gives back to {@link #restore}. */
    public StoredState storedState() {
        return new StoredState(owner, currency, balance, debt, openingBalance, sequence, headHash, version, updatedAt,
                closed, unrecorded);
    }

    /**
     * A wallet as stored.
     *
     * @param debt           what the owner owes (0 for nearly every wallet)
     * @param openingBalance the balance before the first ledger entry
     * @param sequence       the sequence number of the newest entry, 0 for none
     * @param headHash       the hash of the newest entry, {@link LedgerEntry#GENESIS_HASH} for none
     * @param version        the wallet's optimistic-concurrency version
     * @param updatedAt      when the balance last changed, {@code null} if it never did
     * @param closed         the owner's account is deleted: no more money moves
     * @param unrecorded     the newest entry when the ledger may not hold it yet, else {@code null}
     */
    public record StoredState(UserId owner, Currency currency, long balance, long debt, long openingBalance,
                              long sequence, String headHash, long version, Instant updatedAt, boolean closed,
                              LedgerEntry unrecorded) {

        /** A wallet stored before it had any entry (or before the ledger existed), holding {@code balance}. */
        public static StoredState withoutEntries(UserId owner, Currency currency, long balance, boolean closed) {
            return new StoredState(owner, currency, balance, 0, balance, 0, LedgerEntry.GENESIS_HASH, 0, null, closed,
                    null);
        }

        public StoredState closed(boolean isClosed) {
            return new StoredState(owner, currency, balance, debt, openingBalance, sequence, headHash, version,
                    updatedAt, isClosed, unrecorded);
        }

        public StoredState recorded() {
            return new StoredState(owner, currency, balance, debt, openingBalance, sequence, headHash, version,
                    updatedAt, closed, null);
        }
    }

    public LedgerEntry credit(Amount amount, Movement movement, Instant now) {
        return append(TransactionKind.CREDIT, amount, null, movement, now, 0);
    }

    /**
     * Takes money out; refuses with {@code insufficient-funds} rather than going below zero or into
     * what the owner owes.
     */
    public LedgerEntry debit(Amount amount, Movement movement, Instant now) {
        return append(TransactionKind.DEBIT, amount, null, movement, now, 0);
    }

    /**
     * Records that the owner owes {@code amount} (a refund of credits that were already spent): a
     * {@code debt} entry that leaves the balance as it is. {@link #settleDebt} then pays what the
     * balance allows.
     */
    public LedgerEntry owe(Amount amount, Movement movement, Instant now) {
        if (debt + amount.minorUnits() > MAX_BALANCE) {
            throw new RuleViolation("balance-limit-exceeded", "The debt would exceed " + MAX_BALANCE);
        }
        return append(TransactionKind.DEBT, amount, null, movement, now, amount.minorUnits());
    }

    /** Whether {@link #settleDebt} has something to do: debt is owed and the balance holds money. */
    public boolean canSettleDebt() {
        return debt > 0 && balance > 0;
    }

    /** Pays debt from the balance, as much as both allow, with a debit of reason {@link #DEBT_SETTLEMENT}. */
    public LedgerEntry settleDebt(Movement movement, Instant now) {
        if (!canSettleDebt()) {
            throw new RuleViolation("no-debt-to-settle", "The wallet owes nothing or holds nothing to pay it with");
        }
        if (!movement.reason().equals(DEBT_SETTLEMENT)) {
            throw new IllegalArgumentException("a settlement has the reason " + DEBT_SETTLEMENT.value());
        }
        long paid = Math.min(balance, debt);
        return append(TransactionKind.DEBIT, new Amount(paid), null, movement, now, -paid);
    }

    /**
     * Undoes an earlier credit or debit of this wallet with a compensating entry of the same amount.
     * Reversing a credit takes the money back out, so it needs the funds like a debit.
     */
    public LedgerEntry reverse(LedgerEntry original, Movement movement, Instant now) {
        if (!original.userId().equals(owner)) {
            throw new IllegalArgumentException("the entry belongs to another wallet");
        }
        if (original.kind() != TransactionKind.CREDIT && original.kind() != TransactionKind.DEBIT) {
            throw new RuleViolation("not-reversible", "Only a credit or a debit can be reversed");
        }
        if (original.source() == TransactionSource.PURCHASE || original.reason().equals(DEBT_SETTLEMENT)) {
            // A purchase is undone by refunding it, which also keeps the purchase record right.
            throw new RuleViolation("not-reversible", "Purchase grants and debt settlements are not reversed by hand; "
                    + "refund the purchase instead");
        }
        if (original.source() == TransactionSource.REFERRAL && movement.source() != TransactionSource.REFERRAL) {
            // The referral module reverses its rewards itself, which keeps the referral and rewards_earned right.
            throw new RuleViolation("not-reversible", "Referral rewards are reversed through their referral "
                    + "(POST /api/v1/admin/referrals/{id}/reversals)");
        }
        return append(TransactionKind.REVERSAL, original.amount(),
                new LedgerEntry.Reversal(original.operationId(), original.kind()), movement, now, 0);
    }

    private LedgerEntry append(TransactionKind kind, Amount amount, LedgerEntry.Reversal reverses, Movement movement,
                               Instant now, long debtChange) {
        if (closed) {
            throw new RuleViolation("account-deleted", "The account is deleted; its wallet is closed");
        }
        long signed = LedgerEntry.signedAmount(kind, amount, reverses);
        long after = balance + signed;
        if (after < 0 || (signed < 0 && debtChange == 0 && after < debt)) {
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
        debt += debtChange;
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
    /** What the owner owes; money out cannot dip into it. */
    public long debt() { return debt; }
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
