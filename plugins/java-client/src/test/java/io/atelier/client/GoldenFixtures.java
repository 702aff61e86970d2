package io.atelier.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.protocol.service.AdaptersService;
import io.atelier.protocol.service.BrandsService;
import io.atelier.protocol.service.CapsulesService;
import io.atelier.protocol.service.DatasetsService;
import io.atelier.protocol.service.HistoryService;
import io.atelier.protocol.service.ImagesService;
import io.atelier.protocol.service.JobsService;
import io.atelier.protocol.service.LorasService;
import io.atelier.protocol.service.ModelsService;
import io.atelier.protocol.service.PreviewService;
import io.atelier.protocol.service.RpcDiscoverService;
import io.atelier.protocol.service.RpcService;
import io.atelier.protocol.service.SessionService;
import io.atelier.protocol.service.TaxonomyService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The protocol's golden fixtures (copied from protocol/src/test/resources/fixtures by this module's build), and the
 * service methods they belong to.
 */
final class GoldenFixtures {
    static final ObjectMapper MAPPER = new ObjectMapper();

    static final List<Class<?>> SERVICES = List.of(SessionService.class, RpcDiscoverService.class, ModelsService.class,
            LorasService.class,
            ImagesService.class, JobsService.class, TaxonomyService.class, BrandsService.class, DatasetsService.class,
            AdaptersService.class, HistoryService.class, CapsulesService.class, PreviewService.class);

    /** Numbers compare by value (a long 42 and an int 42 are the same on the wire); all else exactly. */
    static final Comparator<JsonNode> SAME_JSON = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private GoldenFixtures() {
    }

    record Entry(String file, String kind, String method) {
    }

    static List<Entry> entries(String kind) {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode node : read("index.json").path("fixtures")) {
            if (node.path("kind").asText().equals(kind)) {
                entries.add(new Entry(node.path("file").asText(), kind, node.path("method").asText(null)));
            }
        }
        return entries;
    }

    static boolean exists(String file) {
        return GoldenFixtures.class.getClassLoader().getResource("fixtures/" + file) != null;
    }

    static JsonNode read(String file) {
        try (InputStream in = GoldenFixtures.class.getClassLoader().getResourceAsStream("fixtures/" + file)) {
            if (in == null) {
                throw new AssertionError("missing fixture " + file);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of a message with another id, for answering a request the client numbered itself. */
    static String withId(JsonNode message, JsonNode id) {
        ObjectNode copy = message.deepCopy();
        copy.set("id", id);
        return copy.toString();
    }

    /** The service method answering to a wire name such as {@code jobs.get}. */
    static Method method(String wireName) {
        for (Class<?> service : SERVICES) {
            String namespace = service.getAnnotation(RpcService.class).value();
            for (Method method : service.getDeclaredMethods()) {
                if ((namespace + "." + method.getName()).equals(wireName)) {
                    return method;
                }
            }
        }
        throw new AssertionError("no service method " + wireName);
    }

    static boolean sameJson(JsonNode expected, JsonNode actual) {
        return expected.equals(SAME_JSON, actual);
    }
}
