package io.atelier.tools;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Locations;
import org.junit.jupiter.api.Test;

/**
 * The tools may use every module; no module may use them. Here, unlike in bridge-server's ModuleBoundariesTest, the
 * tools' classes are on the classpath beside every production module's, so a production class that reached them
 * (through a new {@code <dependency>}, reflection aside) would show.
 */
class ToolsBoundaryTest {
    private static final String TOOLS = "io.atelier.tools..";
    private static final JavaClasses CLASSES = importAllModules();

    private static JavaClasses importAllModules() {
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(Locations.ofPackage("io.atelier"));
    }

    @Test
    void no_production_class_depends_on_the_tools() {
        noClasses().that().resideOutsideOfPackage(TOOLS)
                .should().dependOnClassesThat().resideInAPackage(TOOLS)
                .because("the tools depend on the app, never the other way round")
                .check(CLASSES);
    }

    @Test
    void benchmarks_and_demos_live_in_the_tools() {
        classes().that().resideInAnyPackage("..bench..", "..house..").should().resideInAPackage(TOOLS)
                .check(CLASSES);
        classes().that().haveSimpleNameEndingWith("Benchmark").or().haveSimpleNameEndingWith("Demo")
                .should().resideInAPackage(TOOLS)
                .check(CLASSES);
    }
}
