package io.atelier.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.protocol.JobsFinishedNotification;
import io.atelier.protocol.JobsProgressNotification;
import io.atelier.protocol.Notifications;
import io.atelier.protocol.SessionInitializeParams;
import io.atelier.protocol.SessionInitializeResult;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A WebSocket to the bridge, authenticated with {@code session.initialize}. Calls are correlated with their answers by
 * id, so many may be in flight at once; notifications go to the {@link NotificationListener} on a thread of their own.
 * Close it when done.
 */
public final class AtelierSocket implements AutoCloseable {
    private static final String CLIENT_NAME = "atelier-java-client";
    /** Finished notifications kept for a later {@link #awaitFinished}; a job may end before anyone waits for it. */
    private static final int FINISHED_KEPT = 1024;

    private final ObjectMapper mapper;
    private final NotificationListener listener;
    private final Duration timeout;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final JobEndings finished = new JobEndings(FINISHED_KEPT);
    private final AtomicBoolean closedReported = new AtomicBoolean();
    private final ExecutorService listenerThread;
    private final RpcTransport transport = this::call;
    private volatile WebSocket webSocket;
    private volatile SessionInitializeResult session;

    private AtelierSocket(ObjectMapper mapper, NotificationListener listener, Duration timeout) {
        this.mapper = mapper;
        this.listener = listener;
        this.timeout = timeout;
        this.listenerThread = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "atelier-socket-listener");
            thread.setDaemon(true); // a forgotten socket must not keep a program alive
            return thread;
        });
    }

    static AtelierSocket open(OkHttpClient http, HttpUrl url, String token, ObjectMapper mapper,
            NotificationListener listener, Duration timeout) {
        AtelierSocket socket = new AtelierSocket(mapper, listener, timeout);
        socket.webSocket = http.newWebSocket(new Request.Builder().url(url).build(), socket.new Receiver());
        try {
            // Step 1: authenticate; the bridge closes a socket that does not within 5 s, and answers nothing else first.
            JsonNode result = socket.call("session.initialize",
                    new SessionInitializeParams(CLIENT_NAME, clientVersion(), token));
            socket.session = mapper.treeToValue(result, SessionInitializeResult.class);
            return socket;
        } catch (RuntimeException | JsonProcessingException e) {
            socket.close();
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Unreadable session.initialize result", e);
        }
    }

    /** What the bridge said at {@code session.initialize}: its versions, capabilities and the token's brands. */
    public SessionInitializeResult session() {
        return session;
    }

    /** A typed proxy over a protocol {@code @RpcService} interface, calling over this socket. */
    public <T> T service(Class<T> protocolServiceInterface) {
        return ServiceProxy.create(protocolServiceInterface, transport, mapper);
    }

    /** Sends a request and returns a future of its raw result (completed exceptionally with the bridge's error). */
    public CompletableFuture<JsonNode> callAsync(String method, Object params) {
        long id = nextId.getAndIncrement();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        String text;
        try {
            text = mapper.writeValueAsString(JsonRpc.request(mapper, id, method, params));
        } catch (JsonProcessingException e) {
            pending.remove(id);
            throw new IllegalArgumentException("Params cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        if (!webSocket.send(text)) {
            pending.remove(id);
            answer.completeExceptionally(new UncheckedIOException(new java.io.IOException(
                    "The socket to the bridge is closed; " + method + " was not sent")));
        }
        return answer;
    }

    /**
     * Sends a request and waits for its result.
     *
     * @throws AtelierRpcException with the bridge's error
     * @throws AtelierTimeoutException when no answer came within this socket's timeout
     */
    public JsonNode call(String method, Object params) {
        CompletableFuture<JsonNode> answer = callAsync(method, params);
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AtelierTimeoutException("No answer to " + method + " within " + timeout);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AtelierTimeoutException("Interrupted while waiting for " + method);
        }
    }

    /**
     * Waits for a job of this socket (submitted here or subscribed with {@code jobs.subscribe}) to end, and returns its
     * {@code jobs.finished} notification, even when it arrived before this call.
     *
     * @throws AtelierTimeoutException when the job did not end within {@code timeout}
     */
    public JobsFinishedNotification awaitFinished(String jobId, Duration timeout) {
        CompletableFuture<JobsFinishedNotification> ending = finished.of(jobId);
        try {
            return ending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AtelierTimeoutException("Job " + jobId + " did not finish within " + timeout);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AtelierTimeoutException("Interrupted while waiting for job " + jobId);
        } finally {
            if (ending.isDone()) {
                finished.forget(jobId);
            }
        }
    }

    /** Closes the socket normally (1000); pending calls fail, the listener hears {@code onClosed} once. */
    @Override
    public void close() {
        WebSocket socket = webSocket;
        if (socket != null) {
            socket.close(1000, "client closed");
        }
        closed(1000, "client closed");
        listenerThread.shutdown();
    }

    private static RuntimeException rethrow(Throwable cause) {
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }

    private static String clientVersion() {
        String version = AtelierSocket.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }

    /** Ends everything waiting on this socket; reports the close to the listener exactly once. */
    private void closed(int code, String reason) {
        if (!closedReported.compareAndSet(false, true)) {
            return;
        }
        UncheckedIOException gone = new UncheckedIOException(new java.io.IOException(
                "The socket to the bridge closed (" + code + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")"));
        pending.values().forEach(answer -> answer.completeExceptionally(gone));
        pending.clear();
        finished.failAll(gone);
        dispatch(() -> listener.onClosed(code, reason));
    }

    private void dispatch(Runnable callback) {
        try {
            listenerThread.execute(() -> {
                try {
                    callback.run();
                } catch (RuntimeException e) {
                    // A listener bug must not silence later notifications.
                    Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException afterClose) {
            // The socket was closed by this side: nobody listens any more.
        }
    }

    private void onText(String text) throws JsonProcessingException {
        JsonNode message = mapper.readTree(text);
        if (message.has("id") && !message.has("method")) {
            CompletableFuture<JsonNode> answer = pending.remove(message.path("id").asLong());
            if (answer == null) {
                return; // an answer nobody waits for (timed out): drop it
            }
            try {
                answer.complete(JsonRpc.resultOrThrow(message, 0));
            } catch (AtelierRpcException error) {
                answer.completeExceptionally(error);
            }
            return;
        }
        String method = message.path("method").asText();
        JsonNode params = message.path("params");
        switch (method) {
            case Notifications.JOBS_PROGRESS -> {
                JobsProgressNotification progress = mapper.treeToValue(params, JobsProgressNotification.class);
                dispatch(() -> listener.onProgress(progress));
            }
            case Notifications.JOBS_FINISHED -> {
                JobsFinishedNotification end = mapper.treeToValue(params, JobsFinishedNotification.class);
                finished.of(end.jobId()).complete(end);
                dispatch(() -> listener.onFinished(end));
            }
            default -> dispatch(() -> listener.onOtherNotification(method, params));
        }
    }

    /** OkHttp's callbacks, on its reader thread: parse and hand over, never block. */
    private final class Receiver extends WebSocketListener {
        @Override
        public void onMessage(WebSocket socket, String text) {
            try {
                onText(text);
            } catch (JsonProcessingException e) {
                socket.close(1007, "unreadable message"); // 1007: invalid payload data
            }
        }

        @Override
        public void onClosing(WebSocket socket, int code, String reason) {
            socket.close(1000, null);
            closed(code, reason);
        }

        @Override
        public void onClosed(WebSocket socket, int code, String reason) {
            closed(code, reason);
        }

        @Override
        public void onFailure(WebSocket socket, Throwable failure, Response response) {
            int status = response != null ? response.code() : 0;
            if (status == 401 || status == 403) {
                AtelierRpcException refused = new AtelierRpcException(JsonRpc.codeForHttpStatus(status), "HTTP " + status,
                        "The bridge refused the WebSocket with HTTP " + status + ".", null, status);
                pending.values().forEach(answer -> answer.completeExceptionally(refused));
            }
            closed(1006, status != 0 ? "HTTP " + status : "connection lost");
        }
    }
}
