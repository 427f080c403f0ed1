package io.playerbase.bootstrap.config;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;

import java.time.Duration;
import java.util.Set;

/**
 * Adds {@link ConfigurationSources} to every application context of the jar (the service, each command,
 * and tests), before any bean reads its configuration, and keeps the {@code MONGODB_*} variables out of
 * Micronaut's environment source (they are mapped by {@link ConfigurationSources#environment}).
 */
@ContextConfigurer
public final class SecretsContextConfigurer implements ApplicationContextConfigurer {

    @Override
    public void configure(ApplicationContextBuilder builder) {
        ConfigurationSources sources = new ConfigurationSources(System::getProperty, System::getenv, Duration.ofMillis(500));
        Set<String> variables = System.getenv().keySet();
        builder.environmentVariableExcludes(ConfigurationSources.excludedVariables(variables))
                .propertySources(sources.load(), sources.environment(variables));
    }
}
