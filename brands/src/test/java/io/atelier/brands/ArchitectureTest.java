package io.atelier.brands;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Locations;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The brand domain and its storage know nothing of HTTP, JSON-RPC, the protocol records or the bridge. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = importBrands();

    /** Only this module's classes; resolving their dependencies from the classpath (libtorch's jars) costs seconds. */
    private static JavaClasses importBrands() {
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(Locations.ofPackage("io.atelier.brands"));
    }

    @Test
    void brands_do_not_depend_on_transports_protocol_or_bridge() {
        noClasses().that().resideInAPackage("io.atelier.brands..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..", "com.googlecode.jsonrpc4j..",
                        "okhttp3..", "io.atelier.protocol..", "io.atelier.bridge..")
                .check(CLASSES);
    }
}
