package io.playerbase.bootstrap;

import io.micronaut.runtime.Micronaut;

/** Starts the HTTP service: the embedded store when MONGODB_URI is unset, pending migrations applied. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(Application.class)
                .banner(false)
                .start();
    }
}
