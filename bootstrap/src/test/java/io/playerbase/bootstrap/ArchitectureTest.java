package io.playerbase.bootstrap;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.TryCatchBlock;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.playerbase.adapters.mongo.connection.AdminMongo;
import io.playerbase.domain.shared.ReadOnlyPort;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The rules of docs/architecture.md that the poms cannot enforce. */
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
    private static final DescribedPredicate<JavaClass> HAND_WRITTEN =
            new DescribedPredicate<>("hand-written") {
                @Override
                public boolean test(JavaClass javaClass) {
                    return !javaClass.getName().contains(".$") && !javaClass.getName().contains("$$");
                }
            };

    @Test
    void theImportSawEveryModule() {
        for (String layer : new String[]{"domain", "application", "adapters.mongo", "adapters.rest", "adapters.crypto", "adapters.stores", "bootstrap"}) {
            Assertions.assertTrue(
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
    private static final DescribedPredicate<JavaClass> WRITABLE_DATABASE_HANDLE =
            JavaClass.Predicates.belongToAnyOf(MongoDatabase.class,
                    MongoCollection.class, MongoClient.class,
                    AdminMongo.class);

    private static final DescribedPredicate<JavaClass> USES_THE_READ_ONLY_ROLE =
            new DescribedPredicate<>("use the read-only database role") {
                @Override
                public boolean test(JavaClass javaClass) {
                    return javaClass.getDirectDependenciesFromSelf().stream()
                            .anyMatch(dependency -> dependency.getTargetClass().getName().equals(READ_ONLY_MONGO));
                }
            };

    /**
     * Database roles: code that only reads cannot obtain the read-write client. Adapters of read-only ports use
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
                .should(new ArchCondition<>("use the read-only database role") {
                    @Override
                    public void check(JavaClass javaClass, ConditionEvents events) {
                        if (!USES_THE_READ_ONLY_ROLE.test(javaClass)) {
                            events.add(SimpleConditionEvent.violated(javaClass,
                                    javaClass.getName() + " implements a read-only port without ReadOnlyMongo"));
                        }
                    }
                })
                .check(production);
    }

    private static final String CONTROLLER = "io.micronaut.http.annotation.Controller";
    private static final String SERDEABLE = "io.micronaut.serde.annotation.Serdeable";

    private static boolean involvesTheDomain(JavaType type) {
        return type.getAllInvolvedRawTypes().stream().anyMatch(raw -> raw.getPackageName().startsWith("io.playerbase.domain"));
    }

    /** Domain value objects may go into commands; what an endpoint answers is a response record. */
    @Test
    void endpointsNeverReturnDomainObjects() {
        methods().that().areDeclaredInClassesThat().areAnnotatedWith(CONTROLLER)
                .and().areMetaAnnotatedWith("io.micronaut.http.annotation.HttpMethodMapping")
                .should(new ArchCondition<>("not return a domain type, not even as a type argument") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        if (involvesTheDomain(method.getReturnType())) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName() + " returns "
                                    + method.getReturnType().getName()));
                        }
                    }
                })
                .check(production);
    }

    /** What the REST adapter serializes holds no domain object, so a domain change never silently changes the API. */
    @Test
    void responseRecordsNeverCarryDomainObjects() {
        fields().that().areDeclaredInClassesThat().areAnnotatedWith(SERDEABLE)
                .and().areDeclaredInClassesThat().resideInAPackage("io.playerbase.adapters.rest..")
                .and().areNotStatic()
                .should(new ArchCondition<>("not hold a domain type, not even as a type argument") {
                    @Override
                    public void check(JavaField field, ConditionEvents events) {
                        if (involvesTheDomain(field.getType())) {
                            events.add(SimpleConditionEvent.violated(field, field.getFullName() + " is a "
                                    + field.getType().getName()));
                        }
                    }
                })
                .check(production);
    }

    /** Errors reach the one exhaustive handler; a catch in a controller would answer differently. */
    @Test
    void controllersNeverCatch() {
        codeUnits().that().areDeclaredInClassesThat().areAnnotatedWith(CONTROLLER)
                .should(new ArchCondition<>("not catch exceptions") {
                    @Override
                    public void check(JavaCodeUnit codeUnit, ConditionEvents events) {
                        for (TryCatchBlock block : codeUnit.getTryCatchBlocks()) {
                            events.add(SimpleConditionEvent.violated(codeUnit, codeUnit.getFullName()
                                    + " catches " + block.getCaughtThrowables() + " at " + block.getSourceCodeLocation()));
                        }
                    }
                })
                .check(production);
    }

    @Test
    void controllersNeverReachOutgoingPorts() {
        noClasses().that().areAnnotatedWith(CONTROLLER)
                .should().dependOnClassesThat(resideInAPackage("io.playerbase.domain..").and(JavaClass.Predicates.INTERFACES))
                .check(production);
    }

    private static final DescribedPredicate<JavaClass> INCOMING_PORT =
            new DescribedPredicate<>("an incoming port (*UseCase or *Queries in port.in)") {
                @Override
                public boolean test(JavaClass javaClass) {
                    return javaClass.isInterface() && javaClass.getPackageName().startsWith("io.playerbase.application.")
                            && javaClass.getPackageName().endsWith(".port.in")
                            && (javaClass.getSimpleName().endsWith("UseCase") || javaClass.getSimpleName().endsWith("Queries"));
                }
            };

    /** docs/architecture.md naming: {@code CreditWalletUseCase} → {@code CreditWalletService}, {@code WalletQueries} → {@code WalletQueryService}. */
    static String serviceNameOf(String portName) {
        return portName.endsWith("UseCase")
                ? portName.substring(0, portName.length() - "UseCase".length()) + "Service"
                : portName.substring(0, portName.length() - "Queries".length()) + "QueryService";
    }

    @Test
    void eachIncomingPortIsImplementedByExactlyOneServiceNamedAfterIt() {
        classes().that(INCOMING_PORT)
                .should(new ArchCondition<>("be implemented by exactly one <Verb><Noun>Service (or <Module>QueryService)") {
                    @Override
                    public void check(JavaClass port, ConditionEvents events) {
                        List<String> implementations = port.getAllSubclasses().stream()
                                .filter(HAND_WRITTEN).filter(c -> !c.isInterface())
                                .map(JavaClass::getName).sorted().toList();
                        String expected = port.getPackageName().replace(".port.in", "") + "." + serviceNameOf(port.getSimpleName());
                        if (!implementations.equals(List.of(expected))) {
                            events.add(SimpleConditionEvent.violated(port, port.getName() + " is implemented by "
                                    + implementations + ", expected exactly " + expected));
                        }
                    }
                })
                .check(production);
    }

    @Test
    void servicesImplementExactlyOneIncomingPort() {
        classes().that().resideInAPackage("io.playerbase.application..").and().haveSimpleNameEndingWith("Service")
                .and(HAND_WRITTEN)
                .should(new ArchCondition<>("implement exactly one incoming port") {
                    @Override
                    public void check(JavaClass service, ConditionEvents events) {
                        List<String> ports = service.getRawInterfaces().stream().filter(INCOMING_PORT)
                                .map(JavaClass::getSimpleName).sorted().toList();
                        if (ports.size() != 1) {
                            events.add(SimpleConditionEvent.violated(service, service.getName() + " implements " + ports));
                        }
                    }
                })
                .andShould().notBePublic()
                .check(production);
    }

    private static final DescribedPredicate<JavaClass> IMPLEMENTS_A_DOMAIN_PORT =
            new DescribedPredicate<>("implement a domain port") {
                @Override
                public boolean test(JavaClass javaClass) {
                    return javaClass.getAllRawInterfaces().stream()
                            .anyMatch(i -> i.getPackageName().startsWith("io.playerbase.domain."));
                }
            };

    @Test
    void mongoPortImplementationsAreMongoAdaptersAndPackagePrivate() {
        classes().that().resideInAPackage("io.playerbase.adapters.mongo..").and(HAND_WRITTEN).and(IMPLEMENTS_A_DOMAIN_PORT)
                .should().haveSimpleNameEndingWith("MongoAdapter").andShould().notBePublic()
                .check(production);
        classes().that().resideInAPackage("io.playerbase.adapters.mongo..").and().haveSimpleNameEndingWith("MongoAdapter")
                .and(HAND_WRITTEN)
                .should(new ArchCondition<>("implement a domain port") {
                    @Override
                    public void check(JavaClass javaClass, ConditionEvents events) {
                        if (!IMPLEMENTS_A_DOMAIN_PORT.test(javaClass)) {
                            events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName() + " implements no domain port"));
                        }
                    }
                })
                .check(production);
    }

    @Test
    void incomingPortsAreUseCasesOrQueries() {
        classes().that().resideInAPackage("io.playerbase.application..port.in..").and().areInterfaces().and().areTopLevelClasses()
                .should().haveSimpleNameEndingWith("UseCase").orShould().haveSimpleNameEndingWith("Queries")
                .check(production);
    }

    /** docs/architecture.md naming: a write use case is one method (its nested {@code Command} record in, a view out). */
    @Test
    void aUseCaseIsOneMethod() {
        classes().that(INCOMING_PORT).and().haveSimpleNameEndingWith("UseCase")
                .should(new ArchCondition<>("declare exactly one method") {
                    @Override
                    public void check(JavaClass port, ConditionEvents events) {
                        List<String> methods = port.getMethods().stream()
                                .filter(method -> !method.getModifiers().contains(JavaModifier.STATIC))
                                .filter(method -> method.getModifiers().contains(JavaModifier.ABSTRACT))
                                .map(JavaMethod::getName).sorted().toList();
                        if (methods.size() != 1) {
                            events.add(SimpleConditionEvent.violated(port, port.getName() + " declares " + methods));
                        }
                    }
                })
                .check(production);
    }

    @Test
    void controllersAndChangeUnitsAreNamedByTheTable() {
        classes().that().areAnnotatedWith(CONTROLLER).should().haveSimpleNameEndingWith("Controller")
                .andShould().resideInAPackage("io.playerbase.adapters.rest..")
                .check(production);
        classes().that().areAnnotatedWith("io.mongock.api.annotations.ChangeUnit")
                .should().haveNameMatching(".*\\.V\\d{4}_[A-Z]\\w*")
                .check(production);
    }

    @Test
    void serviceNamesFollowThePort() {
        Assertions.assertEquals("CreditWalletService", serviceNameOf("CreditWalletUseCase"));
        Assertions.assertEquals("WalletQueryService", serviceNameOf("WalletQueries"));
    }
}
