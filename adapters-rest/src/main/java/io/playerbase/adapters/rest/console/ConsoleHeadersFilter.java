package io.playerbase.adapters.rest.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Security and caching headers of the staff console's static files (docs/console.md). The policy
 * allows scripts, styles and requests from this origin only: no inline script or style, no eval,
 * no frames, no form posts, so an injected string can neither run nor leak a token. The chart
 * library's files sit under a versioned path and never change; the console's own files are
 * revalidated on every use (Last-Modified / 304), so a new release shows at once.
 */
@ServerFilter({"/console", "/console/**"})
final class ConsoleHeadersFilter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";
    private static final String VENDOR = "/console/vendor/";

    @ResponseFilter
    void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "no-referrer");
        response.header("X-Frame-Options", "DENY");
        response.header("Cross-Origin-Opener-Policy", "same-origin");
        if (response.getStatus().getCode() < 400) {
            // Cache-Control alone decides; the static handler's default Expires (60 s) would only confuse.
            response.getHeaders().remove("Expires");
            response.header("Cache-Control", request.getPath().startsWith(VENDOR)
                    ? "public, max-age=31536000, immutable"
                    : "no-cache");
        }
    }
}
