package io.playerbase.application.wallet;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.wallet.Amount;
import io.playerbase.domain.wallet.Ledger;
import io.playerbase.domain.wallet.LedgerEntry;
import io.playerbase.domain.wallet.Movement;
import io.playerbase.domain.wallet.OperationId;
import io.playerbase.domain.wallet.TransactionKind;
import io.playerbase.domain.wallet.TransactionSource;
import io.playerbase.domain.wallet.Wallet;

import java.time.Instant;
import java.util.Objects;

/**
 * One kind of money movement, applied by {@link MoneyMovements}: each case carries its rule (what it
 * does to the wallet), its retry test (whether an existing entry with its operation id is the same
 * request) and the audit action it records. Other modules of the application (purchases,
 * subscriptions, referrals) move money with their own cases; adapters cannot reach this type.
 */
public sealed interface WalletOperation {

    UserId userId();

    Movement movement();

    default OperationId operationId() {
        return movement().operationId();
    }

    default Actor actor() {
        return movement().actor();
    }

    /**
     * Applies the movement to the wallet and returns the new entry; throws when a rule forbids it. The
     * wallet's earlier entries are all in the ledger here ({@link MoneyMovements#load} records any
     * unrecorded one first).
     */
    LedgerEntry applyTo(Wallet wallet, Ledger ledger, Instant now);

    /** Whether an existing entry with this operation id is this same request, retried. */
    boolean isRetryOf(LedgerEntry earlier);

    /** e.g. {@code wallet.credited} */
    String auditAction();

    /** Money in. */
    record Credit(UserId userId, Amount amount, Movement movement) implements WalletOperation {
        public Credit {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(movement, "movement");
        }

        @Override
        public LedgerEntry applyTo(Wallet wallet, Ledger ledger, Instant now) {
            return wallet.credit(amount, movement, now);
        }

        @Override
        public boolean isRetryOf(LedgerEntry earlier) {
            return earlier.sameMovement(TransactionKind.CREDIT, amount, movement);
        }

        @Override
        public String auditAction() {
            return "wallet.credited";
        }
    }

    /** Money out, never below zero. */
    record Debit(UserId userId, Amount amount, Movement movement) implements WalletOperation {
        public Debit {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(movement, "movement");
        }

        @Override
        public LedgerEntry applyTo(Wallet wallet, Ledger ledger, Instant now) {
            return wallet.debit(amount, movement, now);
        }

        @Override
        public boolean isRetryOf(LedgerEntry earlier) {
            return earlier.sameMovement(TransactionKind.DEBIT, amount, movement);
        }

        @Override
        public String auditAction() {
            return "wallet.debited";
        }
    }

    /**
     * Undoes an earlier credit or debit once: its operation id derives from the original's
     * ({@link OperationId#reversal()}), so asking again finds the existing reversal.
     */
    record Reversal(UserId userId, OperationId original, Movement movement) implements WalletOperation {
        public Reversal {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(original, "original");
            Objects.requireNonNull(movement, "movement");
            if (!movement.operationId().equals(original.reversal())) {
                throw new IllegalArgumentException("a reversal's operation id derives from the original's");
            }
        }

        @Override
        public LedgerEntry applyTo(Wallet wallet, Ledger ledger, Instant now) {
            LedgerEntry entry = ledger.findByOperation(userId, original)
                    .orElseThrow(() -> new NotFound("transaction-not-found", "This wallet has no such operation"));
            return wallet.reverse(entry, movement, now);
        }

        @Override
        public boolean isRetryOf(LedgerEntry earlier) {
            return earlier.kind() == TransactionKind.REVERSAL && earlier.reverses().operationId().equals(original);
        }

        @Override
        public String auditAction() {
            return "wallet.reversed";
        }
    }

    /** The credits of a verified store purchase; the operation id derives from the store transaction. */
    record PurchaseGrant(UserId userId, Amount amount, Movement movement) implements WalletOperation {
        public PurchaseGrant {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(movement, "movement");
            if (movement.source() != TransactionSource.PURCHASE) {
                throw new IllegalArgumentException("a purchase grant has the source purchase");
            }
        }

        @Override
        public LedgerEntry applyTo(Wallet wallet, Ledger ledger, Instant now) {
            return wallet.credit(amount, movement, now);
        }

        @Override
        public boolean isRetryOf(LedgerEntry earlier) {
            return earlier.sameMovement(TransactionKind.CREDIT, amount, movement);
        }

        @Override
        public String auditAction() {
            return "wallet.purchase_granted";
        }
    }

    /**
     * The credits one paid period of a subscription earns (docs/subscriptions.md): the operation id
     * derives from the store transaction that paid the period, so however often a renewal is reported,
     * by however many instances, it is credited once. Its refund is a {@link PurchaseRefund}.
     */
    record SubscriptionCredit(UserId userId, Amount amount, Movement movement) implements WalletOperation {
        public SubscriptionCredit {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(movement, "movement");
            if (movement.source() != TransactionSource.PURCHASE) {
                throw new IllegalArgumentException("a subscription's credits have the source purchase");
            }
        }

        @Override
        public LedgerEntry applyTo(Wallet wallet, Ledger ledger, Instant now) {
            return wallet.credit(amount, movement, now);
        }

        @Override
        public boolean isRetryOf(LedgerEntry earlier) {
            return earlier.sameMovement(TransactionKind.CREDIT, amount, movement);
        }

        @Override
        public String auditAction() {
            return "wallet.subscription_credited";
        }
    }

    /**
     * A referral reward (docs/referrals.md): the operation id derives from the referral and the side, so
     * a retry, a duplicate or the recovery pass pays it once. Reversed only by the referral module.
     */
    record ReferralReward(UserId userId, Amount amount, Movement movement) implements WalletOperation {
        public ReferralReward {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(movement, "movement");
            if (movement.source() != TransactionSource.REFERRAL) {
                throw new IllegalArgumentException("a referral reward has the source referral");
            }
        }

        @Override
        public LedgerEntry applyTo(Wallet wallet, Ledger ledger, Instant now) {
            return wallet.credit(amount, movement, now);
        }

        @Override
        public boolean isRetryOf(LedgerEntry earlier) {
            return earlier.sameMovement(TransactionKind.CREDIT, amount, movement);
        }

        @Override
        public String auditAction() {
            return "wallet.referral_rewarded";
        }
    }

    /**
     * Takes a refunded purchase's credits back, by the debt rule: the whole amount is recorded as owed
     * (a {@code debt} entry), and {@link MoneyMovements} settles at once what the balance holds.
     */
    record PurchaseRefund(UserId userId, Amount amount, Movement movement) implements WalletOperation {
        public PurchaseRefund {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(movement, "movement");
            if (movement.source() != TransactionSource.PURCHASE) {
                throw new IllegalArgumentException("a purchase refund has the source purchase");
            }
        }

        @Override
        public LedgerEntry applyTo(Wallet wallet, Ledger ledger, Instant now) {
            return wallet.owe(amount, movement, now);
        }

        @Override
        public boolean isRetryOf(LedgerEntry earlier) {
            return earlier.sameMovement(TransactionKind.DEBT, amount, movement);
        }

        @Override
        public String auditAction() {
            return "wallet.purchase_refunded";
        }
    }

    /**
     * Pays debt from the balance right after the operation {@code after} left both (a refund, a credit
     * to a wallet in debt): one settlement per triggering operation.
     */
    record DebtSettlement(UserId userId, Movement movement) implements WalletOperation {
        public DebtSettlement {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(movement, "movement");
        }

        static DebtSettlement after(WalletOperation trigger) {
            String id = "debt-settlement:" + trigger.operationId().value();
            OperationId operationId = new OperationId(id.length() <= OperationId.MAX_LENGTH ? id
                    : id.substring(0, OperationId.MAX_LENGTH));
            return new DebtSettlement(trigger.userId(), new Movement(operationId, Wallet.DEBT_SETTLEMENT, null,
                    TransactionSource.SYSTEM, Actor.system(trigger.actor().requestId())));
        }

        @Override
        public LedgerEntry applyTo(Wallet wallet, Ledger ledger, Instant now) {
            return wallet.settleDebt(movement, now);
        }

        @Override
        public boolean isRetryOf(LedgerEntry earlier) {
            return earlier.kind() == TransactionKind.DEBIT && earlier.reason().equals(Wallet.DEBT_SETTLEMENT);
        }

        @Override
        public String auditAction() {
            return "wallet.debt_settled";
        }
    }
}
