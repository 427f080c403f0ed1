package io.playerbase.bootstrap;

import io.micronaut.runtime.Micronaut;
import io.playerbase.bootstrap.cli.CommandLine;
import io.playerbase.bootstrap.ops.LogFormat;

/**
 * Starts the HTTP service (the embedded store when MONGODB_URI is unset, pending migrations applied),
 * or runs one command of the jar: {@code java -jar playerbase.jar <command> …}.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        LogFormat.normalize();
        if (Boolean.getBoolean(AotTraining.PROPERTY)) {
            AotTraining.run();
            System.exit(0);
        }
        if (CommandLine.isCommand(args)) {
            System.exit(CommandLine.run(args, System.out, System.err));
        }
        Micronaut.build(args)
                .mainClass(Application.class)
                .banner(false)
                .start();
    }
}
