package io.atelier.client;

import com.fasterxml.jackson.databind.JsonNode;

/** Sends one JSON-RPC request and returns its result, over HTTP or the WebSocket; errors as exceptions. */
interface RpcTransport {
    JsonNode call(String method, Object params);
}
