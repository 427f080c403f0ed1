package io.playerbase.bootstrap.ops;

import java.util.Locale;

/**
 * {@code PLAYERBASE_LOG_FORMAT} names the appender of {@code logback.xml}, {@code TEXT} or {@code JSON}.
 * Logback takes the name literally, so {@code json} or a typo would reference no appender and the
 * service would log nothing at all. Before logging starts, the jar's entry point sets the system
 * property (which logback reads before the environment) to the canonical name: {@code JSON} whatever
 * its case, else {@code TEXT}.
 */
public final class LogFormat {

    public static final String VARIABLE = "PLAYERBASE_LOG_FORMAT";

    private LogFormat() {
    }

    /** Call first thing in {@code main}, before anything logs. */
    public static void normalize() {
        String configured = System.getProperty(VARIABLE, System.getenv(VARIABLE));
        System.setProperty(VARIABLE, canonical(configured));
    }

    static String canonical(String configured) {
        return configured != null && configured.strip().toUpperCase(Locale.ROOT).equals("JSON") ? "JSON" : "TEXT";
    }
}
