package io.atelier.client;

import static io.atelier.client.GoldenFixtures.MAPPER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.ImageRef;
import io.atelier.protocol.JobIdParams;
import io.atelier.protocol.service.JobsService;
import io.atelier.protocol.service.RpcDiscoverService;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's HTTP wire format against the golden fixtures. OkHttp's MockWebServer stands in for the bridge here
 * (bridge-server is written in parallel); the end-to-end tests against the real bridge live in bridge-server.
 */
class AtelierClientHttpTest {
    private static final String TOKEN = "atl_test_token_7Qm2";

    private MockWebServer bridgeStandIn;
    private AtelierClient client;

    @BeforeEach
    void start() throws Exception {
        bridgeStandIn = new MockWebServer();
        bridgeStandIn.start();
        client = AtelierClient.create(bridgeStandIn.url("/").toString(), TOKEN);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        bridgeStandIn.shutdown();
    }

    @TestFactory
    Stream<DynamicTest> each_method_sends_its_fixture_request_and_reads_its_fixture_result() {
        return GoldenFixtures.entries("request").stream()
                .filter(request -> GoldenFixtures.exists(resultFile(request.file())))
                .map(request -> DynamicTest.dynamicTest(request.file(), () -> sendAndRead(request)));
    }

    private void sendAndRead(GoldenFixtures.Entry request) throws Exception {
        JsonNode requestFixture = GoldenFixtures.read(request.file());
        JsonNode resultFixture = GoldenFixtures.read(resultFile(request.file()));
        Method method = GoldenFixtures.method(request.method());
        try (AtelierClient fresh = AtelierClient.create(bridgeStandIn.url("/").toString(), TOKEN)) {
            // A fresh client numbers its first request 1, as the fixtures do.
            bridgeStandIn.enqueue(json(200, resultFixture.toString()));
            Object params = MAPPER.treeToValue(requestFixture.get("params"), method.getParameterTypes()[0]);

            Object result = method.invoke(fresh.service(method.getDeclaringClass()), params);

            RecordedRequest sent = bridgeStandIn.takeRequest(5, TimeUnit.SECONDS);
            assertEquals("POST", sent.getMethod());
            assertEquals("/rpc", sent.getPath());
            assertEquals("Bearer " + TOKEN, sent.getHeader("Authorization"));
            assertTrue(sent.getHeader("Content-Type").startsWith("application/json"), sent.getHeader("Content-Type"));
            JsonNode body = MAPPER.readTree(sent.getBody().readUtf8());
            assertTrue(GoldenFixtures.sameJson(requestFixture, body),
                    "sent\n  " + body + "\nexpected\n  " + requestFixture);
            assertTrue(GoldenFixtures.sameJson(resultFixture.get("result"), MAPPER.valueToTree(result)),
                    "read " + result + " from " + resultFixture.get("result"));
        }
    }

    @TestFactory
    Stream<DynamicTest> each_error_fixture_becomes_an_exception_with_code_reason_field_and_status() {
        Map<Integer, Integer> httpStatusByCode = Map.of(ErrorCodes.UNAUTHORIZED, 401, ErrorCodes.FORBIDDEN, 403,
                ErrorCodes.TOO_LARGE, 413, ErrorCodes.PARSE_ERROR, 400, ErrorCodes.INVALID_REQUEST, 400);
        return GoldenFixtures.entries("error").stream().map(entry -> DynamicTest.dynamicTest(entry.file(), () -> {
            JsonNode fixture = GoldenFixtures.read(entry.file());
            JsonNode error = fixture.get("error");
            int status = httpStatusByCode.getOrDefault(error.get("code").asInt(), 200);
            bridgeStandIn.enqueue(json(status, fixture.toString()));

            AtelierRpcException thrown = assertThrows(AtelierRpcException.class,
                    () -> client.service(JobsService.class).get(new JobIdParams("job_1")));

            assertEquals(error.get("code").asInt(), thrown.code());
            assertEquals(error.path("data").path("reason").asText(), thrown.reason());
            assertEquals(error.path("data").path("field").asText(null), thrown.field());
            assertEquals(status, thrown.httpStatus());
            assertTrue(thrown.getMessage().contains(thrown.reason()));
        }));
    }

    @Test
    void a_refusal_without_a_json_body_still_names_its_code_and_status() {
        bridgeStandIn.enqueue(new MockResponse().setResponseCode(413));

        AtelierRpcException thrown = assertThrows(AtelierRpcException.class, () -> client.call("models.list", null));

        assertEquals(ErrorCodes.TOO_LARGE, thrown.code());
        assertEquals(413, thrown.httpStatus());
        assertNull(thrown.field());
    }

    @Test
    void methods_without_params_send_an_empty_object() throws Exception {
        bridgeStandIn.enqueue(json(200, GoldenFixtures.read("models.list.result.json").toString()));

        client.call("models.list", null);

        JsonNode body = MAPPER.readTree(bridgeStandIn.takeRequest().getBody().readUtf8());
        assertTrue(body.get("params").isObject() && body.get("params").isEmpty(), body.toString());
    }

    @Test
    void rpc_discover_returns_the_document_as_a_map() throws Exception {
        bridgeStandIn.enqueue(json(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"openrpc\":\"1.2.6\",\"methods\":[]}}"));

        Map<String, Object> document = client.service(RpcDiscoverService.class).discover(null);

        assertEquals("1.2.6", document.get("openrpc"));
        JsonNode sent = MAPPER.readTree(bridgeStandIn.takeRequest().getBody().readUtf8());
        assertTrue(GoldenFixtures.sameJson(GoldenFixtures.read("rpc.discover.request.json"), sent), sent.toString());
    }

    @Test
    void an_unreachable_bridge_is_an_io_error_naming_the_url() throws Exception {
        String url = bridgeStandIn.url("/").toString();
        bridgeStandIn.shutdown();
        try (AtelierClient orphan = AtelierClient.create(url, TOKEN)) {
            UncheckedIOException thrown = assertThrows(UncheckedIOException.class, () -> orphan.call("models.list", null));
            assertTrue(thrown.getMessage().contains(url.replaceAll("/$", "")), thrown.getMessage());
        }
    }

    @Test
    void fetch_image_sends_the_token_and_returns_the_bytes() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
        bridgeStandIn.enqueue(new MockResponse().setHeader("Content-Type", "image/png").setBody(new Buffer().write(png)));
        ImageRef ref = MAPPER.treeToValue(GoldenFixtures.read("jobs.get.result.json").at("/result/results/0"), ImageRef.class);

        byte[] fetched = client.fetchImage(ref);

        assertArrayEquals(png, fetched);
        RecordedRequest sent = bridgeStandIn.takeRequest();
        assertEquals("GET", sent.getMethod());
        assertEquals(ref.url(), sent.getPath());
        assertEquals("Bearer " + TOKEN, sent.getHeader("Authorization"));
    }

    @Test
    void fetch_image_of_another_brand_is_not_found() {
        bridgeStandIn.enqueue(json(404, GoldenFixtures.read("error.not-found.json").toString()));
        ImageRef ref = new ImageRef("abc", 8, 8, "image/png", "/images/abc.png", "00");

        AtelierRpcException thrown = assertThrows(AtelierRpcException.class, () -> client.fetchImage(ref));

        assertEquals(ErrorCodes.NOT_FOUND, thrown.code());
        assertEquals(404, thrown.httpStatus());
    }

    @Test
    void fetch_image_never_sends_the_token_to_another_host() {
        ImageRef foreign = new ImageRef("abc", 8, 8, "image/png", "http://elsewhere.example/images/abc.png", "00");

        assertThrows(IllegalArgumentException.class, () -> client.fetchImage(foreign));
        assertEquals(0, bridgeStandIn.getRequestCount());
    }

    @Test
    void from_home_reads_the_token_the_bridge_wrote(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("token"), "atl_from_home_file\n");
        bridgeStandIn.enqueue(json(200, GoldenFixtures.read("models.list.result.json").toString()));

        try (AtelierClient fromHome = AtelierClient.fromHome(home, bridgeStandIn.url("/").toString())) {
            fromHome.call("models.list", null);
        }

        assertEquals("Bearer atl_from_home_file", bridgeStandIn.takeRequest().getHeader("Authorization"));
    }

    @Test
    void from_home_without_a_token_says_to_start_the_bridge(@TempDir Path home) {
        UncheckedIOException thrown = assertThrows(UncheckedIOException.class, () -> AtelierClient.fromHome(home));
        assertTrue(thrown.getMessage().contains("./atelier serve"), thrown.getMessage());
    }

    @Test
    void the_token_never_appears_in_descriptions() {
        assertFalse(client.toString().contains(TOKEN));
        assertFalse(client.service(JobsService.class).toString().contains(TOKEN));
    }

    @Test
    void an_unreadable_result_is_reported_not_silently_nulled() {
        bridgeStandIn.enqueue(json(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"status\":\"running\"}}"));

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> client.service(JobsService.class).get(new JobIdParams("job_1")));
        assertTrue(thrown.getMessage().contains("jobs.get"), thrown.getMessage());
    }

    static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    private static String resultFile(String requestFile) {
        return requestFile.replace(".request.json", ".result.json");
    }
}
