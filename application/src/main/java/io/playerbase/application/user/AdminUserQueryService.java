package io.playerbase.application.user;

import io.playerbase.application.user.port.in.AdminUserQueries;
import io.playerbase.application.user.port.in.AuditEntryView;
import io.playerbase.application.user.port.in.PlayerProfileView;
import io.playerbase.application.user.port.in.UserSummaryView;
import io.playerbase.application.user.port.in.UserView;
import io.playerbase.domain.shared.AuditTrail;
import io.playerbase.domain.shared.DomainException.FieldError;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.user.AccountAccessLookup;
import io.playerbase.domain.user.Email;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserFilter;
import io.playerbase.domain.user.UserRepository;
import io.playerbase.domain.user.UserSearch;
import io.playerbase.domain.user.UserStatus;
import io.playerbase.domain.user.Username;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

@Singleton
final class AdminUserQueryService implements AdminUserQueries {

    private final UserSearch search;
    private final UserRepository users;
    private final AccountAccessLookup accounts;
    private final AuditTrail auditTrail;

    AdminUserQueryService(UserSearch search, UserRepository users, AccountAccessLookup accounts, AuditTrail auditTrail) {
        this.search = search;
        this.users = users;
        this.accounts = accounts;
        this.auditTrail = auditTrail;
    }

    @Override
    public Page<UserSummaryView> list(ListQuery query) {
        List<FieldError> errors = new ArrayList<>();
        Email email = parse(query.email(), Email::new, errors);
        Username username = parse(query.username(), Username::new, errors);
        UserStatus status = parse(query.status(), UserStatus::fromWire, errors);
        if (!errors.isEmpty()) {
            throw new InvalidValue(errors);
        }
        return search.search(new UserFilter(email, username, status, query.compPlayer()), query.page())
                .map(UserSummaryView::of);
    }

    @Override
    public UserView byId(UserId id) {
        return UserView.of(find(id));
    }

    @Override
    public Page<AuditEntryView> audit(UserId id, PageRequest page) {
        if (accounts.find(id).isEmpty()) {
            throw notFound();
        }
        return auditTrail.forUser(id, page).map(AuditEntryView::of);
    }

    @Override
    public PlayerProfileView profile(UserId id) {
        return PlayerProfileView.of(find(id));
    }

    private User find(UserId id) {
        return users.findById(id).orElseThrow(AdminUserQueryService::notFound);
    }

    private static NotFound notFound() {
        return new NotFound("user-not-found", "No such user");
    }

    private static <T> T parse(String value, Function<String, T> factory, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return factory.apply(value);
        } catch (InvalidValue e) {
            errors.addAll(e.fieldErrors());
            return null;
        }
    }
}
