package io.playerbase.bootstrap.ops;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.playerbase.adapters.mongo.migration.MigrateOnStartup;
import io.playerbase.adapters.rest.error.ProblemResponses;
import io.playerbase.domain.shared.Unavailable;
import org.reactivestreams.Publisher;

/**
 * While the database is not migrated (it was down at start, or came back empty), the API answers 503
 * {@code database-unavailable} with {@code Retry-After} instead of working on a database without its
 * collections and unique indexes. Health, metrics and the OpenAPI document stay reachable.
 */
@Filter("/api/**")
@Requires(beans = MigrateOnStartup.class)
final class MigrationGate implements HttpServerFilter {

    private final MigrateOnStartup migrations;

    MigrationGate(MigrateOnStartup migrations) {
        this.migrations = migrations;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        if (!migrations.upToDate()) {
            return Publishers.just(ProblemResponses.of(request, new Unavailable("database-unavailable",
                    "The database is not ready (not reachable or not migrated yet); retry later", null)));
        }
        return chain.proceed(request);
    }
}
