package bench.minimal;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.runtime.Micronaut;

/** One controller on Micronaut's Netty server: what any Micronaut 4 service pays to start and to answer. */
public final class MinimalApp {

    private MinimalApp() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(MinimalApp.class).banner(false).start();
    }

    @Controller("/ping")
    public static class PingController {
        @Get
        public String ping() {
            return "pong";
        }
    }
}
