package io.playerbase.bootstrap.config;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;

/**
 * Run in a child JVM by {@link ConfigurationPriorityTest}: builds an application context the way the
 * jar does (same configurer, same application.yml, the child's real environment variables), starts only
 * its environment, and prints {@code name=value} for each property named on the command line
 * ({@code prefix.*}: {@code present} or {@code absent}).
 */
public final class ConfigProbe {

    private ConfigProbe() {
    }

    public static void main(String[] args) {
        ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).build();
        Environment environment = context.getEnvironment();
        environment.start();
        for (String name : args) {
            // "prefix.*": whether any property under the prefix exists (any mongodb.* property makes
            // micronaut-mongo add a second primary MongoClient).
            String value = name.endsWith(".*")
                    ? (environment.containsProperties(name.substring(0, name.length() - 2)) ? "present" : "absent")
                    : environment.getProperty(name, String.class).orElse("<unset>");
            System.out.println(name + "=" + value);
        }
        environment.stop();
    }
}
