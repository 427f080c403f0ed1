package io.playerbase.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.rest.auth.TokenService;
import io.playerbase.application.user.port.in.Authenticated;
import io.playerbase.application.user.port.in.ChangeRolesUseCase;
import io.playerbase.application.user.port.in.CreateAdminUseCase;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;

import java.util.List;
import java.util.UUID;

/**
 * Real staff accounts for end-to-end tests: every request checks that its account exists and holds
 * the role, so a token minted for a made-up id no longer works.
 */
public final class StaffAccounts {

    private StaffAccounts() {
    }

    /** A new admin's access token. */
    public static String admin(ApplicationContext context) {
        return token(context, createAdmin(context), "admin");
    }

    /** A new support account's access token (created as an admin, then given the support role only). */
    public static String support(ApplicationContext context) {
        UserId admin = createAdmin(context);
        UserId support = createAdmin(context);
        context.getBean(ChangeRolesUseCase.class).change(new ChangeRolesUseCase.Command(support, List.of("support"),
                Actor.staff(admin, Actor.ActorRole.ADMIN, "test-setup")));
        return token(context, support, "support");
    }

    private static UserId createAdmin(ApplicationContext context) {
        String name = "staff" + UUID.randomUUID().toString().substring(0, 8);
        return new UserId(context.getBean(CreateAdminUseCase.class).create(new CreateAdminUseCase.Command(
                name + "@example.com", name, "correct horse battery staple", "test-setup")).id());
    }

    private static String token(ApplicationContext context, UserId user, String role) {
        return context.getBean(TokenService.class).issue(new Authenticated(user, List.of("player", role), 0)).accessToken();
    }
}
