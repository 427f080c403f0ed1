package io.playerbase.adapters.rest.ratelimit;

import io.micronaut.http.HttpRequest;

import java.net.InetSocketAddress;

/**
 * The client address that per-address limits count. By default the TCP peer: a header such as
 * {@code X-Forwarded-For} is trusted only when configured ({@code playerbase.rate-limits.client-address-header}),
 * because any client can send one; then its last entry is used, the one the nearest proxy (ours) appended.
 */
final class ClientAddresses {

    private final String header;

    ClientAddresses(String header) {
        this.header = header == null || header.isBlank() ? null : header.strip();
    }

    String of(HttpRequest<?> request) {
        if (header != null) {
            String value = request.getHeaders().get(header);
            if (value != null) {
                String[] hops = value.split(",");
                for (int i = hops.length - 1; i >= 0; i--) {
                    String hop = hops[i].strip();
                    if (!hop.isEmpty()) {
                        return hop.length() > 64 ? hop.substring(0, 64) : hop;
                    }
                }
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
    }
}
