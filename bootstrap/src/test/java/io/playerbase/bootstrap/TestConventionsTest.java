package io.playerbase.bootstrap;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The test conventions of docs/architecture.md ("Tests") that keep port contracts binding, read from
 * the sources: every fake keeps its port's contract, contracts live in the domain's test-jar, and every
 * Mongo adapter is tested by an abstract {@code <Adapter>Test} run as {@code <Adapter>EmbeddedTest} and
 * {@code <Adapter>ContainerTest}.
 */
class TestConventionsTest {

    /** Fakes that keep no contract, and why. */
    private static final Map<String, String> FAKES_WITHOUT_CONTRACT = Map.of(
            "InMemoryModuleRegistry", "a fixed list given by each test; the registry's content is the change units' (MigrationTest)");

    private static final Pattern FAKE = Pattern.compile("(InMemory|Fake)\\w+\\.java");
    private static final Pattern EXTENDS_A_CONTRACT = Pattern.compile("class \\w+ extends \\w+Contract\\b");

    private static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("bootstrap")) ? here : here.getParent();
    }

    private static List<Path> files(Path root, Pattern name) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(path -> name.matcher(path.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String simpleName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".java".length());
    }

    @Test
    void everyFakeKeepsItsPortsContract() {
        Path testing = repository().resolve("domain/src/test/java/io/playerbase/domain/testing");
        List<Path> fakes = files(testing, FAKE).stream().filter(path -> !simpleName(path).endsWith("Test")).toList();
        assertTrue(fakes.size() >= 15, "found only " + fakes);
        List<String> violations = new ArrayList<>();
        for (Path fake : fakes) {
            String name = simpleName(fake);
            if (FAKES_WITHOUT_CONTRACT.containsKey(name)) {
                continue;
            }
            Path test = fake.resolveSibling(name + "Test.java");
            if (!Files.exists(test) || !EXTENDS_A_CONTRACT.matcher(read(test)).find()) {
                violations.add(name + ": no " + name + "Test extending its port's contract");
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void contractsLiveInTheDomainsTestJarAndTakeThePort() {
        List<String> violations = new ArrayList<>();
        List<Path> contracts = new ArrayList<>();
        for (String module : List.of("domain", "application", "adapters-mongo", "adapters-rest", "adapters-crypto",
                "adapters-stores", "bootstrap")) {
            contracts.addAll(files(repository().resolve(module).resolve("src"), Pattern.compile("\\w+Contract\\.java")));
        }
        assertTrue(contracts.size() >= 15, "found only " + contracts);
        for (Path contract : contracts) {
            String where = repository().relativize(contract).toString();
            if (!where.startsWith("domain/src/test/java/")) {
                violations.add(where + ": contracts live next to their port in the domain's test-jar");
            }
            if (!read(contract).contains("public abstract class " + simpleName(contract))) {
                violations.add(where + ": a contract is a public abstract class");
            }
            if (read(contract).contains("ApplicationContext") || read(contract).contains("MongoClient")) {
                violations.add(where + ": a contract takes the port, never a database");
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void everyMongoAdapterRunsOnTheEmbeddedStoreAndOnTestcontainers() {
        Path tests = repository().resolve("adapters-mongo/src/test/java");
        List<String> violations = new ArrayList<>();
        List<String> abstractTests = new ArrayList<>();
        for (Path embedded : files(tests, Pattern.compile("\\w+EmbeddedTest\\.java"))) {
            String base = simpleName(embedded).replaceFirst("EmbeddedTest$", "Test");
            Path abstractTest = embedded.resolveSibling(base + ".java");
            Path container = embedded.resolveSibling(simpleName(embedded).replaceFirst("EmbeddedTest$", "ContainerTest.java"));
            if (!read(embedded).contains("extends " + base + " ")) {
                violations.add(simpleName(embedded) + " does not extend " + base);
            }
            if (!Files.exists(abstractTest) || !read(abstractTest).contains("abstract class " + base)) {
                violations.add(base + ": missing, or not abstract");
            } else {
                abstractTests.add(read(abstractTest));
            }
            if (!Files.exists(container) || !read(container).contains("extends " + base + " ")
                    || !read(container).contains("@Testcontainers(disabledWithoutDocker = true)")) {
                violations.add(base + ": no " + simpleName(container) + " (Testcontainers, skipped without Docker)");
            }
        }
        for (Path container : files(tests, Pattern.compile("\\w+ContainerTest\\.java"))) {
            if (simpleName(container).equals("ShardedClusterContainerTest")) {
                // A sharded cluster (config servers, shards, mongos) has no embedded twin: the embedded store
                // is one server. V0101ShardCollectionsTest checks the sharding commands on it instead.
                continue;
            }
            if (!Files.exists(container.resolveSibling(simpleName(container).replaceFirst("ContainerTest$", "EmbeddedTest.java")))) {
                violations.add(simpleName(container) + ": no embedded twin");
            }
        }
        List<Path> adapters = files(repository().resolve("adapters-mongo/src/main/java"), Pattern.compile("\\w+MongoAdapter\\.java"));
        assertTrue(adapters.size() >= 15, "found only " + adapters);
        for (Path adapter : adapters) {
            Pattern named = Pattern.compile("\\b" + simpleName(adapter) + "\\b");
            if (abstractTests.stream().noneMatch(test -> named.matcher(test).find())) {
                violations.add(simpleName(adapter) + ": no abstract <Adapter>Test run on both servers names it");
            }
        }
        assertEquals(List.of(), violations);
    }
}
