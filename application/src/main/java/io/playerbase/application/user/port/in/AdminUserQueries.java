package io.playerbase.application.user.port.in;

import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;

/** Reads for staff (support and admin) and services; none of them changes anything. */
public interface AdminUserQueries {

    /** Users matching every given criterion, newest first. All invalid criteria are reported at once. */
    Page<UserSummaryView> list(ListQuery query);

    /** One account in full (profile and module data), read from the primary. */
    UserView byId(UserId id);

    /** The account's audit history, newest first; {@code NotFound} for an unknown account. */
    Page<AuditEntryView> audit(UserId id, PageRequest page);

    /** The non-personal part of an account, for game servers. */
    PlayerProfileView profile(UserId id);

    /** Criteria as they arrive; {@code null} means any. */
    record ListQuery(String email, String username, String status, Boolean compPlayer, PageRequest page) {
        @Override
        public String toString() {
            return "ListQuery[email=" + (email == null ? "-" : "redacted") + ", username=" + username
                    + ", status=" + status + ", compPlayer=" + compPlayer + ", page=" + page + "]";
        }
    }
}
