package io.playerbase.bootstrap;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
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
        for (String layer : new String[]{"domain", "application", "adapters.mongo", "adapters.rest", "adapters.crypto", "bootstrap"}) {
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

    @Test
    void controllersDoNotCatchOrReturnDomainObjects() {
        noClasses().that().haveSimpleNameEndingWith("Controller")
                .should().dependOnClassesThat().resideInAnyPackage("io.playerbase.domain.user..")
                .check(production);
    }
}
