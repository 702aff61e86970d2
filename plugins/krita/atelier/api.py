"""Plain mirrors of the Atelier protocol records (see PROTOCOL.md and the protocol module's Java records).

Field names are the wire names, so `to_dict` / `from_dict` need no mapping table. Unset (None) fields are left out
of the wire JSON, as the Java records do with NON_NULL. Unknown fields are ignored on reading: the protocol may add
fields without a version bump.
"""
from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

PROTOCOL_VERSION = "1.0.0"
CLIENT_NAME = "atelier-krita"


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


def to_dict(record) -> dict:
    """The wire JSON object of a record, leaving out unset fields."""
    return {f.name: _to_wire(getattr(record, f.name))
            for f in dataclasses.fields(record) if getattr(record, f.name) is not None}


def _to_wire(value):
    if dataclasses.is_dataclass(value):
        return to_dict(value)
    if isinstance(value, list):
        return [_to_wire(v) for v in value]
    return value


def from_dict(cls, data: dict):
    """Reads a record of type `cls` from wire JSON; unknown fields are ignored, missing ones take their default."""
    if data is None:
        return None
    if not isinstance(data, dict):
        raise ValueError(f"{cls.__name__} expects a JSON object")
    hints = typing.get_type_hints(cls)
    values = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            values[f.name] = _from_wire(hints[f.name], data[f.name])
    return cls(**values)


def _from_wire(hint, value):
    if value is None:
        return None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Union:  # Optional[X]
        inner = [a for a in args if a is not type(None)]
        return _from_wire(inner[0], value) if len(inner) == 1 else value
    if origin in (list, List):
        return [_from_wire(args[0], v) for v in value] if args else list(value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return from_dict(hint, value)
    return value


# ---- shared shapes ---------------------------------------------------------------------------------------------

@dataclass
class ImageRef:
    """A stored image; fetch its PNG at `url` (relative to the bridge, auth required)."""
    id: str = ""
    width: int = 0
    height: int = 0
    mime: Optional[str] = None
    url: Optional[str] = None
    sha256: Optional[str] = None


@dataclass
class ImageInput:
    """An image sent to the bridge: the id of a stored image, or base64 PNG/JPEG bytes. Exactly one is set."""
    id: Optional[str] = None
    base64: Optional[str] = None


@dataclass
class ErrorData:
    reason: Optional[str] = None
    field: Optional[str] = None


@dataclass
class RpcError:
    """A JSON-RPC error object as carried inside job records and notifications."""
    code: int = 0
    message: Optional[str] = None
    data: Optional[ErrorData] = None


# ---- session and models ----------------------------------------------------------------------------------------

@dataclass
class SessionInitializeParams:
    clientName: str = CLIENT_NAME
    clientVersion: Optional[str] = None
    token: Optional[str] = None


@dataclass
class SessionInitializeResult:
    serverVersion: Optional[str] = None
    protocolVersion: Optional[str] = None
    capabilities: List[str] = field(default_factory=list)
    brands: List[str] = field(default_factory=list)


@dataclass
class DrawableSize:
    width: int = 0
    height: int = 0


@dataclass
class ModelInfo:
    id: str = ""
    kind: str = "diffusion"
    nativeWidth: int = 0
    nativeHeight: int = 0
    isDefault: bool = False
    displayName: Optional[str] = None  # what to show; absent from older bridges
    family: Optional[str] = None  # atelier-micro or sd1 (Stable Diffusion 1.x); absent from older bridges
    drawableSizes: Optional[List[DrawableSize]] = None  # the sizes it draws well, native first; absent from older

    def sizes(self) -> List[Tuple[int, int]]:
        """The sizes to pick from: the declared ones, else (older bridges) the native size."""
        if self.drawableSizes:
            return [(s.width, s.height) for s in self.drawableSizes]
        return [(self.nativeWidth, self.nativeHeight)] if self.nativeWidth > 0 and self.nativeHeight > 0 else []


@dataclass
class ModelsListResult:
    models: List[ModelInfo] = field(default_factory=list)
    problems: Optional[List[str]] = None  # one sentence per file in <home>/models that cannot be used


# ---- generation ------------------------------------------------------------------------------------------------

@dataclass
class LoraWeight:
    name: str = ""        # as loras.list names it
    weight: float = 1.0   # -2..2


@dataclass
class ImagesGenerateParams:
    """No initImage: text to image. initImage: redraw over it. initImage + mask: regenerate the masked part only."""
    prompt: str = ""
    negativePrompt: Optional[str] = None
    lang: Optional[str] = None
    brand: Optional[str] = None
    adapter: Optional[str] = None
    adapterWeight: Optional[float] = None
    model: Optional[str] = None
    width: Optional[int] = None
    height: Optional[int] = None
    steps: Optional[int] = None
    guidance: Optional[float] = None
    sampler: Optional[str] = None
    seed: Optional[int] = None
    count: Optional[int] = None
    initImage: Optional[ImageInput] = None
    strength: Optional[float] = None
    mask: Optional[ImageInput] = None
    palette: Optional[List[str]] = None
    clientRequestId: Optional[str] = None  # idempotency key: a retry with the same key answers the first job
    loras: Optional[List[LoraWeight]] = None  # kohya LoRAs of the bridge's <home>/loras, for this request only
    paletteLock: Optional[bool] = None  # move the garment's dominant colours onto the palette (CIELAB shift)


@dataclass
class CapsulesGenerateParams:
    brand: str = ""
    theme: Optional[str] = None
    looks: Optional[int] = None          # 2..12
    piecesPerLook: Optional[int] = None  # 1..4
    categories: Optional[List[str]] = None
    palette: Optional[List[str]] = None
    seed: Optional[int] = None
    model: Optional[str] = None


@dataclass
class ImagesUpscaleParams:
    image: Optional[ImageInput] = None
    scale: Optional[int] = None      # 2, 3, 4 or 8
    model: Optional[str] = None      # an upscaler from models.list (kind "upscaler"); default esrgan-slim
    tile: Optional[int] = None       # tile side in source pixels, 32..512
    detail: Optional[float] = None   # 0..1: redraw the tiles with the source's prompt at strength detail/2


@dataclass
class JobSubmitted:
    jobId: str = ""


# ---- jobs ------------------------------------------------------------------------------------------------------

@dataclass
class JobIdParams:
    jobId: str = ""


@dataclass
class JobProgress:
    step: int = 0
    totalSteps: int = 0


@dataclass
class JobInfo:
    jobId: str = ""
    kind: Optional[str] = None
    status: str = JobStatus.QUEUED
    progress: Optional[JobProgress] = None
    results: List[ImageRef] = field(default_factory=list)
    error: Optional[RpcError] = None
    createdAt: Optional[str] = None


@dataclass
class JobStatusResult:
    jobId: Optional[str] = None
    status: str = JobStatus.QUEUED


@dataclass
class JobsProgressNotification:
    jobId: str = ""
    step: int = 0
    totalSteps: int = 0
    preview: Optional[ImageRef] = None
    loss: Optional[float] = None  # training jobs (adapters.train) only


@dataclass
class JobsFinishedNotification:
    jobId: str = ""
    status: str = JobStatus.SUCCEEDED
    results: List[ImageRef] = field(default_factory=list)
    error: Optional[RpcError] = None


# ---- brands, taxonomy, datasets --------------------------------------------------------------------------------

@dataclass
class PaletteColour:
    name: str = ""
    hex: str = ""


@dataclass
class TaxonomyTerm:
    term: str = ""
    lang: Optional[str] = None
    canonical: str = ""


@dataclass
class BrandPolicy:
    embedPrompt: bool = True


@dataclass
class Brand:
    id: str = ""
    displayName: Optional[str] = None
    languages: List[str] = field(default_factory=list)
    palette: List[PaletteColour] = field(default_factory=list)
    vocabulary: List[TaxonomyTerm] = field(default_factory=list)
    policy: Optional[BrandPolicy] = None
    triggerToken: Optional[str] = None


@dataclass
class BrandsListResult:
    brands: List[Brand] = field(default_factory=list)


@dataclass
class TaxonomyResolveParams:
    text: str = ""
    brand: Optional[str] = None
    lang: Optional[str] = None
    model: Optional[str] = None  # the prompt is written for that model (bridges older than this field refuse it)


@dataclass
class TaxonomyResolveResult:
    prompt: str = ""
    matchedTerms: List[TaxonomyTerm] = field(default_factory=list)
    unknownTerms: List[str] = field(default_factory=list)


@dataclass
class DatasetsAddParams:
    brand: str = ""
    image: Optional[ImageInput] = None
    caption: Optional[str] = None
    tags: Optional[List[str]] = None
    source: Optional[str] = None


@dataclass
class DatasetsAddResult:
    itemId: str = ""
    proposedCaption: Optional[str] = None
    duplicate: bool = False


# Notification method names pushed on the WebSocket, and the records they carry.
JOBS_PROGRESS = "jobs.progress"
JOBS_FINISHED = "jobs.finished"
NOTIFICATIONS = {JOBS_PROGRESS: JobsProgressNotification, JOBS_FINISHED: JobsFinishedNotification}

# The methods the plugin calls: wire name -> (params record, result record). None = no params ({}).
METHODS = {
    "session.initialize": (SessionInitializeParams, SessionInitializeResult),
    "models.list": (None, ModelsListResult),
    "brands.list": (None, BrandsListResult),
    "taxonomy.resolve": (TaxonomyResolveParams, TaxonomyResolveResult),
    "images.generate": (ImagesGenerateParams, JobSubmitted),
    "images.upscale": (ImagesUpscaleParams, JobSubmitted),
    "capsules.generate": (CapsulesGenerateParams, JobSubmitted),
    "jobs.get": (JobIdParams, JobInfo),
    "jobs.cancel": (JobIdParams, JobStatusResult),
    "jobs.subscribe": (JobIdParams, JobStatusResult),
    "datasets.add": (DatasetsAddParams, DatasetsAddResult),
}
