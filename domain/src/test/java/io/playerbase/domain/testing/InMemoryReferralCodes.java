package io.playerbase.domain.testing;

import io.playerbase.domain.referral.ReferralCode;
import io.playerbase.domain.referral.ReferralCodes;
import io.playerbase.domain.shared.UserId;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link ReferralCodes}, held to {@code ReferralCodesContract} like the Mongo adapter. */
public final class InMemoryReferralCodes implements ReferralCodes {

    private record Claim(UserId owner, Instant at, long order) {
    }

    private final Map<String, Claim> claims = new ConcurrentHashMap<>();
    private long next;

    @Override
    public synchronized boolean claim(ReferralCode code, UserId owner, Instant now) {
        Claim existing = claims.putIfAbsent(code.value(), new Claim(owner, now, next++));
        return existing == null || existing.owner().equals(owner);
    }

    @Override
    public Optional<UserId> ownerOf(ReferralCode code) {
        return Optional.ofNullable(claims.get(code.value())).map(Claim::owner);
    }

    @Override
    public synchronized List<ReferralCode> ownedBy(UserId owner) {
        return claims.entrySet().stream().filter(e -> e.getValue().owner().equals(owner))
                .sorted(Comparator.comparingLong(e -> e.getValue().order()))
                .map(e -> new ReferralCode(e.getKey())).toList();
    }

    @Override
    public synchronized void release(ReferralCode code, UserId owner) {
        claims.computeIfPresent(code.value(), (key, claim) -> claim.owner().equals(owner) ? null : claim);
    }

    public int size() {
        return claims.size();
    }
}
