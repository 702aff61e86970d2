package io.atelier.bridge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Locations;
import org.junit.jupiter.api.Test;

/**
 * Every Java module's allowed dependencies, checked on the compiled classes of all of them (the bridge's test
 * classpath holds every module). Maven's module graph already stops a module from importing one it does not declare;
 * these rules also stop what the graph lets through transitively (the bridge's dependencies are all on one classpath)
 * and what a new {@code <dependency>} line would quietly allow. The Python plugins speak only the protocol over HTTP and
 * are held to it by their own tests.
 *
 * <pre>
 *   protocol  <-  client (plugins/java-client)  <-  preview (jme-preview)  <-  bridge
 *   engine    <-  micro  <-  brands  <-  bridge
 *   taxonomy  <-  micro, brands, bridge        (French and English to model input; depends on no other module)
 *   every module above  <-  tools (benchmarks, demos, measurements: never in the app's jars)
 * </pre>
 * The tools module's classes are not on this classpath: {@code ToolsBoundaryTest} there checks the same rule with them.
 */
class ModuleBoundariesTest {
    private static final String PROTOCOL = "io.atelier.protocol..";
    private static final String TAXONOMY = "io.atelier.taxonomy..";
    private static final String ENGINE = "io.atelier.engine..";
    private static final String MICRO = "io.atelier.micro..";
    private static final String BRANDS = "io.atelier.brands..";
    private static final String CLIENT = "io.atelier.client..";
    private static final String PREVIEW = "io.atelier.preview..";
    private static final String BRIDGE = "io.atelier.bridge..";
    private static final String TOOLS = "io.atelier.tools..";
    private static final String[] TRANSPORTS = {"org.eclipse.jetty..", "com.googlecode.jsonrpc4j..", "okhttp3.."};

    private static final JavaClasses CLASSES = importAllModules();

    private static JavaClasses importAllModules() {
        // Rules only look at package names; resolving every dependency from the classpath (libtorch's jars) is slow.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(Locations.ofPackage("io.atelier"));
    }

    @Test
    void each_module_uses_only_the_modules_below_it() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("protocol").definedBy(PROTOCOL)
                .layer("taxonomy").definedBy(TAXONOMY)
                .layer("engine").definedBy(ENGINE)
                .layer("micro").definedBy(MICRO)
                .layer("brands").definedBy(BRANDS)
                .layer("client").definedBy(CLIENT)
                .layer("preview").definedBy(PREVIEW)
                .layer("bridge").definedBy(BRIDGE)
                .whereLayer("bridge").mayNotBeAccessedByAnyLayer()
                .whereLayer("brands").mayOnlyBeAccessedByLayers("bridge")
                .whereLayer("micro").mayOnlyBeAccessedByLayers("brands", "bridge")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("micro", "brands", "bridge")
                .whereLayer("taxonomy").mayOnlyBeAccessedByLayers("micro", "brands", "bridge")
                .whereLayer("preview").mayOnlyBeAccessedByLayers("bridge")
                .whereLayer("client").mayOnlyBeAccessedByLayers("preview", "bridge")
                .whereLayer("protocol").mayOnlyBeAccessedByLayers("client", "preview", "bridge")
                .check(CLASSES);
    }

    @Test
    void every_class_belongs_to_a_module_these_rules_know() {
        classes().should().resideInAnyPackage(PROTOCOL, TAXONOMY, ENGINE, MICRO, BRANDS, CLIENT, PREVIEW, BRIDGE)
                .because("a new module needs its place in each_module_uses_only_the_modules_below_it")
                .check(CLASSES);
    }

    @Test
    void no_module_reaches_the_tools() {
        noClasses().should().dependOnClassesThat().resideInAPackage(TOOLS)
                .because("the tools depend on the app, never the other way round")
                .check(CLASSES);
    }

    @Test
    void the_production_jars_hold_no_benchmark_or_demo() {
        noClasses().should().resideInAnyPackage("..bench..", "..demo..")
                .orShould().haveSimpleNameEndingWith("Bench")
                .orShould().haveSimpleNameEndingWith("Benchmark")
                .orShould().haveSimpleNameEndingWith("Demo")
                .because("benchmarks and demos belong to the tools module (tools/, its own jar)")
                .check(CLASSES);
    }

    @Test
    void only_the_bridge_and_the_clients_speak_http() {
        noClasses().that().resideInAnyPackage(TAXONOMY, ENGINE, MICRO, BRANDS, PROTOCOL)
                .should().dependOnClassesThat().resideInAnyPackage(TRANSPORTS)
                .check(CLASSES);
        noClasses().that().resideInAnyPackage(CLIENT, PREVIEW)
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..", "com.googlecode.jsonrpc4j..")
                .because("clients reach the bridge over HTTP, they do not host it")
                .check(CLASSES);
    }

    @Test
    void only_the_model_side_runs_tensors() {
        noClasses().that().resideInAnyPackage(PROTOCOL, CLIENT, PREVIEW)
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..")
                .because("a client machine needs no libtorch: models run behind the bridge")
                .check(CLASSES);
    }
}
