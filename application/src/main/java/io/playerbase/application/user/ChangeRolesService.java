package io.playerbase.application.user;

import io.playerbase.application.user.port.in.ChangeRolesUseCase;
import io.playerbase.application.user.port.in.UserView;
import io.playerbase.domain.shared.DomainException.FieldError;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.user.Role;
import io.playerbase.domain.user.UserRepository;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

@Singleton
final class ChangeRolesService implements ChangeRolesUseCase {

    private final StaffChange staffChange;

    ChangeRolesService(UserRepository users, Clock clock) {
        this.staffChange = new StaffChange(users, clock);
    }

    @Override
    public UserView change(Command command) {
        Set<Role> roles = roles(command.roles());
        // Also keeps the last admin from locking everyone out by demoting themselves.
        if (StaffChange.isSelf(command.userId(), command.actor())) {
            throw new RuleViolation("cannot-change-own-roles", "Staff cannot change their own roles");
        }
        return staffChange.apply(command.userId(), command.actor(), "user.roles_changed",
                (user, now) -> user.changeStaffRoles(roles, now));
    }

    private static Set<Role> roles(List<String> wire) {
        if (wire == null) {
            throw new InvalidValue("roles", "is required");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        List<FieldError> errors = new ArrayList<>();
        for (String name : wire) {
            try {
                roles.add(Role.fromWire(name));
            } catch (InvalidValue e) {
                errors.addAll(e.fieldErrors());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidValue(errors);
        }
        return roles;
    }
}
