package io.atelier.protocol.openrpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.protocol.Empty;
import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.ErrorData;
import io.atelier.protocol.ProtocolVersion;
import io.atelier.protocol.service.RpcDescription;
import io.atelier.protocol.service.RpcErrors;
import io.atelier.protocol.service.RpcNotifications;
import io.atelier.protocol.service.RpcService;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Generates the OpenRPC 1.2 document from the protocol's compiled types. Run by the build (exec-maven-plugin, phase
 * {@code process-test-classes}) so that {@code io/atelier/protocol/openrpc.json} ships in the protocol jar, where the
 * bridge serves it from for {@code rpc.discover}. It lives in test scope to keep jackson-databind out of the
 * protocol's main dependencies.
 *
 * <p>Usage: {@code OpenRpcGenerator <classes dir> <java sources dir> <output file>}.
 */
public final class OpenRpcGenerator {
    public static final String OPENRPC_VERSION = "1.2.6";
    public static final String RESOURCE = "io/atelier/protocol/openrpc.json";

    /** Every method may answer these beyond its own {@link RpcErrors}: bad params, a bug, a missing token. */
    static final List<Integer> STANDARD_METHOD_ERRORS =
            List.of(ErrorCodes.INVALID_PARAMS, ErrorCodes.INTERNAL_ERROR, ErrorCodes.UNAUTHORIZED);

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final JsonSchemas schemas;
    private final Map<Integer, String> errorNames = errorNamesByCode();

    OpenRpcGenerator(JavadocReader javadoc) {
        this.schemas = new JsonSchemas(javadoc);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: OpenRpcGenerator <classes dir> <java sources dir> <output file>");
        }
        Path classes = Path.of(args[0]);
        ObjectNode document = new OpenRpcGenerator(new JavadocReader(Path.of(args[1])))
                .generate(ProtocolClasses.services(classes), ProtocolClasses.notifications(classes));
        Path output = Path.of(args[2]);
        Files.createDirectories(output.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(output.toFile(), document);
    }

    ObjectNode generate(List<Class<?>> services, List<Class<?>> notificationInterfaces) {
        ObjectNode document = JSON.objectNode();
        document.put("openrpc", OPENRPC_VERSION);
        document.putObject("info")
                .put("title", "Atelier bridge")
                .put("version", ProtocolVersion.CURRENT)
                .put("description", "JSON-RPC 2.0 over POST /rpc (Bearer token) and the WebSocket /ws (token in "
                        + "session.initialize). Generated from the io.atelier.protocol Java types; do not edit.");
        document.putArray("servers").addObject()
                .put("name", "local bridge")
                .put("url", "http://127.0.0.1:7437/rpc");

        ArrayNode methods = document.putArray("methods");
        byWireName(services, RpcService.class, type -> type.getAnnotation(RpcService.class).value())
                .forEach((name, method) -> methods.add(method(method, name)));
        ArrayNode notifications = document.putArray("x-notifications");
        byWireName(notificationInterfaces, RpcNotifications.class, type -> type.getAnnotation(RpcNotifications.class).value())
                .forEach((name, method) -> notifications.add(notification(method, name)));

        schemas.define(ErrorData.class); // the shape of every error's data, referenced by RpcError and by clients
        ObjectNode components = document.putObject("components");
        ObjectNode componentSchemas = components.putObject("schemas");
        schemas.components().forEach(componentSchemas::set);
        ObjectNode errors = components.putObject("errors");
        errorNames.forEach((code, name) -> errors.putObject(name).put("code", code).put("message", message(name)));
        return document;
    }

    private ObjectNode method(Method method, String name) {
        ObjectNode node = describedCall(method, name);
        Class<?> result = method.getReturnType();
        ObjectNode resultDescriptor = node.putObject("result").put("name", resultName(result));
        resultDescriptor.set("schema", result == Map.class
                ? JSON.objectNode().put("type", "object").put("description", "the OpenRPC document")
                : schemas.schemaOf(method.getGenericReturnType()));
        ArrayNode errors = node.putArray("errors");
        for (int code : errorCodes(method)) {
            errors.addObject().put("$ref", "#/components/errors/" + errorNames.get(code));
        }
        return node;
    }

    private ObjectNode notification(Method method, String name) {
        return describedCall(method, name).put("x-notification", true);
    }

    /** Name, description and by-name params: one content descriptor per component of the params record. */
    private ObjectNode describedCall(Method method, String name) {
        if (method.getParameterCount() != 1 || !method.getParameterTypes()[0].isRecord()) {
            throw new IllegalStateException(name + " must take exactly one params record");
        }
        Class<?> paramsType = method.getParameterTypes()[0];
        ObjectNode node = JSON.objectNode().put("name", name);
        RpcDescription description = method.getAnnotation(RpcDescription.class);
        node.put("description", description != null ? description.value() : sentenceFromName(name));
        node.put("paramStructure", "by-name");
        ArrayNode params = node.putArray("params");
        if (paramsType != Empty.class) {
            schemas.define(paramsType);
            ObjectNode recordSchema = schemas.components().get(paramsType.getSimpleName());
            for (RecordComponent component : paramsType.getRecordComponents()) {
                String wireName = JsonSchemas.wireName(component);
                ObjectNode descriptor = params.addObject().put("name", wireName);
                if (JsonSchemas.isRequired(component)) {
                    descriptor.put("required", true);
                }
                descriptor.set("schema", recordSchema.get("properties").get(wireName).deepCopy());
            }
        }
        // The whole params object as one schema, for clients that validate a request before sending it.
        node.set("x-params", schemas.schemaOf(paramsType));
        return node;
    }

    private static String resultName(Class<?> result) {
        return result == Map.class ? "document" : Character.toLowerCase(result.getSimpleName().charAt(0))
                + result.getSimpleName().substring(1);
    }

    private static List<Integer> errorCodes(Method method) {
        Set<Integer> codes = new LinkedHashSet<>(STANDARD_METHOD_ERRORS);
        RpcErrors declared = method.getAnnotation(RpcErrors.class);
        if (declared != null) {
            for (int code : declared.value()) {
                codes.add(code);
            }
        }
        return new ArrayList<>(codes);
    }

    /** The interfaces' methods by wire name ({@code namespace.verb}), sorted so the document is stable. */
    private static Map<String, Method> byWireName(List<Class<?>> interfaces,
            Class<? extends java.lang.annotation.Annotation> marker, Function<Class<?>, String> namespace) {
        Map<String, Method> methods = new TreeMap<>();
        for (Class<?> type : interfaces) {
            for (Method method : type.getMethods()) {
                if (!method.isDefault() && !Modifier.isStatic(method.getModifiers())
                        && method.getDeclaringClass().isAnnotationPresent(marker)) {
                    String name = namespace.apply(method.getDeclaringClass()) + "." + method.getName();
                    if (methods.put(name, method) != null) {
                        throw new IllegalStateException("Two methods are called " + name + " on the wire");
                    }
                }
            }
        }
        return methods;
    }

    /** {@code NOT_FOUND} → {@code NotFound}, by code, from the constants of {@link ErrorCodes}. */
    private static Map<Integer, String> errorNamesByCode() {
        Map<Integer, String> names = new TreeMap<>(Comparator.reverseOrder());
        for (Field field : ErrorCodes.class.getFields()) {
            if (field.getType() == int.class && Modifier.isStatic(field.getModifiers())) {
                try {
                    names.put(field.getInt(null), pascalCase(field.getName()));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }

    private static String pascalCase(String constant) {
        StringBuilder out = new StringBuilder();
        for (String word : constant.toLowerCase(Locale.ROOT).split("_")) {
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.toString();
    }

    /** {@code NotFound} → {@code Not found}: the standard short message of each code. */
    private static String message(String pascal) {
        return pascal.charAt(0) + pascal.substring(1).replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT);
    }

    private static String sentenceFromName(String wireName) {
        return "Calls " + wireName + ".";
    }
}
