// Transport to the Atelier bridge: JSON-RPC over HTTP (fetch), notifications over a WebSocket. Knows nothing of
// Photopea nor of the panel's widgets (the role of plugins/krita/atelier/client.py and jobs.py).
"use strict";

const CLIENT_NAME = "atelier-photopea";
const CALL_TIMEOUT_MS = 30000;
const POLL_MS = 1500;
const FINAL_STATUSES = ["succeeded", "failed", "cancelled"];

class BridgeClient {
  constructor(url, token) {
    this.url = url.replace(/\/+$/, "");
    this.token = token;
    this.socket = null;
    this.socketReady = false;
    this.nextId = 1;
    this.socketCalls = new Map();   // id -> {resolve, reject}
    this.followers = new Map();     // jobId -> {onProgress, settle}
  }

  /** One JSON-RPC call over HTTP; resolves with its result, rejects with an AtelierError. */
  async call(method, params) {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), CALL_TIMEOUT_MS);
    let response;
    try {
      response = await fetch(this.url + "/rpc", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Authorization": "Bearer " + this.token },
        body: JSON.stringify({ jsonrpc: "2.0", id: this.nextId++, method, params: params || {} }),
        signal: abort.signal,
      });
    } catch (e) {
      throw new AtelierError(abort.signal.aborted ? ErrorCode.TIMEOUT : ErrorCode.UNREACHABLE, String(e));
    } finally {
      clearTimeout(timer);
    }
    let body;
    try {
      body = await response.json();
    } catch (e) {
      throw new AtelierError(ErrorCode.BAD_ANSWER, "HTTP " + response.status);
    }
    if (body && body.error) {
      throw AtelierError.fromWire(body.error);
    }
    if (!body || !("result" in body)) {
      throw new AtelierError(ErrorCode.BAD_ANSWER, "no result");
    }
    return body.result;
  }

  /**
   * Opens the WebSocket and authenticates it: browsers cannot set headers on a WebSocket, so the token travels in
   * the first message, session.initialize, as the protocol asks. Resolves once the bridge accepted it.
   */
  openSocket() {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url.replace(/^http/, "ws") + "/ws");
      this.socket = socket;
      let settled = false;
      const fail = (error) => {
        if (!settled) {
          settled = true;
          reject(error);
        }
      };
      socket.onopen = () => {
        this.sendOnSocket("session.initialize", { clientName: CLIENT_NAME, token: this.token }).then((result) => {
          this.socketReady = true;
          settled = true;
          resolve(result);
        }, fail);
      };
      socket.onmessage = (event) => this.onSocketMessage(event.data);
      socket.onerror = () => fail(new AtelierError(ErrorCode.UNREACHABLE, "websocket error"));
      socket.onclose = () => {
        this.socketReady = false;
        for (const pending of this.socketCalls.values()) {
          pending.reject(new AtelierError(ErrorCode.UNREACHABLE, "websocket closed"));
        }
        this.socketCalls.clear();
        fail(new AtelierError(ErrorCode.UNREACHABLE, "websocket closed"));
      };
    });
  }

  closeSocket() {
    if (this.socket) {
      this.socket.onclose = null;
      this.socket.close();
    }
    this.socket = null;
    this.socketReady = false;
  }

  /** A call over the socket when it is up (the job's notifications then come to it), else over HTTP. */
  callPreferSocket(method, params) {
    return this.socketReady ? this.sendOnSocket(method, params) : this.call(method, params);
  }

  sendOnSocket(method, params) {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.socketCalls.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ jsonrpc: "2.0", id, method, params: params || {} }));
    });
  }

  onSocketMessage(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch (e) {
      return;
    }
    if (message.id !== undefined && this.socketCalls.has(message.id)) {
      const pending = this.socketCalls.get(message.id);
      this.socketCalls.delete(message.id);
      if (message.error) {
        pending.reject(AtelierError.fromWire(message.error));
      } else {
        pending.resolve(message.result);
      }
      return;
    }
    const params = message.params || {};
    const follower = this.followers.get(params.jobId);
    if (!follower) {
      return;
    }
    if (message.method === "jobs.progress") {
      follower.onProgress(params);
    } else if (message.method === "jobs.finished") {
      follower.settle(params);
    }
  }

  /**
   * Follows a job to its end: pushed notifications when the socket is up, polling jobs.get as the safety net (a
   * notification lost with a dropped socket must not leave the panel waiting for ever). Resolves with the
   * jobs.finished params (or the same facts read from jobs.get).
   */
  followJob(jobId, onProgress) {
    return new Promise((resolve) => {
      let timer = null;
      const settle = (finished) => {
        if (!this.followers.has(jobId)) {
          return;
        }
        this.followers.delete(jobId);
        clearInterval(timer);
        resolve(finished);
      };
      this.followers.set(jobId, { onProgress, settle });
      const poll = () => this.call("jobs.get", { jobId }).then((info) => {
        if (FINAL_STATUSES.includes(info.status)) {
          settle({ jobId, status: info.status, results: info.results || [], error: info.error });
        } else if (info.progress && !this.socketReady) {
          onProgress({ jobId, step: info.progress.step, totalSteps: info.progress.totalSteps });
        }
      }, () => { /* a missed poll is retried; the notification may come first */ });
      timer = setInterval(poll, POLL_MS);
    });
  }

  /** A stored image (ImageRef) as a Blob; images need the token like every endpoint but /health. */
  async fetchImage(ref) {
    let response;
    try {
      response = await fetch(this.url + (ref.url || "/images/" + ref.id + ".png"),
        { headers: { "Authorization": "Bearer " + this.token } });
    } catch (e) {
      throw new AtelierError(ErrorCode.UNREACHABLE, String(e));
    }
    if (!response.ok) {
      throw new AtelierError(response.status === 404 ? ErrorCode.NOT_FOUND : ErrorCode.BAD_ANSWER,
        "HTTP " + response.status);
    }
    return response.blob();
  }
}
