package io.playerbase.application.access;

import io.playerbase.application.access.port.in.ApiKeyView;
import io.playerbase.application.access.port.in.CreateApiKeyUseCase;
import io.playerbase.domain.access.ApiKey;
import io.playerbase.domain.access.ApiKeyRepository;
import io.playerbase.domain.access.Scope;
import io.playerbase.domain.shared.DomainException.FieldError;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.SecretHasher;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

@Singleton
final class CreateApiKeyService implements CreateApiKeyUseCase {

    private final ApiKeyRepository keys;
    private final SecretHasher hasher;
    private final Clock clock;

    CreateApiKeyService(ApiKeyRepository keys, SecretHasher hasher, Clock clock) {
        this.keys = keys;
        this.hasher = hasher;
        this.clock = clock;
    }

    @Override
    public CreatedApiKey create(Command command) {
        ApiKey.Issued issued = ApiKey.issue(command.name(), scopes(command.scopes()), hasher, command.actor().id(),
                clock.instant());
        keys.insert(issued.key());
        return new CreatedApiKey(ApiKeyView.of(issued.key()), issued.credential().token());
    }

    /** Every unknown scope is reported at once. */
    private static Set<Scope> scopes(List<String> wire) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        List<FieldError> errors = new ArrayList<>();
        for (String name : wire == null ? List.<String>of() : wire) {
            try {
                scopes.add(Scope.fromWire(name));
            } catch (InvalidValue e) {
                errors.addAll(e.fieldErrors());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidValue(errors);
        }
        return scopes;
    }
}
