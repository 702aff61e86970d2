package io.atelier.bridge.http;

import io.atelier.bridge.photopea.PhotopeaPlugin;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /plugins/photopea/plugin.json}: the description Photopea's <i>Add plugin</i> dialog reads. Built per
 * request from the {@code Host} header (already checked to name this bridge), so it points at the port actually bound.
 */
final class PhotopeaDescriptorHandler extends Handler.Abstract.NonBlocking {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
            response.getHeaders().put("Allow", "GET");
            HttpResponses.json(response, callback, 405,
                    "{\"status\":\"method not allowed\"}".getBytes(StandardCharsets.UTF_8));
            return true;
        }
        String bridgeUrl = "http://" + request.getHeaders().get(HttpHeader.HOST);
        byte[] body = PhotopeaPlugin.descriptor(bridgeUrl).toString().getBytes(StandardCharsets.UTF_8);
        HttpResponses.json(response, callback, 200, body);
        return true;
    }
}
