package io.playerbase.domain.testing;

import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.AuditTrail;
import io.playerbase.domain.shared.ObjectIds;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.user.AccountAccess;
import io.playerbase.domain.user.AccountAccessLookup;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserFilter;
import io.playerbase.domain.user.UserSearch;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The staff reads ({@link UserSearch}, {@link AuditTrail}) and the per-request {@link AccountAccessLookup}
 * over an {@link InMemoryUserRepository}, with the Mongo adapters' rules: users newest first by id,
 * audit entries newest first with ties on the timestamp broken by entry id, exact matches after
 * normalization, cursors that refuse what they did not hand out.
 */
public final class InMemoryStaffReads implements UserSearch, AuditTrail, AccountAccessLookup {

    private static final Comparator<AuditEntry> NEWEST_FIRST = Comparator.comparing(AuditEntry::timestamp)
            .thenComparing(AuditEntry::id).reversed();

    private final InMemoryUserRepository users;

    public InMemoryStaffReads(InMemoryUserRepository users) {
        this.users = users;
    }

    @Override
    public Page<User> search(UserFilter filter, PageRequest page) {
        if (page.cursor() != null && !ObjectIds.isHex24(page.cursor())) {
            throw PageRequest.invalidCursor();
        }
        List<User> matching = users.all().stream()
                .filter(user -> filter.email() == null || normalize(user.email().value()).equals(normalize(filter.email().value())))
                .filter(user -> filter.username() == null
                        || normalize(user.username().value()).equals(normalize(filter.username().value())))
                .filter(user -> filter.status() == null || user.status() == filter.status())
                .filter(user -> filter.compPlayer() == null || user.compPlayer() == filter.compPlayer())
                .filter(user -> page.cursor() == null || user.id().value().compareTo(page.cursor()) < 0)
                .sorted(Comparator.comparing((User user) -> user.id().value()).reversed())
                .toList();
        return pageOf(matching, page.limit(), user -> user.id().value());
    }

    @Override
    public Page<AuditEntry> forUser(UserId userId, PageRequest page) {
        Predicate<AuditEntry> afterCursor = page.cursor() == null ? entry -> true : after(page.cursor());
        List<AuditEntry> entries = users.auditEntries().stream()
                .filter(entry -> entry.userId().equals(userId))
                .filter(afterCursor)
                .sorted(NEWEST_FIRST)
                .toList();
        return pageOf(entries, page.limit(), entry -> encode(entry.timestamp(), entry.id()));
    }

    @Override
    public Optional<AccountAccess> find(UserId userId) {
        return users.findById(userId).map(user -> new AccountAccess(user.id(), user.status(), user.roles()));
    }

    private static <T> Page<T> pageOf(List<T> sorted, int limit, Function<T, String> cursorOf) {
        boolean more = sorted.size() > limit;
        List<T> items = more ? sorted.subList(0, limit) : sorted;
        return new Page<>(items, more ? cursorOf.apply(items.get(items.size() - 1)) : null);
    }

    private static String encode(Instant timestamp, String id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((timestamp.toEpochMilli() + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Entries strictly after the cursor's (older timestamp, or the same one and a smaller id). */
    private static Predicate<AuditEntry> after(String cursor) {
        long millis;
        String id;
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            if (colon < 1 || colon == text.length() - 1) {
                throw PageRequest.invalidCursor();
            }
            millis = Long.parseLong(text.substring(0, colon));
            id = text.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            throw PageRequest.invalidCursor();
        }
        return entry -> entry.timestamp().toEpochMilli() < millis
                || (entry.timestamp().toEpochMilli() == millis && entry.id().compareTo(id) < 0);
    }

    private static String normalize(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }
}
