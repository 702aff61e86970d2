package io.atelier.tools.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The baseline: Jetty with one handler that reads the body and answers the bytes the bridge answered for the same
 * method, with no parsing, auth or dispatch. The ratio to it is the cost of everything the bridge adds.
 */
final class BareJettyServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    /** @param answers response bytes keyed by a method name found in the request body */
    BareJettyServer(Map<String, byte[]> answers) throws Exception {
        server = new Server(new QueuedThreadPool(64, 4));
        connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                byte[] answer = answers.values().iterator().next();
                for (Map.Entry<String, byte[]> entry : answers.entrySet()) {
                    if (body.contains(entry.getKey())) {
                        answer = entry.getValue();
                    }
                }
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.write(true, ByteBuffer.wrap(answer), callback);
                return true;
            }
        });
        server.start();
    }

    int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
