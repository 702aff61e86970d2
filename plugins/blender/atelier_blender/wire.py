"""The few protocol facts the add-on needs (see PROTOCOL.md and the protocol module): error codes and job statuses.

Results stay plain JSON dicts: the add-on reads a handful of fields and ignores the rest, as the protocol asks.
"""
PROTOCOL_VERSION = "1.0.0"
CLIENT_NAME = "atelier-blender"
PLUGIN_VERSION = "0.1.0"
DEFAULT_URL = "http://127.0.0.1:7437"


class ErrorCode:
    """Every error code on the wire (io.atelier.protocol.ErrorCodes), plus the client's own for transport failures."""
    PARSE_ERROR = -32700
    INVALID_REQUEST = -32600
    METHOD_NOT_FOUND = -32601
    INVALID_PARAMS = -32602
    INTERNAL_ERROR = -32603
    UNAUTHORIZED = -32001
    FORBIDDEN = -32003
    NOT_FOUND = -32004
    TOO_LARGE = -32005
    BUSY = -32006
    CANCELLED = -32007
    MODEL_FAILURE = -32010
    INVALID_IMAGE = -32011
    # Not on the wire: raised by this client when no answer came back at all.
    UNREACHABLE = -1
    TIMEOUT = -2
    BAD_ANSWER = -3


class JobStatus:
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"
    FINAL = (SUCCEEDED, FAILED, CANCELLED)
