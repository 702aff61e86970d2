package io.atelier.bridge.photopea;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Serves the Photopea stand-in page (photopea-stand-in.html, a test page that plays Photopea's part of the plugin
 * protocol; Photopea itself cannot be loaded here) from its own port, so that the page's origin differs from the
 * bridge's as photopea.com's does.
 */
final class StandInHost implements AutoCloseable {
    private final HttpServer server;

    StandInHost() throws IOException {
        byte[] page;
        try (InputStream in = StandInHost.class.getResourceAsStream("photopea-stand-in.html")) {
            page = in.readAllBytes();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        server.start();
    }

    /** {@code http://127.0.0.1:PORT}: the stand-in's web origin. */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * The stand-in opened the way {@code serve}'s Photopea link opens Photopea: the same hash (the plugin's
     * configuration as encodeURI'd JSON), on the stand-in's address instead of photopea.com's.
     */
    String linkFor(String bridgeUrl) {
        String link = PhotopeaPlugin.photopeaLink(bridgeUrl);
        return origin() + "/" + link.substring(link.indexOf('#'));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
