package io.atelier.bridge.http;

import io.atelier.bridge.BridgeConfig;
import io.atelier.bridge.images.ImageStore;
import io.atelier.bridge.metrics.BridgeMetrics;
import io.atelier.bridge.photopea.PhotopeaPlugin;
import io.atelier.bridge.rpc.RpcDispatcher;
import io.atelier.bridge.security.HostCheck;
import io.atelier.bridge.security.OriginPolicy;
import io.atelier.bridge.security.TokenStore;
import io.atelier.bridge.ws.RpcWebSockets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ResourceService;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Jetty side of the bridge, and nothing else: one connector, then
 * guard (Host, Origin, CORS) → WebSocket upgrade on {@code /ws} → paths ({@code /rpc}, {@code /health},
 * {@code /images/*}, {@code /plugins/*}, {@code /metrics}).
 */
public final class JettyServer {
    /** Classpath folder served under /plugins/ when no folder is configured. */
    public static final String BUNDLED_PLUGINS = "io/atelier/bridge/plugins";

    private final Server server;
    private final ServerConnector connector;
    private final ConnectionDeadlines deadlines;
    private final ScheduledExecutorService timer;

    public JettyServer(BridgeConfig config, RpcDispatcher dispatcher, TokenStore tokens, ImageStore images,
                       BridgeMetrics metrics, ScheduledExecutorService timer) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("atelier-http");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ConnectionLimits limits = config.connectionLimits();
        this.timer = timer;
        deadlines = new ConnectionDeadlines(limits.requestHeadTimeout());
        HttpConnectionFactory http1 = new HttpConnectionFactory(http);
        http1.addEventListener(deadlines);
        if (config.tls() == null) {
            connector = new ServerConnector(server, 1, 1, http1);
        } else {
            // The Host header is checked by HostCheck against --allow-host; SNI against the certificate is not
            // required, so that a client reaching the bridge by IP address is not refused by Jetty first.
            http.addCustomizer(new SecureRequestCustomizer(false));
            connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(TlsContexts.server(config.tls()),
                    http1.getProtocol()), http1);
        }
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        // A burst of connections (a client reconnecting many at once) must not overflow the OS's default backlog of
        // 50, where the kernel drops SYNs and every client waits a second for the retry.
        connector.setAcceptQueueSize(1024);
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);
        server.setErrorHandler(new JsonErrorHandler());

        HostCheck hostCheck = new HostCheck(hostNames(config), this::port);
        OriginPolicy origins = new OriginPolicy(config.allowedOrigins(), hostCheck.names(), this::port);

        PathMappingsHandler paths = new PathMappingsHandler();
        paths.addMapping(PathSpec.from("/rpc"),
                new RpcHttpHandler(dispatcher, tokens, config.rpcLimits().maxBodyBytes(), limits));
        paths.addMapping(PathSpec.from("/health"), new HealthHandler());
        paths.addMapping(PathSpec.from("/metrics"), new MetricsHandler(metrics, tokens));
        paths.addMapping(PathSpec.from("/images/*"), new ImagesHttpHandler(images, tokens, dispatcher.messages()));
        // An exact path wins over the /plugins/* prefix: the descriptor names the port actually bound.
        paths.addMapping(PathSpec.from(PhotopeaPlugin.DESCRIPTOR_PATH), new PhotopeaDescriptorHandler());
        paths.addMapping(PathSpec.from("/plugins/*"), pluginsHandler(config));

        Handler sockets = RpcWebSockets.upgradeHandler(server, paths, dispatcher, tokens, timer,
                config.socketAuthTimeout(), config.maxSocketsPerToken(), config.rpcLimits().maxBodyBytes());
        server.setHandler(deadlines.watching(
                new SecurityGuardHandler(hostCheck, origins, dispatcher.messages(), sockets)));
    }

    public void start() throws Exception {
        server.start();
        deadlines.start(timer);
    }

    public void stop() throws Exception {
        deadlines.stop();
        server.stop();
    }

    public void join() throws InterruptedException {
        server.join();
    }

    /** The port actually bound (meaningful once started). */
    public int port() {
        return connector.getLocalPort();
    }

    private static Set<String> hostNames(BridgeConfig config) {
        Set<String> names = new HashSet<>(config.extraHostNames());
        if (!config.host().isEmpty() && !config.host().equals("0.0.0.0") && !config.host().equals("::")) {
            names.add(config.host().contains(":") && !config.host().startsWith("[")
                    ? "[" + config.host() + "]" : config.host());
        }
        return names;
    }

    private Handler pluginsHandler(BridgeConfig config) {
        ResourceFactory resources = ResourceFactory.of(server);
        Resource base = config.pluginsDir() != null
                ? resources.newResource(config.pluginsDir())
                : resources.newClassLoaderResource(BUNDLED_PLUGINS);
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(base);
        files.setDirAllowed(false);
        files.setWelcomeFiles("index.html");
        files.setWelcomeMode(ResourceService.WelcomeMode.SERVE);
        files.setCacheControl("no-cache");
        ContextHandler context = new ContextHandler(files, "/plugins");
        return context;
    }
}
