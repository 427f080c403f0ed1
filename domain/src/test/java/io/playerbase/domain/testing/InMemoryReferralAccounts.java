package io.playerbase.domain.testing;

import io.playerbase.domain.referral.ReferralAccount;
import io.playerbase.domain.referral.ReferralAccounts;
import io.playerbase.domain.referral.ReferralCode;
import io.playerbase.domain.referral.RewardLimits;
import io.playerbase.domain.referral.SlotOutcome;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * In-memory {@link ReferralAccounts} with the Mongo adapter's rules, held to
 * {@code ReferralAccountsContract}: each method is one atomic step, slots obey the cap and the velocity
 * window, rewards are noted once per operation id.
 */
public final class InMemoryReferralAccounts implements ReferralAccounts {

    private static final class Account {
        final UserId id;
        String username;
        ReferralAccount.Status status = ReferralAccount.Status.ACTIVE;
        final boolean compPlayer;
        final Instant createdAt;
        String code;
        boolean codeDisabled;
        String referredBy;
        long referralCount;
        long countBase;
        long rewardsEarned;
        final List<UserId> rewarded = new ArrayList<>();
        final List<Instant> rewardTimes = new ArrayList<>();
        final Set<String> rewardOperations = new HashSet<>();

        Account(UserId id, String username, boolean compPlayer, Instant createdAt) {
            this.id = id;
            this.username = username;
            this.compPlayer = compPlayer;
            this.createdAt = createdAt;
        }

        ReferralAccount snapshot() {
            return new ReferralAccount(id, username, status, compPlayer, createdAt, code, codeDisabled, referredBy,
                    referralCount, countBase, rewardsEarned);
        }
    }

    private final Map<UserId, Account> accounts = new LinkedHashMap<>();
    private final List<AuditEntry> audit = new ArrayList<>();

    public synchronized UserId add(String username, Instant createdAt) {
        return add(UserId.newId(createdAt), username, false, createdAt);
    }

    public synchronized UserId add(UserId id, String username, boolean compPlayer, Instant createdAt) {
        accounts.put(id, new Account(id, username, compPlayer, createdAt));
        return id;
    }

    public synchronized void setStatus(UserId id, ReferralAccount.Status status) {
        accounts.get(id).status = status;
    }

    /** An account of the old system: its count and its own code, kept as they were. */
    public synchronized void setLegacy(UserId id, String code, long countBase) {
        Account account = accounts.get(id);
        account.code = code;
        account.countBase = countBase;
        account.referralCount = countBase;
    }

    public synchronized String username(UserId id) {
        Account account = accounts.get(id);
        return account == null ? "unknown" : account.username;
    }

    public synchronized List<String> actions(UserId id) {
        return audit.stream().filter(entry -> entry.userId().equals(id)).map(AuditEntry::action).toList();
    }

    public synchronized int slotsTaken(UserId id) {
        return accounts.get(id).rewarded.size();
    }

    @Override
    public synchronized Optional<ReferralAccount> find(UserId id) {
        return Optional.ofNullable(accounts.get(id)).map(Account::snapshot);
    }

    @Override
    public synchronized boolean assignCode(UserId id, ReferralCode code, AuditEntry entry) {
        Account account = accounts.get(id);
        if (account == null || account.code != null) {
            return false;
        }
        account.code = code.value();
        audit.add(entry);
        return true;
    }

    @Override
    public synchronized List<UserId> withoutCode(int limit) {
        return accounts.values().stream().filter(account -> account.code == null).map(account -> account.id)
                .limit(limit).toList();
    }

    @Override
    public synchronized boolean setReferredBy(UserId referee, UserId referrer, AuditEntry entry) {
        Account account = accounts.get(referee);
        if (account == null || account.referredBy != null) {
            return false;
        }
        account.referredBy = referrer.value();
        audit.add(entry);
        return true;
    }

    @Override
    public synchronized boolean raiseReferralCount(UserId referrer, long count, AuditEntry entry) {
        Account account = accounts.get(referrer);
        if (account == null || account.referralCount >= count) {
            return false;
        }
        account.referralCount = count;
        audit.add(entry);
        return true;
    }

    @Override
    public synchronized SlotOutcome claimRewardSlot(UserId referrer, UserId referral, RewardLimits limits, Instant now) {
        Account account = accounts.get(referrer);
        if (account == null) {
            return new SlotOutcome.Unavailable();
        }
        if (account.rewarded.contains(referral)) {
            return new SlotOutcome.Claimed();
        }
        if (account.rewarded.size() >= limits.cap()) {
            return new SlotOutcome.CapReached();
        }
        if (account.rewardTimes.size() >= limits.velocity()
                && account.rewardTimes.get(0).isAfter(now.minus(limits.window()))) {
            return new SlotOutcome.Deferred(account.rewardTimes.get(0).plus(limits.window()));
        }
        account.rewarded.add(referral);
        account.rewardTimes.add(now);
        while (account.rewardTimes.size() > limits.velocity()) {
            account.rewardTimes.remove(0);
        }
        return new SlotOutcome.Claimed();
    }

    @Override
    public synchronized void releaseRewardSlot(UserId referrer, UserId referral) {
        Account account = accounts.get(referrer);
        if (account != null) {
            account.rewarded.remove(referral);
        }
    }

    @Override
    public synchronized boolean noteReward(UserId id, String operationId, long amount, AuditEntry entry) {
        Account account = accounts.get(id);
        if (account == null || !account.rewardOperations.add(operationId)) {
            return false;
        }
        account.rewardsEarned += amount;
        audit.add(entry);
        return true;
    }

    @Override
    public synchronized boolean disableCode(UserId owner, AuditEntry entry) {
        Account account = accounts.get(owner);
        if (account == null || account.codeDisabled) {
            return false;
        }
        account.codeDisabled = true;
        audit.add(entry);
        return true;
    }
}
