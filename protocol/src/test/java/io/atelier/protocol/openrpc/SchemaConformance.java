package io.atelier.protocol.openrpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a JSON value against the small JSON Schema subset the generator emits ($ref, allOf, type, enum,
 * properties, required, items, additionalProperties), so tests can hold the golden fixtures against the document.
 */
final class SchemaConformance {
    private final JsonNode document;

    SchemaConformance(JsonNode document) {
        this.document = document;
    }

    List<String> violations(JsonNode schema, JsonNode value, String path) {
        List<String> found = new ArrayList<>();
        check(schema, value, path, found);
        return found;
    }

    private void check(JsonNode schema, JsonNode value, String path, List<String> found) {
        if (schema.has("$ref")) {
            check(document.at(schema.get("$ref").asText().substring(1)), value, path, found);
            return;
        }
        for (JsonNode part : schema.path("allOf")) {
            check(part, value, path, found);
        }
        String type = schema.path("type").asText("");
        boolean typeMatches = switch (type) {
            case "" -> true;
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> false;
        };
        if (!typeMatches) {
            found.add(path + ": expected " + type + ", got " + value.getNodeType());
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                found.add(path + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), path + "[" + i + "]", found);
            }
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    found.add(path + ": missing required " + required.asText());
                }
            }
            JsonNode properties = schema.get("properties");
            value.fields().forEachRemaining(field -> {
                String at = path + "." + field.getKey();
                if (properties != null) {
                    if (!properties.has(field.getKey())) {
                        found.add(at + ": not declared in the schema");
                    } else {
                        check(properties.get(field.getKey()), field.getValue(), at, found);
                    }
                } else if (schema.has("additionalProperties") && schema.get("additionalProperties").isObject()) {
                    check(schema.get("additionalProperties"), field.getValue(), at, found);
                }
            });
        }
    }
}
