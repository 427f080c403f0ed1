package io.playerbase.bootstrap;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.playerbase.domain.shared.ReadOnlyPort;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The rules of STYLE.md that the poms cannot enforce. */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionCode() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.playerbase");
    }

    /** Micronaut writes bean definitions ($Foo$Definition…) next to the code; they are not ours to police. */
    private static final com.tngtech.archunit.base.DescribedPredicate<JavaClass> HAND_WRITTEN =
            new com.tngtech.archunit.base.DescribedPredicate<>("hand-written") {
                @Override
                public boolean test(JavaClass javaClass) {
                    return !javaClass.getName().contains(".$") && !javaClass.getName().contains("$$");
                }
            };

    @Test
    void theImportSawEveryModule() {
        for (String layer : new String[]{"domain", "application", "adapters.mongo", "adapters.rest", "adapters.crypto", "adapters.stores", "bootstrap"}) {
            org.junit.jupiter.api.Assertions.assertTrue(
                    production.stream().anyMatch(c -> c.getPackageName().startsWith("io.playerbase." + layer)),
                    "no classes imported from " + layer);
        }
    }

    @Test
    void domainUsesTheJdkOnly() {
        ArchRule rule = classes().that().resideInAPackage("io.playerbase.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.playerbase.domain..");
        rule.check(production);
    }

    @Test
    void domainModulesDoNotReachIntoEachOtherExceptShared() {
        slices().matching("io.playerbase.domain.(*)..").should().notDependOnEachOther()
                .ignoreDependency(alwaysTrue(), resideInAPackage("io.playerbase.domain.shared.."))
                .check(production);
    }

    @Test
    void applicationUsesDomainAndJakartaInjectOnly() {
        classes().that().resideInAPackage("io.playerbase.application..").and(HAND_WRITTEN)
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "jakarta.inject..", "io.playerbase.domain..", "io.playerbase.application..")
                .check(production);
    }

    @Test
    void adaptersDoNotKnowEachOther() {
        slices().matching("io.playerbase.adapters.(*)..").should().notDependOnEachOther().check(production);
    }

    @Test
    void adaptersReachTheApplicationOnlyThroughIncomingPorts() {
        noClasses().that().resideInAPackage("io.playerbase.adapters..")
                .should().dependOnClassesThat(resideInAPackage("io.playerbase.application..")
                        .and(not(resideInAPackage("io.playerbase.application..port.in.."))))
                .check(production);
    }

    @Test
    void nothingButBootstrapDependsOnBootstrap() {
        noClasses().that().resideOutsideOfPackage("io.playerbase.bootstrap..")
                .should().dependOnClassesThat().resideInAPackage("io.playerbase.bootstrap..")
                .check(production);
    }

    @Test
    void changeUnitsLiveInTheMigrationPackage() {
        classes().that().areAnnotatedWith("io.mongock.api.annotations.ChangeUnit")
                .should().resideInAPackage("io.playerbase.adapters.mongo.migration..")
                .check(production);
    }

    @Test
    void changeUnitsNeverUseDomainAggregatesOrRepositories() {
        noClasses().that().areAnnotatedWith("io.mongock.api.annotations.ChangeUnit")
                .should().dependOnClassesThat(resideInAnyPackage("io.playerbase.domain..")
                        .and(not(resideInAPackage("io.playerbase.domain.shared.."))))
                .check(production);
    }

    private static final String READ_ONLY_MONGO = "io.playerbase.adapters.mongo.connection.ReadOnlyMongo";

    /** The handles through which one could write: the driver's database, collection and client, the admin role. */
    private static final com.tngtech.archunit.base.DescribedPredicate<JavaClass> WRITABLE_DATABASE_HANDLE =
            com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf(com.mongodb.client.MongoDatabase.class,
                    com.mongodb.client.MongoCollection.class, com.mongodb.client.MongoClient.class,
                    io.playerbase.adapters.mongo.connection.AdminMongo.class);

    private static final com.tngtech.archunit.base.DescribedPredicate<JavaClass> USES_THE_READ_ONLY_ROLE =
            new com.tngtech.archunit.base.DescribedPredicate<>("use the read-only database role") {
                @Override
                public boolean test(JavaClass javaClass) {
                    return javaClass.getDirectDependenciesFromSelf().stream()
                            .anyMatch(dependency -> dependency.getTargetClass().getName().equals(READ_ONLY_MONGO));
                }
            };

    /**
     * SPEC §6: code that only reads cannot obtain the read-write client. Adapters of read-only ports use
     * the read-only role, and nothing that uses it (outside its own package) touches a writable handle.
     */
    @Test
    void readOnlyCodeNeverReachesAWritableDatabaseHandle() {
        noClasses().that().implement(ReadOnlyPort.class).and(HAND_WRITTEN)
                .should().dependOnClassesThat(WRITABLE_DATABASE_HANDLE)
                .check(production);
        noClasses().that(USES_THE_READ_ONLY_ROLE).and().resideOutsideOfPackage("io.playerbase.adapters.mongo.connection..")
                .and(HAND_WRITTEN)
                .should().dependOnClassesThat(WRITABLE_DATABASE_HANDLE)
                .check(production);
        classes().that().implement(ReadOnlyPort.class).and().resideInAPackage("io.playerbase.adapters.mongo..").and(HAND_WRITTEN)
                .should(new com.tngtech.archunit.lang.ArchCondition<>("use the read-only database role") {
                    @Override
                    public void check(JavaClass javaClass, com.tngtech.archunit.lang.ConditionEvents events) {
                        if (!USES_THE_READ_ONLY_ROLE.test(javaClass)) {
                            events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(javaClass,
                                    javaClass.getName() + " implements a read-only port without ReadOnlyMongo"));
                        }
                    }
                })
                .check(production);
    }

    @Test
    void controllersDoNotCatchOrReturnDomainObjects() {
        noClasses().that().haveSimpleNameEndingWith("Controller")
                .should().dependOnClassesThat().resideInAnyPackage("io.playerbase.domain.user..")
                .check(production);
    }
}
