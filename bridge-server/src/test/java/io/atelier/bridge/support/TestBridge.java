package io.atelier.bridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.bridge.Bridge;
import io.atelier.bridge.BridgeConfig;
import io.atelier.bridge.models.ModelCatalog;
import io.atelier.bridge.rpc.RpcBinding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A real bridge on a free loopback port, with the test-only {@code test.count} job kind, and an OkHttp client. */
public final class TestBridge implements AutoCloseable {
    public static final MediaType JSON = MediaType.get("application/json");
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path home;
    private final Bridge bridge;
    private final OkHttpClient http = new OkHttpClient.Builder()
            .readTimeout(20, TimeUnit.SECONDS).writeTimeout(20, TimeUnit.SECONDS).build();

    /** An HTTP answer: status plus the parsed body (null when empty). */
    public record Answer(int code, JsonNode body, okhttp3.Headers headers) {
        public int errorCode() {
            return body.path("error").path("code").asInt();
        }
    }

    private TestBridge(UnaryOperator<BridgeConfig> configure, ModelCatalog models,
                       java.util.function.Consumer<Bridge> beforeStart) throws Exception {
        home = Files.createTempDirectory("atelier-test-");
        BridgeConfig config = configure.apply(BridgeConfig.defaults(home).withPort(0));
        bridge = Bridge.create(config, models);
        bridge.addService(RpcBinding.perCaller(TestJobsService.class, caller -> new CountingJobs(bridge.jobs(), caller)));
        beforeStart.accept(bridge);
        bridge.start();
    }

    private TestBridge(UnaryOperator<BridgeConfig> configure, ModelCatalog models) throws Exception {
        this(configure, models, b -> { });
    }

    /** A bridge with extra services added by {@code beforeStart} (e.g. adapters over a model registry). */
    public static TestBridge startWith(java.util.function.Consumer<Bridge> beforeStart) throws Exception {
        return new TestBridge(c -> c, ModelCatalog.empty(), beforeStart);
    }

    public static TestBridge start() throws Exception {
        return new TestBridge(c -> c, ModelCatalog.empty());
    }

    public static TestBridge start(UnaryOperator<BridgeConfig> configure) throws Exception {
        return new TestBridge(configure, ModelCatalog.empty());
    }

    public static TestBridge start(UnaryOperator<BridgeConfig> configure, ModelCatalog models) throws Exception {
        return new TestBridge(configure, models);
    }

    public Bridge bridge() {
        return bridge;
    }

    public Path home() {
        return home;
    }

    public OkHttpClient http() {
        return http;
    }

    public String url(String path) {
        return bridge.baseUri() + path;
    }

    public String wsUrl() {
        return "ws://127.0.0.1:" + bridge.port() + "/ws";
    }

    public String adminToken() {
        try {
            return bridge.tokens().readAdminToken();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String scopedToken(String... brands) throws IOException {
        return bridge.tokens().createScoped(List.of(brands)).secret();
    }

    /** POSTs a JSON-RPC body to /rpc with the token. */
    public Answer rpc(String token, String json) throws IOException {
        Request.Builder request = new Request.Builder().url(url("/rpc")).post(RequestBody.create(json, JSON));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** Calls one method with params (a JSON object string) and returns the whole response. */
    public JsonNode call(String token, String method, String paramsJson) throws IOException {
        Answer answer = rpc(token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + paramsJson + "}");
        return answer.body();
    }

    public Answer send(Request request) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            JsonNode body = text.isEmpty() ? null : MAPPER.readTree(text);
            return new Answer(response.code(), body, response.headers());
        }
    }

    @Override
    public void close() throws Exception {
        bridge.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        try (var paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
