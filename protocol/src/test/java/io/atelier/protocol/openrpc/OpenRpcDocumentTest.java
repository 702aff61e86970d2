package io.atelier.protocol.openrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.atelier.protocol.ImageRef;
import io.atelier.protocol.service.RpcErrors;
import io.atelier.protocol.service.RpcNotifications;
import io.atelier.protocol.service.RpcService;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenRPC document the build generated into the protocol jar, as the bridge will serve it. */
class OpenRpcDocumentTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonNode document;

    @BeforeAll
    static void readShippedDocument() throws Exception {
        try (InputStream in = ImageRef.class.getClassLoader().getResourceAsStream(OpenRpcGenerator.RESOURCE)) {
            assertNotNull(in, "the build must generate " + OpenRpcGenerator.RESOURCE + " into the classes");
            document = MAPPER.readTree(in); // fails the test if it is not JSON
        }
    }

    @Test
    void document_declares_openrpc_1_2_and_the_protocol_version() {
        assertTrue(document.path("openrpc").asText().startsWith("1.2."));
        assertEquals(io.atelier.protocol.ProtocolVersion.CURRENT, document.path("info").path("version").asText());
    }

    @Test
    void every_rpc_service_method_is_described() {
        Set<String> expected = wireNames(RpcService.class);
        assertTrue(expected.contains("jobs.get") && expected.contains("taxonomy.resolve"), "scan found " + expected);
        assertEquals(expected, names(document.path("methods")));
    }

    @Test
    void every_notification_is_described_with_its_params() {
        assertEquals(wireNames(RpcNotifications.class), names(document.path("x-notifications")));
        JsonNode progress = byName(document.path("x-notifications"), "jobs.progress");
        assertEquals("#/components/schemas/JobsProgressNotification", progress.path("x-params").path("$ref").asText());
        assertFalse(progress.has("result"), "a notification has no result");
    }

    @Test
    void every_ref_resolves_inside_the_document() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertTrue(refs.size() > 50, "expected many references, found " + refs.size());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/"), "only local references: " + ref);
            assertFalse(document.at(ref.substring(1)).isMissingNode(), "unresolved $ref " + ref);
        }
    }

    @Test
    void records_become_objects_with_every_component_and_only_required_ones_listed() {
        JsonNode generate = schema("ImagesGenerateParams");
        assertEquals("object", generate.path("type").asText());
        assertEquals(Set.of("prompt"), texts(generate.path("required")), "prompt is required, boxed numbers are optional");
        assertEquals("integer", generate.path("properties").path("width").path("type").asText());
        assertEquals("#/components/schemas/ImageInput",
                generate.path("properties").path("initImage").path("allOf").path(0).path("$ref").asText());
        assertEquals(Set.of("step", "totalSteps"), texts(schema("JobProgress").path("required")), "primitives are required");
        for (JavaClass record : mainClasses().stream().filter(JavaClass::isRecord).toList()) {
            JsonNode schema = schema(record.getSimpleName());
            if (schema.isMissingNode()) {
                continue; // a record no method uses (none today) would simply not be described
            }
            Set<String> components = new TreeSet<>();
            for (RecordComponent component : record.reflect().getRecordComponents()) {
                components.add(component.getName());
            }
            assertEquals(components, fieldNames(schema.path("properties")), record.getSimpleName());
        }
    }

    @Test
    void enums_are_string_enums_of_their_wire_names() {
        JsonNode status = schema("JobStatus");
        assertEquals("string", status.path("type").asText());
        assertEquals(List.of("queued", "running", "succeeded", "failed", "cancelled"),
                StreamSupport.stream(status.path("enum").spliterator(), false).map(JsonNode::asText).toList());
        assertTrue(texts(schema("PreviewTimeOfDay").path("enum")).contains("golden-hour"));
    }

    @Test
    void lists_become_arrays_of_their_element_schema() {
        JsonNode results = schema("JobInfo").path("properties").path("results");
        assertEquals("array", results.path("type").asText());
        assertEquals("#/components/schemas/ImageRef", results.path("items").path("$ref").asText());
    }

    @Test
    void each_method_lists_the_standard_errors_and_its_declared_ones() throws Exception {
        Method generate = io.atelier.protocol.service.ImagesService.class
                .getMethod("generate", io.atelier.protocol.ImagesGenerateParams.class);
        Set<Integer> expected = new TreeSet<>(OpenRpcGenerator.STANDARD_METHOD_ERRORS);
        for (int code : generate.getAnnotation(RpcErrors.class).value()) {
            expected.add(code);
        }
        Set<Integer> listed = new TreeSet<>();
        for (JsonNode error : byName(document.path("methods"), "images.generate").path("errors")) {
            listed.add(document.at(error.path("$ref").asText().substring(1)).path("code").asInt());
        }
        assertEquals(expected, listed);
    }

    @Test
    void params_are_by_name_with_required_flags_and_descriptions() {
        JsonNode resolve = byName(document.path("methods"), "taxonomy.resolve");
        assertEquals("by-name", resolve.path("paramStructure").asText());
        JsonNode text = byName(resolve.path("params"), "text");
        assertTrue(text.path("required").asBoolean());
        assertFalse(byName(resolve.path("params"), "brand").path("required").asBoolean());
        assertFalse(text.path("schema").path("description").asText().isBlank(), "descriptions come from the Javadoc");
        assertFalse(resolve.path("description").asText().isBlank());
    }

    @Test
    void every_golden_fixture_conforms_to_the_document() throws Exception {
        SchemaConformance conformance = new SchemaConformance(document);
        JsonNode index;
        try (InputStream in = ImageRef.class.getClassLoader().getResourceAsStream("fixtures/index.json")) {
            index = MAPPER.readTree(in);
        }
        int checked = 0;
        for (JsonNode entry : index.path("fixtures")) {
            String kind = entry.path("kind").asText();
            JsonNode message;
            try (InputStream in = ImageRef.class.getClassLoader()
                    .getResourceAsStream("fixtures/" + entry.path("file").asText())) {
                message = MAPPER.readTree(in);
            }
            List<String> violations = switch (kind) {
                case "request" -> conformance.violations(
                        byName(document.path("methods"), entry.path("method").asText()).path("x-params"),
                        message.path("params"), "params");
                case "result" -> conformance.violations(
                        byName(document.path("methods"), entry.path("method").asText()).path("result").path("schema"),
                        message.path("result"), "result");
                case "notification" -> conformance.violations(
                        byName(document.path("x-notifications"), entry.path("method").asText()).path("x-params"),
                        message.path("params"), "params");
                case "error" -> conformance.violations(schema("RpcError"), message.path("error"), "error");
                default -> List.of();
            };
            assertEquals(List.of(), violations, entry.path("file").asText());
            checked++;
        }
        assertTrue(checked > 60, "checked " + checked);
        assertFalse(conformance.violations(schema("JobProgress"), MAPPER.readTree("{\"step\":\"3\"}"), "p").isEmpty(),
                "the check itself must catch a wrong type and a missing field");
    }

    @Test
    void shipped_document_matches_the_current_types() throws Exception {
        Path classes = Path.of(ImageRef.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JsonNode fresh = new OpenRpcGenerator(new JavadocReader(Path.of("src/main/java")))
                .generate(ProtocolClasses.services(classes), ProtocolClasses.notifications(classes));
        assertEquals(fresh, document, "openrpc.json is stale: rebuild the protocol module");
    }

    private static List<JavaClass> mainClasses() {
        return new ArrayList<>(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.atelier.protocol"));
    }

    /** Wire names found by scanning the compiled main classes, independently of the generator's own scan. */
    private static Set<String> wireNames(Class<? extends java.lang.annotation.Annotation> marker) {
        Set<String> names = new TreeSet<>();
        for (JavaClass type : mainClasses()) {
            if (type.isInterface() && type.isAnnotatedWith(marker)) {
                Class<?> reflected = type.reflect();
                String namespace = marker == RpcService.class
                        ? reflected.getAnnotation(RpcService.class).value()
                        : reflected.getAnnotation(RpcNotifications.class).value();
                for (Method method : reflected.getDeclaredMethods()) {
                    names.add(namespace + "." + method.getName());
                }
            }
        }
        return names;
    }

    private static JsonNode schema(String name) {
        return document.path("components").path("schemas").path(name);
    }

    private static JsonNode byName(JsonNode array, String name) {
        for (JsonNode item : array) {
            if (name.equals(item.path("name").asText())) {
                return item;
            }
        }
        throw new AssertionError("no entry named " + name);
    }

    private static Set<String> names(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path("name").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(entry -> {
                if (entry.getKey().equals("$ref")) {
                    refs.add(entry.getValue().asText());
                } else {
                    collectRefs(entry.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }
}
