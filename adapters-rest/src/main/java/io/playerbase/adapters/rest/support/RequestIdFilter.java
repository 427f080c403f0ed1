package io.playerbase.adapters.rest.support;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Assigns the request id before anything else runs and echoes it on every response. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestIdFilter implements Ordered {

    @RequestFilter
    void assign(HttpRequest<?> request) {
        RequestIds.assign(request);
    }

    @ResponseFilter
    void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header(RequestIds.HEADER, RequestIds.of(request));
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
