// Errors from the bridge, and the sentences the designer reads for them (as plugins/krita/atelier/errors.py).
"use strict";

const ErrorCode = Object.freeze({
  PARSE_ERROR: -32700, INVALID_REQUEST: -32600, METHOD_NOT_FOUND: -32601, INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603, UNAUTHORIZED: -32001, FORBIDDEN: -32003, NOT_FOUND: -32004, TOO_LARGE: -32005,
  BUSY: -32006, CANCELLED: -32007, MODEL_FAILURE: -32010, INVALID_IMAGE: -32011,
  // Not on the wire: met by this panel when no answer came back at all.
  UNREACHABLE: -1, TIMEOUT: -2, BAD_ANSWER: -3,
});

/** An error answered by the bridge (a JSON-RPC error) or met on the way to it. */
class AtelierError extends Error {
  constructor(code, message, reason, field) {
    super(message || reason || String(code));
    this.code = code;
    this.reason = reason || null;
    this.field = field || null;
  }

  static fromWire(error) {
    const data = error && typeof error.data === "object" && error.data ? error.data : {};
    return new AtelierError(Number(error && error.code) || ErrorCode.INTERNAL_ERROR, (error && error.message) || "",
      data.reason, data.field);
  }
}

/** Something the designer must change in the document first; its message is already a sentence. */
class DocumentError extends Error {}

const SENTENCES = {
  [ErrorCode.UNAUTHORIZED]: "The bridge refused the token. Copy it again from the token file that `./atelier serve` "
    + "prints (~/.atelier/token by default).",
  [ErrorCode.FORBIDDEN]: "The bridge refused this request: this token may not use that brand, or the bridge does not "
    + "accept this web page's address.",
  [ErrorCode.NOT_FOUND]: "The bridge does not know that item (or this token may not see it).",
  [ErrorCode.TOO_LARGE]: "The image or request is too large for the bridge. Try a smaller document or selection.",
  [ErrorCode.BUSY]: "The bridge is busy with your earlier requests. Wait for one to finish, or cancel it.",
  [ErrorCode.CANCELLED]: "Cancelled.",
  [ErrorCode.MODEL_FAILURE]: "The model failed on this request (possibly out of memory). The bridge is still running; "
    + "try fewer images.",
  [ErrorCode.INVALID_IMAGE]: "The bridge could not read the image sent to it.",
  [ErrorCode.METHOD_NOT_FOUND]: "This bridge does not offer that feature yet. Update the bridge.",
  [ErrorCode.INTERNAL_ERROR]: "The bridge met an internal error. Its log says more.",
  [ErrorCode.PARSE_ERROR]: "The bridge could not read the request (a panel bug; please report it).",
  [ErrorCode.INVALID_REQUEST]: "The bridge refused the request as malformed (a panel bug; please report it).",
  [ErrorCode.TIMEOUT]: "The bridge did not answer in time.",
  [ErrorCode.BAD_ANSWER]: "The address answered, but not like an Atelier bridge. Check the bridge URL.",
};

/** One sentence a designer can act on, never a code alone nor a stack trace. */
function humanSentence(error, bridgeUrl) {
  if (error instanceof DocumentError) {
    return error.message;
  }
  if (!(error instanceof AtelierError)) {
    return "Unexpected problem in the panel: " + (error && error.message ? error.message : String(error));
  }
  if (error.code === ErrorCode.UNREACHABLE) {
    return "The bridge is not answering" + (bridgeUrl ? " at " + bridgeUrl : "") + ". Start it with "
      + "`./atelier serve` and press Connect again. (A browser that blocked the local address asks for permission "
      + "once: see the panel's help.)";
  }
  if (error.code === ErrorCode.INVALID_PARAMS) {
    return "The bridge refused a setting" + (error.field ? " (" + error.field + ")" : "") + ": "
      + (error.reason || error.message || "invalid value");
  }
  const sentence = SENTENCES[error.code];
  if (!sentence) {
    return error.reason || error.message || "The bridge answered with error " + error.code + ".";
  }
  if (error.reason && error.code !== ErrorCode.UNAUTHORIZED && error.code !== ErrorCode.METHOD_NOT_FOUND) {
    return sentence + " (" + error.reason + ")";
  }
  return sentence;
}
