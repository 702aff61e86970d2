package io.atelier.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The protocol is the contract every client shares: it must stay a plain set of types, loadable next to any server,
 * engine or HTTP stack without dragging one in.
 */
class ProtocolArchitectureTest {
    private static JavaClasses protocolMain;

    @BeforeAll
    static void importMainClasses() {
        protocolMain = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.atelier.protocol");
    }

    @Test
    void protocol_depends_only_on_java_jackson_annotations_and_itself() {
        classes().that().resideInAPackage("io.atelier.protocol..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java..", "com.fasterxml.jackson.annotation..", "io.atelier.protocol..")
                .because("the protocol module is shared by the bridge, the clients and the plugins' tests")
                .check(protocolMain);
    }

    @Test
    void protocol_never_touches_databind_servers_engines_or_http() {
        noClasses().that().resideInAPackage("io.atelier.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.fasterxml.jackson.databind..", "com.fasterxml.jackson.core..",
                        "io.atelier.bridge..", "io.atelier.engine..", "io.atelier.micro..", "io.atelier.client..",
                        "org.eclipse.jetty..", "okhttp3..", "ai.djl..", "com.googlecode.jsonrpc4j..")
                .check(protocolMain);
    }

    @Test
    void wire_types_are_records_or_enums() {
        classes().that().resideInAPackage("io.atelier.protocol")
                .and().areNotAnnotations().and().areNotInterfaces()
                .and().doNotHaveSimpleName("ErrorCodes").and().doNotHaveSimpleName("Notifications")
                .and().doNotHaveSimpleName("ProtocolVersion")
                .should().beAssignableTo(Record.class).orShould().beAssignableTo(Enum.class)
                .because("every message is an immutable record; constants live in the three holder classes")
                .check(protocolMain);
    }
}
