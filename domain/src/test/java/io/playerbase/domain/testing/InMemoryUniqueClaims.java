package io.playerbase.domain.testing;

import io.playerbase.domain.shared.ClaimHolder;
import io.playerbase.domain.shared.UniqueClaims;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link UniqueClaims} in a map, with the same atomic single-key steps as the Mongo adapter. */
public final class InMemoryUniqueClaims implements UniqueClaims {

    private final Map<String, Claim> claims = new ConcurrentHashMap<>();

    @Override
    public boolean claim(ClaimKey key, String owner, Instant now) {
        Claim stored = claims.putIfAbsent(key.id(), new Claim(key, owner, true, now));
        return stored == null || stored.owner().equals(owner);
    }

    @Override
    public void confirm(ClaimKey key, String owner) {
        claims.computeIfPresent(key.id(), (id, claim) -> claim.owner().equals(owner)
                ? new Claim(key, owner, false, claim.since()) : claim);
    }

    @Override
    public void startRelease(ClaimKey key, String owner, Instant now) {
        claims.computeIfPresent(key.id(), (id, claim) -> claim.owner().equals(owner)
                ? new Claim(key, owner, true, now) : claim);
    }

    @Override
    public void release(ClaimKey key, String owner) {
        claims.computeIfPresent(key.id(), (id, claim) -> claim.owner().equals(owner) ? null : claim);
    }

    @Override
    public Optional<Claim> find(ClaimKey key) {
        return Optional.ofNullable(claims.get(key.id()));
    }

    @Override
    public int settlePending(Instant claimedBefore, Map<String, ClaimHolder> holders) {
        List<Claim> due = new ArrayList<>();
        for (Claim claim : claims.values()) {
            if (claim.pending() && claim.since().isBefore(claimedBefore) && holders.containsKey(claim.key().kind())) {
                due.add(claim);
            }
        }
        for (Claim claim : due) {
            boolean holds = holders.get(claim.key().kind()).holds(claim.owner(), claim.key().value());
            // Only the claim as read: a claim taken again meanwhile is another claim.
            claims.computeIfPresent(claim.key().id(), (id, current) -> !current.equals(claim) ? current
                    : holds ? new Claim(claim.key(), claim.owner(), false, claim.since()) : null);
        }
        return due.size();
    }
}
