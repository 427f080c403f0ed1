package io.playerbase.bootstrap.ops;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.playerbase.adapters.mongo.migration.MigrateOnStartup;
import io.playerbase.adapters.rest.error.ProblemResponses;
import io.playerbase.domain.shared.Unavailable;

/**
 * While the database is not migrated (it was down at start, or came back empty), the API answers 503
 * {@code database-unavailable} with {@code Retry-After} instead of working on a database without its
 * collections and unique indexes. Health, metrics and the OpenAPI document stay reachable. It answers
 * before authentication, which may read the account: such a request costs the database nothing.
 */
@ServerFilter("/api/**")
@Requires(beans = MigrateOnStartup.class)
final class MigrationGate implements Ordered {

    private final MigrateOnStartup migrations;

    MigrationGate(MigrateOnStartup migrations) {
        this.migrations = migrations;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        if (!migrations.upToDate()) {
            return ProblemResponses.of(request, new Unavailable("database-unavailable",
                    "The database is not ready (not reachable or not migrated yet); retry later", null));
        }
        return null;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }
}
