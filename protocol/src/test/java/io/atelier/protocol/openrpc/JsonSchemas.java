package io.atelier.protocol.openrpc;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the protocol's Java types into JSON Schema (the dialect OpenRPC 1.2 embeds). Records become objects under
 * {@code components/schemas}, referenced by {@code $ref}; enums become string enums of their {@code @JsonProperty}
 * names; lists become arrays; maps become objects with {@code additionalProperties}.
 *
 * <p>Required properties: primitives always (they cannot be absent in Java), reference types when the component is
 * marked {@code @JsonProperty(required = true)}.
 */
final class JsonSchemas {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Schemas by simple name, sorted so the generated document is stable from build to build. */
    private final Map<String, ObjectNode> components = new TreeMap<>();
    private final JavadocReader javadoc;

    JsonSchemas(JavadocReader javadoc) {
        this.javadoc = javadoc;
    }

    Map<String, ObjectNode> components() {
        return components;
    }

    /** The schema of a value of this Java type: inline for scalars and containers, a {@code $ref} for named types. */
    ObjectNode schemaOf(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return JSON.objectNode().put("type", "array").set("items", schemaOf(arguments[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return JSON.objectNode().put("type", "object").set("additionalProperties", schemaOf(arguments[1]));
            }
            throw new IllegalArgumentException("Unsupported generic type on the wire: " + type);
        }
        Class<?> cls = (Class<?>) type;
        if (cls == String.class) {
            return JSON.objectNode().put("type", "string");
        }
        if (cls == int.class || cls == Integer.class) {
            return JSON.objectNode().put("type", "integer").put("format", "int32");
        }
        if (cls == long.class || cls == Long.class) {
            return JSON.objectNode().put("type", "integer").put("format", "int64");
        }
        if (cls == double.class || cls == Double.class || cls == float.class || cls == Float.class) {
            return JSON.objectNode().put("type", "number");
        }
        if (cls == boolean.class || cls == Boolean.class) {
            return JSON.objectNode().put("type", "boolean");
        }
        if (cls == Object.class) {
            return JSON.objectNode().put("description", "any JSON value");
        }
        if (cls.isEnum() || cls.isRecord()) {
            define(cls);
            return ref(cls);
        }
        throw new IllegalArgumentException("Unsupported type on the wire: " + cls.getName());
    }

    /** Adds a record or enum to the components (once) and returns nothing; callers reference it by {@link #ref}. */
    void define(Class<?> cls) {
        String name = cls.getSimpleName();
        if (components.containsKey(name)) {
            return;
        }
        ObjectNode schema = JSON.objectNode();
        components.put(name, schema); // before recursing, so self-referencing records terminate
        schema.put("title", name);
        javadoc.typeDescription(cls).ifPresent(text -> schema.put("description", text));
        if (cls.isEnum()) {
            schema.put("type", "string");
            var values = schema.putArray("enum");
            for (Object constant : cls.getEnumConstants()) {
                values.add(enumWireName((Enum<?>) constant));
            }
            return;
        }
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        var required = JSON.arrayNode();
        for (RecordComponent component : cls.getRecordComponents()) {
            String wireName = wireName(component);
            ObjectNode property = schemaOf(component.getGenericType());
            javadoc.paramDescription(cls, component.getName()).ifPresent(text -> describe(property, text));
            properties.set(wireName, property);
            if (isRequired(component)) {
                required.add(wireName);
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
    }

    static ObjectNode ref(Class<?> cls) {
        return JSON.objectNode().put("$ref", "#/components/schemas/" + cls.getSimpleName());
    }

    static String wireName(RecordComponent component) {
        JsonProperty property = jsonProperty(component);
        return property != null && !property.value().isEmpty() ? property.value() : component.getName();
    }

    static boolean isRequired(RecordComponent component) {
        JsonProperty property = jsonProperty(component);
        return component.getType().isPrimitive() || (property != null && property.required());
    }

    /**
     * {@code @JsonProperty} does not target record components, so Java keeps it on the accessor (and field and
     * constructor parameter) only: read it there.
     */
    private static JsonProperty jsonProperty(RecordComponent component) {
        return component.getAccessor().getAnnotation(JsonProperty.class);
    }

    static String enumWireName(Enum<?> constant) {
        try {
            JsonProperty property = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            return property != null && !property.value().isEmpty() ? property.value() : constant.name();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON Schema ignores siblings of {@code $ref} in older drafts, so a described reference is wrapped in allOf. */
    private static void describe(ObjectNode property, String text) {
        if (property.has("$ref")) {
            ObjectNode target = property.deepCopy();
            property.removeAll();
            property.putArray("allOf").add(target);
        }
        property.put("description", text);
    }
}
