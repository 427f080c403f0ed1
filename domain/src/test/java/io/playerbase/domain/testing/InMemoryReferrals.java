package io.playerbase.domain.testing;

import io.playerbase.domain.referral.Referral;
import io.playerbase.domain.referral.ReferralLink;
import io.playerbase.domain.referral.ReferralListing;
import io.playerbase.domain.referral.ReferralRepository;
import io.playerbase.domain.referral.ReferralState;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * In-memory {@link ReferralRepository} and {@link ReferralListing}, held to their contracts like the
 * Mongo adapters. Usernames come from the given lookup (the accounts fake).
 */
public final class InMemoryReferrals implements ReferralRepository, ReferralListing {

    private final Map<String, Referral.StoredState> referrals = new TreeMap<>();
    private final Function<UserId, String> usernames;
    private Predicate<Referral.StoredState> failing = state -> false;
    private int failuresLeft;

    public InMemoryReferrals(Function<UserId, String> usernames) {
        this.usernames = usernames;
    }

    /**
     * The next {@code count} updates that would store a state matching {@code when} throw, as a crash
     * right before that write would leave things.
     */
    public synchronized void failUpdates(Predicate<Referral.StoredState> when, int count) {
        failing = when;
        failuresLeft = count;
    }

    @Override
    public synchronized boolean insert(Referral referral) {
        if (referrals.containsKey(referral.id().value())) {
            return false;
        }
        referral.markStored(1);
        referrals.put(referral.id().value(), referral.storedState());
        return true;
    }

    @Override
    public synchronized void update(Referral referral) {
        if (failuresLeft > 0 && failing.test(referral.storedState())) {
            failuresLeft--;
            throw new IllegalStateException("simulated crash before a referral write");
        }
        Referral.StoredState current = referrals.get(referral.id().value());
        if (current == null || current.version() != referral.version()) {
            throw Conflict.stale("Referral");
        }
        referral.markStored(referral.version() + 1);
        referrals.put(referral.id().value(), referral.storedState());
    }

    @Override
    public synchronized Optional<Referral> find(UserId referee) {
        return Optional.ofNullable(referrals.get(referee.value())).map(Referral::restore);
    }

    @Override
    public synchronized List<Referral> pendingAmong(Collection<UserId> referees) {
        return referees.stream().map(id -> referrals.get(id.value())).filter(Objects::nonNull)
                .filter(state -> state.state() == ReferralState.PENDING).map(Referral::restore).toList();
    }

    @Override
    public synchronized List<Referral> workDueBefore(Instant before, int limit) {
        return referrals.values().stream().map(Referral::restore)
                .filter(referral -> referral.workAt() != null && !referral.workAt().isAfter(before))
                .sorted(Comparator.comparing(Referral::workAt)).limit(limit).toList();
    }

    @Override
    public synchronized long countReferredBy(UserId referrer) {
        return referrals.values().stream()
                .filter(state -> state.referrer().equals(referrer) && state.state() != ReferralState.LEGACY).count();
    }

    @Override
    public synchronized Page<ReferralLink> referredBy(UserId referrer, PageRequest page) {
        if (page.cursor() != null && !page.cursor().matches("[0-9]{19}-[0-9a-f]{24}")) {
            throw new InvalidValue("cursor", "is not a cursor returned by this listing");
        }
        List<Referral.StoredState> matching = referrals.values().stream()
                .filter(state -> state.referrer().equals(referrer))
                .sorted(Comparator.comparing(InMemoryReferrals::position).reversed())
                .filter(state -> page.cursor() == null || position(state).compareTo(page.cursor()) < 0)
                .limit(page.limit() + 1L).toList();
        boolean more = matching.size() > page.limit();
        List<ReferralLink> items = matching.stream().limit(page.limit())
                .map(state -> new ReferralLink(Referral.restore(state), usernames.apply(state.referee()))).toList();
        return new Page<>(items, more ? position(items.get(items.size() - 1).referral().storedState()) : null);
    }

    @Override
    public synchronized Optional<ReferralLink> referralOf(UserId referee) {
        return find(referee).map(referral -> new ReferralLink(referral, usernames.apply(referral.referrer())));
    }

    /** Redemption time then id, in an order that sorts as text (fixed-width millis). */
    private static String position(Referral.StoredState state) {
        return String.format("%019d", state.redeemedAt().toEpochMilli()) + "-" + state.referee().value();
    }

    /** Stores a referral as it is, e.g. a link of the old system. */
    public synchronized void put(Referral referral) {
        referrals.put(referral.id().value(), referral.storedState());
    }
}
