package io.playerbase.domain.subscription;

import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.subscription.SubscriptionPeriod.CreditState;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One store subscription (collection {@code subscriptions}): one per App Store original transaction,
 * per Google Play purchase-token chain, per test-store purchase. It follows what its store says
 * (docs/subscriptions.md has the state machine as a table):
 * <ul>
 *   <li>{@link #observe} applies a {@link StoreView} only if it is newer, by the store's own time,
 *       than the last one applied: repeated and out-of-order notifications converge to the store's
 *       latest word. A view of an older period (a refund of last month's renewal) or of a token the
 *       chain has moved past changes no status.</li>
 *   <li>Every paid period the store reports is noted once, with the credits it earns; its refund
 *       takes them back once (a period refunded before it was credited moves nothing), and a refund
 *       the store reverses credits it again in a new round. Refunds and reversals of a period are
 *       applied in the store's time order too: the latest word on the period wins.</li>
 *   <li>Premium is never stored: {@link #premiumAt} derives it from the status and the clock, so a
 *       period that ended is over at once, with or without a notification or the sweep.</li>
 *   <li>Its owner is the account that first claimed one of its purchases; it may exist without one
 *       (a notification that came first) and gets it when the purchase arrives.</li>
 * </ul>
 */
public final class Subscription {

    /** History entries kept (newest); the store's notifications stay in {@code store_notifications} anyway. */
    public static final int MAX_HISTORY = 500;
    /** Periods kept: all with money still to move, and the newest settled ones up to this many in all. */
    public static final int MAX_PERIODS = 400;

    private final SubscriptionKey key;
    private final Instant createdAt;
    private final List<String> tokens;
    private final List<SubscriptionPeriod> periods;
    private final List<SubscriptionChange> history;
    private UserId owner;
    private String sourcePurchaseId;
    private String plan;
    private String sku;
    private String environment;
    private SubscriptionStatus status;
    private Instant startedAt;
    private Instant expiresAt;
    private Instant graceUntil;
    private Instant resumesAt;
    private Boolean autoRenew;
    private Instant revokedAt;
    private String revocationReason;
    private Instant storeTime;
    private String latestTransactionId;
    private Instant latestPeriodEnd;
    private String currentToken;
    private boolean copyPending;
    private Instant updatedAt;
    private long version;

    private Subscription(StoredState s) {
        this.key = Objects.requireNonNull(s.key(), "key");
        this.createdAt = Objects.requireNonNull(s.createdAt(), "createdAt");
        this.tokens = new ArrayList<>(s.tokens());
        this.periods = new ArrayList<>(s.periods());
        this.history = new ArrayList<>(s.history());
        this.owner = s.owner();
        this.sourcePurchaseId = s.sourcePurchaseId();
        this.plan = s.plan();
        this.sku = s.sku();
        this.environment = s.environment();
        this.status = Objects.requireNonNull(s.status(), "status");
        this.startedAt = s.startedAt();
        this.expiresAt = s.expiresAt();
        this.graceUntil = s.graceUntil();
        this.resumesAt = s.resumesAt();
        this.autoRenew = s.autoRenew();
        this.revokedAt = s.revokedAt();
        this.revocationReason = s.revocationReason();
        this.storeTime = s.storeTime();
        this.latestTransactionId = s.latestTransactionId();
        this.latestPeriodEnd = s.latestPeriodEnd();
        this.currentToken = s.currentToken();
        this.copyPending = s.copyPending();
        this.updatedAt = Objects.requireNonNull(s.updatedAt(), "updatedAt");
        this.version = s.version();
    }

    /**
     * A subscription nobody claimed yet, status none.
     *
     * @param tokens Google Play: the chain's purchase tokens, oldest first (the first names the chain);
     *               empty for the other stores
     */
    public static Subscription open(SubscriptionKey key, List<String> tokens, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        return new Subscription(new StoredState(key, null, null, null, null, null, SubscriptionStatus.NONE, null, null,
                null, null, null, null, null, null, null, null, null, List.copyOf(tokens), List.of(), List.of(), false,
                at, at, 0));
    }

    /** Rebuilds a stored subscription; used by adapters only. */
    public static Subscription restore(StoredState state) {
        return new Subscription(state);
    }

    public StoredState storedState() {
        return new StoredState(key, owner, sourcePurchaseId, plan, sku, environment, status, startedAt, expiresAt,
                graceUntil, resumesAt, autoRenew, revokedAt, revocationReason, storeTime, latestTransactionId,
                latestPeriodEnd, currentToken, List.copyOf(tokens), List.copyOf(periods), List.copyOf(history),
                copyPending, createdAt, updatedAt, version);
    }

    /**
     * A subscription as stored.
     *
     * @param copyPending the owner's account copy ({@code modules.subscription}) may not show the last change yet
     */
    public record StoredState(SubscriptionKey key, UserId owner, String sourcePurchaseId, String plan, String sku,
                              String environment, SubscriptionStatus status, Instant startedAt, Instant expiresAt,
                              Instant graceUntil, Instant resumesAt, Boolean autoRenew, Instant revokedAt,
                              String revocationReason, Instant storeTime, String latestTransactionId,
                              Instant latestPeriodEnd, String currentToken, List<String> tokens,
                              List<SubscriptionPeriod> periods, List<SubscriptionChange> history, boolean copyPending,
                              Instant createdAt, Instant updatedAt, long version) {
        public StoredState {
            tokens = List.copyOf(tokens);
            periods = List.copyOf(periods);
            history = List.copyOf(history);
        }
    }

    /**
     * Gives the subscription to the account that claimed one of its purchases. The first claimant
     * keeps it: another account is refused ({@code purchase-already-claimed}) and nothing changes.
     *
     * @return whether anything changed
     */
    public boolean attach(UserId claimant, String purchaseId, Instant now) {
        Objects.requireNonNull(claimant, "claimant");
        if (owner != null && !owner.equals(claimant)) {
            throw new Conflict("purchase-already-claimed", "This subscription belongs to another account");
        }
        boolean changed = false;
        if (owner == null) {
            owner = claimant;
            changed = true;
        }
        if (sourcePurchaseId == null && purchaseId != null) {
            sourcePurchaseId = purchaseId;
            changed = true;
        }
        if (changed) {
            touch(now.truncatedTo(ChronoUnit.MILLIS), true);
        }
        return changed;
    }

    /** Google Play: adds the chain's tokens it does not hold yet (oldest first). @return whether any was new */
    public boolean addTokens(List<String> chain, Instant now) {
        boolean changed = false;
        for (String token : chain) {
            if (!tokens.contains(token)) {
                tokens.add(token);
                changed = true;
            }
        }
        if (changed) {
            touch(now.truncatedTo(ChronoUnit.MILLIS), false);
        }
        return changed;
    }

    /**
     * Applies what the store says (see the class comment).
     *
     * @param plan   the catalog's product for the view's SKU, if the catalog has it (its per-period credits)
     * @param source where the view came from, for the history
     * @return whether anything changed
     */
    public boolean observe(StoreView view, Plan plan, String source, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        boolean changed = false;
        if (environment == null && view.environment() != null) {
            environment = view.environment();
            changed = true;
        }
        StoreView.Period period = view.period();
        String refunded = view.refundedTransactionId();
        String reinstated = view.reinstatedTransactionId();
        if (period != null && !period.transactionId().equals(refunded)) {
            changed |= notePeriod(period, plan);
        }
        if (refunded != null) {
            Instant when = view.revokedAt() != null ? view.revokedAt() : view.asOf();
            changed |= refundPeriod(refunded, period != null && period.transactionId().equals(refunded) ? period : null,
                    plan, when, view.asOf());
        } else if (reinstated != null) {
            changed |= reinstatePeriod(reinstated, view.asOf());
        }
        boolean governs = governs(view);
        if (governs) {
            apply(view, plan, source, at);
            changed = true;
        }
        if (changed) {
            touch(at, governs);
        }
        return changed;
    }

    /** Whether the view may change the status and dates: it says something, it is newer, it is about the current period and token. */
    private boolean governs(StoreView view) {
        if (view.state() == StoreView.State.UNCHANGED) {
            return false;
        }
        if (storeTime != null && !view.asOf().isAfter(storeTime)) {
            return false;
        }
        if (view.token() != null && currentToken != null && !view.token().equals(currentToken)
                && tokens.indexOf(view.token()) < tokens.indexOf(currentToken)) {
            return false;
        }
        StoreView.Period period = view.period();
        boolean sameToken = view.token() == null || view.token().equals(currentToken);
        return !(sameToken && period != null && period.endsAt() != null && latestPeriodEnd != null
                && period.endsAt().isBefore(latestPeriodEnd));
    }

    private void apply(StoreView view, Plan plan, String source, Instant at) {
        SubscriptionStatus before = status;
        Instant expiresBefore = expiresAt;
        Instant graceBefore = graceUntil;
        Boolean autoRenewBefore = autoRenew;
        String planBefore = this.plan;
        Instant revokedBefore = revokedAt;
        if (view.sku() != null) {
            boolean sameSku = view.sku().equals(sku);
            sku = view.sku();
            this.plan = plan != null ? plan.productId() : sameSku ? this.plan : null;
        }
        if (view.startedAt() != null && (startedAt == null || view.startedAt().isBefore(startedAt))) {
            startedAt = view.startedAt();
        }
        if (view.expiresAt() != null) {
            expiresAt = view.expiresAt();
        }
        if (view.autoRenew() != null) {
            autoRenew = view.autoRenew();
        }
        if (view.token() != null) {
            currentToken = view.token();
        }
        StoreView.Period period = view.period();
        if (period != null && period.endsAt() != null
                && (latestPeriodEnd == null || !period.endsAt().isBefore(latestPeriodEnd))) {
            latestTransactionId = period.transactionId();
            latestPeriodEnd = period.endsAt();
        }
        storeTime = view.asOf();
        graceUntil = null;
        resumesAt = null;
        if (view.state() != StoreView.State.REVOKED) {
            revokedAt = null;
            revocationReason = null;
        }
        status = switch (view.state()) {
            case PAID -> Boolean.FALSE.equals(autoRenew) ? SubscriptionStatus.CANCELLED : SubscriptionStatus.ACTIVE;
            case GRACE -> {
                graceUntil = view.graceUntil();
                yield SubscriptionStatus.GRACE;
            }
            case ON_HOLD -> SubscriptionStatus.ON_HOLD;
            case PAUSED -> {
                resumesAt = view.resumesAt();
                yield SubscriptionStatus.PAUSED;
            }
            case EXPIRED -> SubscriptionStatus.EXPIRED;
            case REVOKED -> {
                revokedAt = view.revokedAt() != null ? view.revokedAt() : view.asOf();
                revocationReason = view.revocationReason() != null ? view.revocationReason() : "revoke";
                yield SubscriptionStatus.EXPIRED;
            }
            case UNCHANGED -> throw new IllegalStateException("an unchanged view governs nothing");
        };
        if (before != status || !Objects.equals(expiresBefore, expiresAt) || !Objects.equals(graceBefore, graceUntil)
                || !Objects.equals(autoRenewBefore, autoRenew) || !Objects.equals(planBefore, this.plan)
                || !Objects.equals(revokedBefore, revokedAt)) {
            record(new SubscriptionChange(at, view.asOf(), view.event(), source, before, status, expiresAt, graceUntil,
                    autoRenew, this.plan));
        }
    }

    private boolean notePeriod(StoreView.Period period, Plan plan) {
        if (findPeriod(period.transactionId()).isPresent()) {
            return false;
        }
        long credits = period.paid() && plan != null ? plan.creditsPerPeriod() : 0;
        periods.add(new SubscriptionPeriod(period.transactionId(), period.startsAt(), period.endsAt(), credits,
                credits > 0 ? CreditState.DUE : CreditState.NONE, null));
        prunePeriods();
        return true;
    }

    /**
     * The store refunded or revoked a transaction: its period's credits go back once per round; one
     * never credited moves nothing (it keeps the credits it would earn, should the store reverse the
     * refund). Applied only if it is the store's latest word on that period ({@code said}, by the
     * store's time): a refund older than a reversal already applied changes nothing.
     */
    private boolean refundPeriod(String transactionId, StoreView.Period detail, Plan plan, Instant when, Instant said) {
        Instant at = when.truncatedTo(ChronoUnit.MILLIS);
        Optional<SubscriptionPeriod> known = findPeriod(transactionId);
        if (known.isEmpty()) {
            long credits = detail != null && detail.paid() && plan != null ? plan.creditsPerPeriod() : 0;
            periods.add(new SubscriptionPeriod(transactionId, detail == null ? null : detail.startsAt(),
                    detail == null ? null : detail.endsAt(), credits, CreditState.NONE, at, 0, said));
            prunePeriods();
            return true;
        }
        SubscriptionPeriod p = known.get();
        if (p.heardSince(said)) {
            return false;
        }
        SubscriptionPeriod next = switch (p.state()) {
            case DUE, CREDITED -> p.with(CreditState.REFUND_DUE, at);
            case NONE -> p.refunded() ? p : p.with(CreditState.NONE, at);
            case REFUND_DUE, REFUNDED -> p;
        };
        periods.set(periods.indexOf(p), next.heard(said));
        return true;
    }

    /**
     * The store reversed its refund of a transaction (App Store {@code REFUND_REVERSED}): a period whose
     * credits went back is credited again in a new round (operation ids of its own, so this too
     * happens once); one refunded before it was ever credited is credited in the round it is in. Only
     * if it is the store's latest word on that period: a reversal older than a later refund changes nothing.
     */
    private boolean reinstatePeriod(String transactionId, Instant said) {
        Optional<SubscriptionPeriod> known = findPeriod(transactionId);
        if (known.isEmpty() || known.get().heardSince(said)) {
            return false;
        }
        SubscriptionPeriod p = known.get();
        SubscriptionPeriod next = switch (p.state()) {
            case REFUND_DUE, REFUNDED -> p.nextRound(said);
            case NONE -> p.refunded() ? p.with(p.credits() > 0 ? CreditState.DUE : CreditState.NONE, null).heard(said)
                    : p.heard(said);
            case DUE, CREDITED -> p.heard(said);
        };
        periods.set(periods.indexOf(p), next);
        return true;
    }

    /** The stored status catches up with the clock (a period or a grace period ended); premium never waited for it. */
    public boolean tidy(String source, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        SubscriptionStatus next = status.at(at, expiresAt, graceUntil);
        if (next == status) {
            return false;
        }
        SubscriptionStatus before = status;
        status = next;
        if (before == SubscriptionStatus.GRACE) {
            graceUntil = null;
        }
        record(new SubscriptionChange(at, null, "time", source, before, status, expiresAt, graceUntil, autoRenew, plan));
        touch(at, true);
        return true;
    }

    /** Periods whose money is decided but maybe not in the wallet yet; none while nobody owns the subscription. */
    public List<SubscriptionPeriod> walletWork() {
        if (owner == null) {
            return List.of();
        }
        return periods.stream()
                .filter(p -> p.state() == CreditState.DUE || p.state() == CreditState.REFUND_DUE)
                .toList();
    }

    public boolean hasWalletWork() {
        return !walletWork().isEmpty();
    }

    /**
     * The wallet did what the period asked in {@code round}: {@code DUE} → {@code CREDITED},
     * {@code REFUND_DUE} → {@code REFUNDED}. @return false when the period is no longer in {@code from}
     * and {@code round} (someone else finished it, or a refund or a reversal came)
     */
    public boolean walletDone(String transactionId, CreditState from, int round, Instant now) {
        Optional<SubscriptionPeriod> known = findPeriod(transactionId).filter(p -> p.state() == from && p.round() == round);
        if (known.isEmpty()) {
            return false;
        }
        SubscriptionPeriod p = known.get();
        CreditState next = switch (from) {
            case DUE -> CreditState.CREDITED;
            case REFUND_DUE -> CreditState.REFUNDED;
            default -> throw new IllegalArgumentException("no wallet work in state " + from);
        };
        periods.set(periods.indexOf(p), p.with(next, p.refundedAt()));
        touch(now.truncatedTo(ChronoUnit.MILLIS), false);
        return true;
    }

    /**
     * The owner's account copy shows this version (called only for the version the copy was made from).
     * @return whether it was pending
     */
    public boolean copyDone() {
        boolean was = copyPending;
        copyPending = false;
        return was;
    }

    /** Whether the owner's account copy may not show the last change yet (the sweep finishes it). */
    public boolean copyPending() {
        return copyPending;
    }

    private void touch(Instant at, boolean affectsCopy) {
        updatedAt = at;
        if (affectsCopy && owner != null) {
            copyPending = true;
        }
    }

    /** The status at {@code now}: the stored one, ended by the clock where a period or a grace period ran out. */
    public SubscriptionStatus statusAt(Instant now) {
        return status.at(now, expiresAt, graceUntil);
    }

    public boolean premiumAt(Instant now) {
        return statusAt(now).premium();
    }

    /** Until when premium lasts without further news from the store, if it is premium at {@code now}. */
    public Optional<Instant> premiumUntil(Instant now) {
        SubscriptionStatus current = statusAt(now);
        if (!current.premium()) {
            return Optional.empty();
        }
        return Optional.ofNullable(current == SubscriptionStatus.GRACE ? graceUntil : expiresAt);
    }

    /** When the stored status next changes by time alone (for the sweep), if it does. */
    public Optional<Instant> tidyAt() {
        return Optional.ofNullable(switch (status) {
            case ACTIVE, CANCELLED -> expiresAt == null ? Instant.EPOCH : expiresAt;
            case GRACE -> graceUntil == null ? Instant.EPOCH : graceUntil;
            default -> null;
        });
    }

    /**
     * The subscription that speaks for an account: the premium one that lasts longest, else the one
     * the store spoke of last.
     */
    public static Optional<Subscription> headline(Collection<Subscription> subscriptions, Instant now) {
        Comparator<Subscription> order = Comparator
                .comparing((Subscription s) -> s.premiumAt(now))
                .thenComparing(s -> s.premiumUntil(now).orElse(Instant.MIN))
                .thenComparing(s -> s.storeTime == null ? Instant.MIN : s.storeTime)
                .thenComparing(s -> s.updatedAt);
        return subscriptions.stream().max(order);
    }

    private Optional<SubscriptionPeriod> findPeriod(String transactionId) {
        return periods.stream().filter(p -> p.transactionId().equals(transactionId)).findFirst();
    }

    private void prunePeriods() {
        for (int i = 0; periods.size() > MAX_PERIODS && i < periods.size(); ) {
            CreditState state = periods.get(i).state();
            if (state == CreditState.DUE || state == CreditState.REFUND_DUE) {
                i++;
            } else {
                periods.remove(i);
            }
        }
    }

    private void record(SubscriptionChange change) {
        history.add(change);
        while (history.size() > MAX_HISTORY) {
            history.remove(0);
        }
    }

    /** Called by the repository adapter after a successful write. */
    public void markStored(long newVersion) {
        this.version = newVersion;
    }

    public SubscriptionKey key() { return key; }
    public SubscriptionStore store() { return key.store(); }
    public Optional<UserId> owner() { return Optional.ofNullable(owner); }
    public Optional<String> sourcePurchaseId() { return Optional.ofNullable(sourcePurchaseId); }
    /** Our product id of the current period, if the catalog knows its SKU. */
    public Optional<String> plan() { return Optional.ofNullable(plan); }
    public Optional<String> sku() { return Optional.ofNullable(sku); }
    public Optional<String> environment() { return Optional.ofNullable(environment); }
    /** As the store last said (see {@link #statusAt} for now). */
    public SubscriptionStatus status() { return status; }
    public Optional<Instant> startedAt() { return Optional.ofNullable(startedAt); }
    public Optional<Instant> expiresAt() { return Optional.ofNullable(expiresAt); }
    public Optional<Instant> graceUntil() { return Optional.ofNullable(graceUntil); }
    public Optional<Instant> resumesAt() { return Optional.ofNullable(resumesAt); }
    /** Empty when no store said. */
    public Optional<Boolean> autoRenew() { return Optional.ofNullable(autoRenew); }
    public Optional<Instant> revokedAt() { return Optional.ofNullable(revokedAt); }
    public Optional<String> revocationReason() { return Optional.ofNullable(revocationReason); }
    /** The store's time of the last view applied. */
    public Optional<Instant> storeTime() { return Optional.ofNullable(storeTime); }
    public List<String> tokens() { return List.copyOf(tokens); }
    public List<SubscriptionPeriod> periods() { return List.copyOf(periods); }
    public List<SubscriptionChange> history() { return List.copyOf(history); }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public long version() { return version; }
}
