package io.playerbase.bootstrap.config;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;

import java.time.Duration;

/**
 * Adds {@link ConfigurationSources} to every application context of the jar (the service, each command,
 * and tests), before any bean reads its configuration.
 */
@ContextConfigurer
public final class SecretsContextConfigurer implements ApplicationContextConfigurer {

    @Override
    public void configure(ApplicationContextBuilder builder) {
        builder.propertySources(new ConfigurationSources(System::getProperty, System::getenv, Duration.ofMillis(500)).load());
    }
}
