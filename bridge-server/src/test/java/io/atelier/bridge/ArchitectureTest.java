package io.atelier.bridge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.core.importer.Locations;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Module boundaries as rules: the engine knows nothing of HTTP, JSON-RPC or the bridge; the protocol knows nothing of
 * the server; the transport-free core (rpc, jobs) knows nothing of Jetty.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = importOurPackages();

    /** Only our packages' own locations: scanning every jar on the classpath (libtorch's among them) is slow. */
    private static JavaClasses importOurPackages() {
        // Rules only look at package names of dependencies; resolving them from the classpath costs seconds for nothing.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        Set<Location> locations = new HashSet<>();
        for (String name : List.of("io.atelier.engine", "io.atelier.protocol", "io.atelier.bridge")) {
            locations.addAll(Locations.ofPackage(name));
        }
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(locations);
    }

    @Test
    void engine_does_not_depend_on_jetty_jsonrpc4j_or_the_bridge() {
        noClasses().that().resideInAPackage("io.atelier.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.eclipse.jetty..", "com.googlecode.jsonrpc4j..", "io.atelier.bridge..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void protocol_does_not_depend_on_servers_or_the_engine() {
        noClasses().that().resideInAPackage("io.atelier.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.eclipse.jetty..", "com.googlecode.jsonrpc4j..", "io.atelier.bridge..", "io.atelier.engine..")
                .check(CLASSES);
    }

    @Test
    void dispatcher_and_jobs_are_transport_free() {
        noClasses().that().resideInAnyPackage("io.atelier.bridge.rpc..", "io.atelier.bridge.jobs..",
                        "io.atelier.bridge.services..", "io.atelier.bridge.security..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..", "okhttp3..")
                .check(CLASSES);
    }

    @Test
    void no_polymorphic_json_typing_anywhere() {
        // JSON must never choose which Java class is instantiated: no @JsonTypeInfo, no default typing.
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("com.fasterxml.jackson.annotation.JsonTypeInfo")
                .check(CLASSES);
        noClasses().should().callMethodWhere(JavaCall.Predicates.target(
                        HasName.Predicates.nameMatching("(activate|enable)DefaultTyping.*")))
                .check(CLASSES);
    }
}
