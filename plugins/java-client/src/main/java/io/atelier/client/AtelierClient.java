package io.atelier.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.protocol.ImageRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The Java client of an Atelier bridge: typed calls over the protocol's service interfaces on {@code POST /rpc},
 * images from {@code GET /images/…}, and {@link AtelierSocket}s for notifications. Thread-safe; close it when done so
 * that OkHttp's threads stop and a command-line program exits at once.
 *
 * <pre>{@code
 * try (AtelierClient client = AtelierClient.fromHome(Path.of(System.getProperty("user.home"), ".atelier"))) {
 *     JobSubmitted job = client.service(ImagesService.class).generate(params);
 * }
 * }</pre>
 */
public final class AtelierClient implements AutoCloseable {
    /** Where {@code ./atelier serve} listens unless told otherwise. */
    public static final String DEFAULT_URL = "http://127.0.0.1:7437";
    static final MediaType JSON = MediaType.get("application/json");

    private final HttpUrl baseUrl;
    private final String token;
    private final OkHttpClient http;
    private final ObjectMapper mapper = JsonRpc.newMapper();
    private final AtomicLong nextId = new AtomicLong(1);
    private final RpcTransport transport = this::call;

    private AtelierClient(HttpUrl baseUrl, String token, OkHttpClient http) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.http = http;
    }

    /**
     * A client of the bridge at {@code baseUrl} (e.g. {@code http://127.0.0.1:7437}) using this bearer token.
     * Connects lazily: nothing is sent until the first call.
     */
    public static AtelierClient create(String baseUrl, String token) {
        Objects.requireNonNull(token, "token");
        HttpUrl url = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl"));
        if (url == null) {
            throw new IllegalArgumentException("Not an http(s) URL: " + baseUrl);
        }
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))   // the bridge is local: a slow connect means it is not there
                .readTimeout(Duration.ofSeconds(60))     // calls answer at once; long work is a job
                .writeTimeout(Duration.ofSeconds(60))    // base64 images can be tens of megabytes
                .pingInterval(Duration.ofSeconds(20))    // keeps idle WebSockets alive and detects dead ones
                .retryOnConnectionFailure(false)         // never send a generate twice behind the caller's back
                // The bridge closes a keep-alive connection 10 s after its last response (slowloris guard); a pooled
                // connection kept longer is dead when reused, and without retries the call fails ("unexpected end
                // of stream", first seen fetching a capsule's results after a 13 s job). Drop them at 8 s.
                .connectionPool(new ConnectionPool(5, 8, TimeUnit.SECONDS))
                .build();
        return new AtelierClient(url, token, http);
    }

    /** A client of the bridge at {@link #DEFAULT_URL}, with the token the bridge wrote into {@code <home>/token}. */
    public static AtelierClient fromHome(Path home) {
        return fromHome(home, DEFAULT_URL);
    }

    /** A client of the bridge at {@code baseUrl}, with the token the bridge wrote into {@code <home>/token}. */
    public static AtelierClient fromHome(Path home, String baseUrl) {
        Path tokenFile = home.resolve("token");
        try {
            String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new IllegalStateException("The token file " + tokenFile + " is empty; start the bridge once.");
            }
            return create(baseUrl, token);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the bridge token at " + tokenFile
                    + "; start the bridge once with ./atelier serve", e);
        }
    }

    /** A typed proxy over a protocol {@code @RpcService} interface, calling over HTTP. */
    public <T> T service(Class<T> protocolServiceInterface) {
        return ServiceProxy.create(protocolServiceInterface, transport, mapper);
    }

    /**
     * Calls {@code method} with {@code params} (a protocol record, a map, a JsonNode, or null for {@code {}}) and
     * returns the raw result.
     *
     * @throws AtelierRpcException when the bridge answers with an error or refuses the request
     * @throws UncheckedIOException when the bridge cannot be reached
     */
    public JsonNode call(String method, Object params) {
        long id = nextId.getAndIncrement();
        byte[] body = toBytes(JsonRpc.request(mapper, id, method, params));
        Request request = authorized(baseUrl.newBuilder().addPathSegment("rpc").build())
                .post(RequestBody.create(body, JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            JsonNode answer = readJson(response);
            if (answer == null || !answer.isObject()) {
                throw httpRefusal(response, method);
            }
            JsonNode result = JsonRpc.resultOrThrow(answer, response.code());
            if (answer.path("id").asLong(-1) != id) {
                throw new IllegalStateException("The bridge answered request " + id + " with id " + answer.path("id"));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach the bridge at " + baseUrl + " (" + method + ")", e);
        }
    }

    /** Calls {@code method} and converts its result to {@code resultType}. */
    public <T> T call(String method, Object params, Class<T> resultType) {
        try {
            return mapper.treeToValue(call(method, params), resultType);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable result of " + method + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The PNG (or other stored) bytes of an image, with the token's brand scope applied by the bridge. */
    public byte[] fetchImage(ImageRef ref) {
        String path = ref.url() != null ? ref.url() : "/images/" + ref.id() + ".png";
        HttpUrl url = baseUrl.resolve(path);
        if (url == null || !url.host().equals(baseUrl.host()) || url.port() != baseUrl.port()) {
            throw new IllegalArgumentException("Image URL is not on this bridge: " + path); // never send the token away
        }
        try (Response response = http.newCall(authorized(url).get().build()).execute()) {
            if (!response.isSuccessful()) {
                JsonNode answer = readJson(response);
                if (answer != null && answer.has("error")) {
                    throw JsonRpc.toException(answer.get("error"), response.code());
                }
                throw httpRefusal(response, "GET " + path);
            }
            return response.body().bytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot fetch " + path + " from the bridge at " + baseUrl, e);
        }
    }

    /**
     * Opens a WebSocket to {@code /ws}, authenticates with {@code session.initialize} carrying the token, and returns
     * once the bridge accepted it. Notifications for jobs submitted on (or subscribed through) the socket reach the
     * listener.
     *
     * @throws AtelierRpcException when the bridge refuses the token
     */
    public AtelierSocket openSocket(NotificationListener listener) {
        return openSocket(listener, Duration.ofSeconds(10));
    }

    /** As {@link #openSocket(NotificationListener)}, waiting at most {@code timeout} for each answer. */
    public AtelierSocket openSocket(NotificationListener listener, Duration timeout) {
        HttpUrl wsUrl = baseUrl.newBuilder().addPathSegment("ws").build();
        return AtelierSocket.open(http, wsUrl, token, mapper, listener == null ? NotificationListener.NONE : listener,
                timeout);
    }

    /** The mapper this client reads results with (unknown fields ignored). */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** The bridge's base URL. */
    public String baseUrl() {
        return baseUrl.toString();
    }

    /** Stops OkHttp's threads and drops pooled connections; open sockets should be closed first. */
    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        try {
            http.dispatcher().executorService().awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "AtelierClient[" + baseUrl + "]"; // never the token
    }

    private Request.Builder authorized(HttpUrl url) {
        return new Request.Builder().url(url).header("Authorization", "Bearer " + token);
    }

    private byte[] toBytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Params cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The body as JSON, or null when it is empty or not JSON (a proxy page, a bare 413). */
    private JsonNode readJson(Response response) throws IOException {
        ResponseBody body = response.body();
        if (body == null) {
            return null;
        }
        byte[] bytes = body.bytes();
        if (bytes.length == 0) {
            return null;
        }
        try {
            return mapper.readTree(bytes);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    private static AtelierRpcException httpRefusal(Response response, String what) {
        int status = response.code();
        return new AtelierRpcException(JsonRpc.codeForHttpStatus(status), "HTTP " + status,
                "The bridge refused " + what + " with HTTP " + status + ".", null, status);
    }
}
