"""The docker's observable state and the designer's actions. Knows the client and the document adapter, never the
widgets: ui.py listens to the signals here and calls the actions."""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable, List, Optional, Tuple

from PyQt5.QtCore import QObject, pyqtSignal
from PyQt5.QtGui import QImage

from . import api
from .api import ErrorCode, JobStatus
from .client import Client
from .document import (Document, DocumentError, Mask, active_document, crop, image_from_png, look_strip, on_white,
                       png_base64)
from .errors import AtelierError, human_sentence
from .futures import Future, Task, spawn
from .jobs import JobWatcher
from .settings import Settings
from .sizing import Region, region_for, scaled

SAMPLERS = ("", "ddim", "euler_a", "dpmpp_2m")  # "" = the model's default
MAX_SEED = 2 ** 31 - 1


class Connection:
    DISCONNECTED = "disconnected"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    ERROR = "error"


@dataclass
class HistoryItem:
    """One result: what came back and how it was asked for, so Apply places it right."""
    image: QImage
    ref: api.ImageRef
    kind: str                    # generate | redraw | selection | upscale
    prompt: str
    understood: str              # the prompt as the bridge resolved it, when known
    seed: Optional[int]
    mask: Optional[Mask] = None  # the selection to respect when applied
    region: Optional[Region] = None  # where on the document it goes (document pixels); None: the whole canvas


class Model(QObject):
    changed = pyqtSignal()              # anything that may enable or disable an action
    connection_changed = pyqtSignal()
    message_changed = pyqtSignal(str)
    understood_changed = pyqtSignal(str)
    progress_changed = pyqtSignal()
    history_changed = pyqtSignal()

    def __init__(self, settings: Optional[Settings] = None,
                 document: Callable[[], Document] = active_document,
                 client_factory: Callable[[str, str], Client] = Client):
        super().__init__()
        self.settings = settings or Settings()
        self._document = document
        self._client_factory = client_factory
        self.client: Optional[Client] = None
        self._jobs: Optional[JobWatcher] = None
        # connection
        self.url = self.settings.url
        self.token = self.settings.token
        self.connection = Connection.DISCONNECTED
        self.message = ""
        self.session = api.SessionInitializeResult()
        self.live_progress = False
        # generation settings
        self.models: List[api.ModelInfo] = []
        self.upscalers: List[api.ModelInfo] = []
        self.model_id: Optional[str] = None
        self.brands: List[api.Brand] = []
        self.brand_id: Optional[str] = None
        self.prompt = ""
        self.negative_prompt = ""
        self.understood = ""     # the prompt as the bridge's taxonomy resolved it
        self.unknown_terms: List[str] = []
        self.count = 1
        self.seed = random.randint(0, MAX_SEED)
        self.seed_locked = False
        self.steps = 0           # 0 = the model's default
        self.sampler = ""
        self.strength = 0.6
        self.upscale_factor = 2
        self.capsule_looks = 4
        self.upscaler_id = ""     # "" = the bridge's default upscaler
        # running job
        self.job_id: Optional[str] = None
        self.step = 0
        self.total_steps = 0
        self.preview: Optional[QImage] = None
        self._preview_loading = False
        # results and curation
        self.history: List[HistoryItem] = []
        self.selected = -1
        self.caption = ""
        self.tags = ""

    # ---- derived state ------------------------------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        return self.connection == Connection.CONNECTED

    @property
    def busy(self) -> bool:
        return self.job_id is not None

    def offers(self, method: str) -> bool:
        return self.connected and method in (self.session.capabilities or [])

    @property
    def can_generate(self) -> bool:
        return self.connected and not self.busy and self.offers("images.generate") and bool(self.models)

    @property
    def can_upscale(self) -> bool:
        return self.connected and not self.busy and self.offers("images.upscale")

    @property
    def can_add_to_dataset(self) -> bool:
        return self.connected and self.offers("datasets.add") and bool(self.brand_id)

    def _say(self, message: str):
        self.message = message
        self.message_changed.emit(message)

    # ---- connection ---------------------------------------------------------------------------------------------

    def connect_bridge(self) -> Task:
        return spawn(self._guarded(self._connect()))

    async def _connect(self):
        self.settings.url = self.url
        if self.client is not None:
            self.client.close_socket()
        self.client = self._client_factory(self.url, self.token)
        self._set_connection(Connection.CONNECTING, "Connecting…")
        try:
            self.session = await self.client.initialize()
            listed = (await self.client.models()).models
            self.models = [m for m in listed if m.kind == "diffusion"]
            self.upscalers = [m for m in listed if m.kind == "upscaler"]
            self.brands = await self._load_brands()
        except AtelierError:
            self._set_connection(Connection.ERROR, "")
            raise
        if self.model_id not in [m.id for m in self.models]:
            defaults = [m.id for m in self.models if m.isDefault]
            self.model_id = defaults[0] if defaults else (self.models[0].id if self.models else None)
        if self.brand_id not in [b.id for b in self.brands]:
            self.brand_id = None
        self._jobs = JobWatcher(self.client)
        self._jobs.progress.connect(self._on_progress)
        try:
            await self.client.open_socket()
            self.live_progress = True
        except AtelierError:
            self.live_progress = False  # calls still work over HTTP; jobs are polled instead of pushed
        version = self.session.serverVersion or "?"
        note = "" if self.live_progress else " Live progress is unavailable; results will still arrive."
        if not self.models or "images.generate" not in (self.session.capabilities or []):
            note += " This bridge has no image model installed yet: generation is off."
        self._set_connection(Connection.CONNECTED, f"Connected to Atelier {version}.{note}")

    async def _load_brands(self) -> List[api.Brand]:
        try:
            return (await self.client.brands()).brands
        except AtelierError as error:
            if error.code != ErrorCode.METHOD_NOT_FOUND:
                raise
            # A bridge without brands.list still tells which brands the token may use.
            return [api.Brand(id=b) for b in (self.session.brands or [])]

    def _set_connection(self, state: str, message: str):
        self.connection = state
        self.connection_changed.emit()
        self.changed.emit()
        if message:
            self._say(message)

    # ---- prompt understanding -----------------------------------------------------------------------------------

    def resolve_prompt(self) -> Task:
        return spawn(self._guarded(self._resolve(), quiet=True))

    async def _resolve(self) -> str:
        text = self.prompt.strip()
        understood, unknown = "", []
        if text and self.offers("taxonomy.resolve"):
            try:
                result = await self.client.resolve(api.TaxonomyResolveParams(text=text, brand=self.brand_id))
                understood, unknown = result.prompt, list(result.unknownTerms or [])
            except AtelierError as error:
                if error.code != ErrorCode.METHOD_NOT_FOUND:
                    raise
        self.understood, self.unknown_terms = understood, unknown
        self.understood_changed.emit(understood)
        return understood

    # ---- generation ---------------------------------------------------------------------------------------------

    def new_seed(self):
        self.seed = random.randint(0, MAX_SEED)
        self.changed.emit()

    def generate(self) -> Task:
        """Text to image at the document's proportions; results join the history strip."""
        return spawn(self._guarded(self._generate("generate")))

    def redraw(self) -> Task:
        """Redraws over the current layer; `strength` says how far from it the result may go."""
        return spawn(self._guarded(self._generate("redraw")))

    def regenerate_selection(self) -> Task:
        """Regenerates the selected pixels of the current layer; everything outside the selection stays."""
        return spawn(self._guarded(self._generate("selection")))

    async def _generate(self, kind: str) -> List[HistoryItem]:
        self._require_idle()
        if not self.seed_locked:
            self.new_seed()
        params = api.ImagesGenerateParams(
            prompt=self.prompt.strip(), negativePrompt=self.negative_prompt.strip() or None, brand=self.brand_id,
            model=self.model_id, steps=self.steps or None, sampler=self.sampler or None, seed=self.seed,
            count=self.count)
        document = self._document()
        mask = document.selection_mask() if kind == "selection" else None
        if kind == "selection" and mask is None:
            raise DocumentError("Select the area to regenerate first (any selection tool).")
        region = None
        if document.is_open():
            region, (params.width, params.height) = region_for(kind, document.size(),
                                                               mask.bounds if mask else None, self._drawable_sizes())
        if kind != "generate":
            layer = self._layer_image(document)
            params.initImage = api.ImageInput(base64=png_base64(
                scaled(on_white(crop(layer, region)), params.width, params.height)))
            params.strength = self.strength
            if mask is not None:
                params.mask = api.ImageInput(base64=png_base64(
                    scaled(crop(mask.grayscale(), region), params.width, params.height)))
        understood = self.understood
        refs = await self._run_job(self.client.generate(params))
        items = [HistoryItem(image, ref, kind, params.prompt, understood, params.seed + index, mask, region)
                 for index, (ref, image) in enumerate(await self._fetch_all(refs))]
        self._add_history(items)
        self._say(f"{len(items)} result{'s' if len(items) != 1 else ''} ready: pick one and Apply.")
        return items

    def _drawable_sizes(self) -> List[Tuple[int, int]]:
        chosen = [m for m in self.models if m.id == self.model_id] or [m for m in self.models if m.isDefault]
        return chosen[0].sizes() if chosen else []

    def upscale(self) -> Task:
        return spawn(self._guarded(self._upscale()))

    async def _upscale(self) -> List[HistoryItem]:
        self._require_idle()
        layer = self._layer_image(self._document())
        params = api.ImagesUpscaleParams(image=api.ImageInput(base64=png_base64(layer)), scale=self.upscale_factor,
                                         model=self.upscaler_id or None)
        try:
            refs = await self._run_job(self.client.upscale(params))
        except AtelierError as error:
            if error.code == ErrorCode.METHOD_NOT_FOUND:
                # Listed in capabilities yet not served (no upscaler installed): stop offering it.
                self.session.capabilities = [c for c in self.session.capabilities if c != "images.upscale"]
                self.changed.emit()
            raise
        items = [HistoryItem(image, ref, "upscale", "", "", None) for ref, image in await self._fetch_all(refs)]
        self._add_history(items)
        self._say(f"Upscaled ×{self.upscale_factor}: Apply enlarges the document and adds it as a new layer.")
        return items

    @property
    def can_capsule(self) -> bool:
        return self.connected and not self.busy and self.offers("capsules.generate") and bool(self.brand_id)

    def capsule(self) -> Task:
        """A capsule of the picked house (the prompt, if any, as its theme), opened as a new document: the contact
        sheet and each look as a layer. The task answers that document, or a false value when none could open."""
        return spawn(self._guarded(self._capsule()))

    async def _capsule(self):
        self._require_idle()
        if not self.brand_id:
            raise DocumentError("Pick the house whose capsule this is.")
        params = api.CapsulesGenerateParams(brand=self.brand_id, looks=self.capsule_looks,
                                            theme=self.prompt.strip() or None, model=self.model_id or None,
                                            seed=self.seed if self.seed_locked else None)
        refs = await self._run_job(self.client.capsule(params))
        # Flats look by look, then the contact sheet; the spec sheets (JSON) and the PDF stay on the bridge.
        pngs = [ref for ref in refs if (ref.mime or "image/png") == "image/png"]
        pictures = [image for _, image in await self._fetch_all(pngs)]
        flats, sheet = pictures[:-1], pictures[-1]
        per_look = max(1, len(flats) // max(1, self.capsule_looks))
        looks = [look_strip(flats[i:i + per_look]) for i in range(0, len(flats), per_look)]
        opened = self._document().open_capsule(sheet, looks, f"Atelier capsule · {self.brand_id}")
        self._say(f"Capsule of {len(looks)} looks opened as a new document." if opened
                  else f"Capsule of {len(looks)} looks ready, but no document could be opened.")
        return opened

    def cancel(self) -> Future:
        if self.job_id is None or self.client is None:
            return Future.resolved(None)
        self._say("Cancelling…")
        return self.client.cancel(self.job_id)

    def _require_idle(self):
        if not self.connected:
            raise AtelierError(ErrorCode.UNREACHABLE, "not connected")
        if self.busy:
            raise DocumentError("A generation is running: wait for it or cancel it.")

    def _layer_image(self, document: Document) -> QImage:
        layer = document.current_layer_image() if document.is_open() else None
        if layer is None:
            raise DocumentError("Open a document and pick a layer first.")
        return on_white(layer)  # the models see RGB: transparent pixels are paper, not black

    async def _run_job(self, submitting: Future) -> List[api.ImageRef]:
        self.job_id = "…"  # busy from the click on, before the bridge has even answered
        self._set_progress(0, 0, None)
        try:
            self.job_id = (await submitting).jobId
            self.changed.emit()
            finished = await self._jobs.follow(self.job_id, poll_ms=2000 if self.client.socket_ready else 400)
        finally:
            self.job_id = None
            self._set_progress(0, 0, None)
        if finished.status == JobStatus.SUCCEEDED:
            return finished.results
        if finished.status == JobStatus.CANCELLED:
            raise AtelierError(ErrorCode.CANCELLED, "cancelled")
        error = finished.error or api.RpcError(code=ErrorCode.MODEL_FAILURE)
        data = error.data or api.ErrorData()
        raise AtelierError(error.code, error.message or "", data.reason, data.field)

    async def _fetch_all(self, refs: List[api.ImageRef]):
        fetched = []
        for ref in refs:
            fetched.append((ref, image_from_png(await self.client.fetch_image(ref))))
        return fetched

    def _on_progress(self, note: api.JobsProgressNotification):
        if note.jobId != self.job_id:
            return
        self._set_progress(note.step, note.totalSteps, self.preview)
        if note.preview is not None and not self._preview_loading:
            # One preview download at a time: with fast steps, older previews are skipped rather than queued.
            self._preview_loading = True
            self.client.fetch_image(note.preview).add_done_callback(lambda done: self._show_preview(done, note.jobId))

    def _show_preview(self, done: Future, job_id: str):
        self._preview_loading = False
        if done.error() is None and job_id == self.job_id:
            try:
                self._set_progress(self.step, self.total_steps, image_from_png(done.result()))
            except DocumentError:
                pass  # a preview that cannot be read is skipped; the final images still come

    def _set_progress(self, step: int, total: int, preview: Optional[QImage]):
        self.step, self.total_steps, self.preview = step, total, preview
        self.progress_changed.emit()
        self.changed.emit()

    def _add_history(self, items: List[HistoryItem]):
        self.history.extend(items)
        self.selected = len(self.history) - len(items) if items else self.selected
        self.history_changed.emit()
        self.changed.emit()

    # ---- placing results ----------------------------------------------------------------------------------------

    def select(self, index: int):
        self.selected = index
        self.changed.emit()

    def apply(self, index: Optional[int] = None) -> bool:
        """Places a result as a new layer above the current one (a selection result only over its selection)."""
        index = self.selected if index is None else index
        if not 0 <= index < len(self.history):
            self._say("Pick a result in the strip first.")
            return False
        item = self.history[index]
        document = self._document()
        try:
            if item.kind == "upscale":
                placed = document.enlarge_with_layer(item.image, "Atelier upscale")
            else:
                placed = document.add_layer(item.image, _layer_name(item), item.mask, item.region)
        except DocumentError as error:
            self._say(str(error))
            return False
        self._say("Placed as a new layer." if placed else "Open a document first.")
        return placed

    # ---- curation -----------------------------------------------------------------------------------------------

    def propose_caption(self) -> str:
        """The caption to start from: how the bridge understood the prompt that made the picked result, else the
        current prompt's understanding, else the prompt itself. The designer edits it before adding."""
        item = self.history[self.selected] if 0 <= self.selected < len(self.history) else None
        candidates = [item.understood, item.prompt] if item else []
        candidates += [self.understood, self.prompt]
        self.caption = next((c.strip() for c in candidates if c and c.strip()), "")
        self.changed.emit()
        return self.caption

    def add_to_dataset(self) -> Task:
        return spawn(self._guarded(self._add_to_dataset()))

    async def _add_to_dataset(self) -> api.DatasetsAddResult:
        if not self.brand_id:
            raise DocumentError("Pick the brand whose dataset this image joins.")
        document = self._document()
        image = self._layer_image(document)
        mask = document.selection_mask()
        if mask is not None:
            image = crop(image, mask.bounds)  # the selection, when there is one, is what the designer picked
        tags = [t.strip() for t in self.tags.replace(";", ",").split(",") if t.strip()]
        params = api.DatasetsAddParams(brand=self.brand_id, image=api.ImageInput(base64=png_base64(image)),
                                       caption=self.caption.strip() or None, tags=tags, source="krita")
        result = await self.client.add_to_dataset(params)
        if not self.caption.strip() and result.proposedCaption:
            self.caption = result.proposedCaption
            self.changed.emit()
        already = " (it was already there)" if result.duplicate else ""
        self._say(f"Added to the {self.brand_id} dataset{already}.")
        return result

    # ---- errors -------------------------------------------------------------------------------------------------

    async def _guarded(self, action, quiet: bool = False):
        """Runs an action, turning its failure into a sentence for the designer; the task still fails, so scripts
        and tests see it."""
        try:
            return await action
        except (AtelierError, DocumentError) as error:
            if not quiet:
                self._say(str(error) if isinstance(error, DocumentError) else human_sentence(error, self.url))
            raise


def _layer_name(item: HistoryItem) -> str:
    label = {"generate": "Atelier", "redraw": "Atelier redraw", "selection": "Atelier selection"}.get(item.kind,
                                                                                                       "Atelier")
    words = (item.prompt or "").strip()
    name = f"{label} · {words[:40]}" if words else label
    return f"{name} · seed {item.seed}" if item.seed is not None else name
