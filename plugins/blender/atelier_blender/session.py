"""The add-on's state: the bridge it is connected to, what that bridge offers, the running job and the sentence the
panel shows. Knows nothing of bpy; changed only on the main thread (worker results arrive through the Inbox)."""
from __future__ import annotations

import base64
import os
from typing import Callable, List, Optional

from .client import Client, diffusion_models
from .errors import AtelierError, human_sentence
from .jobs import FollowedJob, JobOutcome
from .settings import effective_token
from .tasks import Inbox, in_background
from .wire import DEFAULT_URL, ErrorCode, JobStatus

MAX_STEPS = 150  # the engine's own upper bound; more is refused as invalid params


def generate_params(prompt: str, model: str = "", brand: str = "", size=(0, 0), seed: int = -1, steps: int = 0,
                    init_png: Optional[bytes] = None, strength: Optional[float] = None) -> dict:
    """images.generate params, leaving out what the designer left unset (the bridge then picks its defaults).
    With `init_png` it is a redraw over that picture, `strength` saying how far from it the result may go."""
    params = {"prompt": prompt.strip(), "count": 1}
    if model:
        params["model"] = model
    if brand:
        params["brand"] = brand
    if size and size[0] > 0 and size[1] > 0:
        params["width"], params["height"] = int(size[0]), int(size[1])
    if seed is not None and seed >= 0:
        params["seed"] = int(seed)
    if steps and steps > 0:
        params["steps"] = min(int(steps), MAX_STEPS)
    if init_png is not None:
        params["initImage"] = {"base64": base64.b64encode(init_png).decode("ascii")}
        params["strength"] = 0.6 if strength is None else float(strength)
    return params


class Session:
    def __init__(self, inbox: Optional[Inbox] = None, client_factory: Callable[[str, str], Client] = Client):
        self.inbox = inbox or Inbox()
        self._client_factory = client_factory
        self._client: Optional[Client] = None
        self.url = DEFAULT_URL
        self.connected = False
        self.connecting = False
        self.server_version = ""
        self.capabilities: List[str] = []
        self.models: List[dict] = []  # models that draw, the bridge's default first
        self.brands: List[dict] = []
        self.message = ""
        self.job: Optional[FollowedJob] = None
        self.step = 0
        self.total_steps = 0
        self.last_outcome: Optional[JobOutcome] = None
        self.listeners: List[Callable[[], None]] = []  # told after every change (the panel redraws)

    @property
    def busy(self) -> bool:
        return self.job is not None

    def model(self, model_id: str) -> Optional[dict]:
        return next((m for m in self.models if m.get("id") == model_id), self.models[0] if self.models else None)

    # ---- connect ------------------------------------------------------------------------------------------------

    def connect(self, url: str, typed_token: str = "", environ=os.environ):
        """session.initialize, models.list and brands.list on a worker thread; the outcome lands in `message`."""
        self.url = (url or DEFAULT_URL).strip().rstrip("/")
        try:
            client = self._client_factory(self.url, effective_token(self.url, typed_token, environ))
        except AtelierError as error:
            self._fail(error)
            return
        self.connecting, self.connected = True, False
        self.say(f"Connecting to {self.url}…")

        def work():
            session = client.initialize() or {}
            models = client.models()
            try:
                brands = client.brands()
            except AtelierError as error:
                if error.code != ErrorCode.METHOD_NOT_FOUND:
                    raise
                brands = []  # an older bridge without brands: generation still works
            return session, models, brands

        def done(result, error):
            self.connecting = False
            if error is not None:
                self._fail(error)
                return
            session, models, brands = result
            self._client = client
            self.connected = True
            self.server_version = str(session.get("serverVersion") or "")
            self.capabilities = list(session.get("capabilities") or [])
            self.models = diffusion_models(models)
            self.brands = [b for b in brands if b.get("id")]
            self.say(f"Connected to {self.url} (bridge {self.server_version or 'unknown version'}).")

        in_background(work, done, self.inbox, "atelier-connect")

    def offers(self, method: str) -> bool:
        return self.connected and (not self.capabilities or method in self.capabilities)

    # ---- generate and cancel ------------------------------------------------------------------------------------

    def generate(self, params: dict, on_image: Optional[Callable[[bytes, JobOutcome], None]] = None) -> bool:
        """Starts one job; `on_image(png, outcome)` runs on the main thread when it succeeds. False when it could not
        start (not connected, or a job already running), with the reason in `message`."""
        if not self.ready_to_generate():
            return False
        if not params.get("prompt"):
            self.say("Write a prompt first.")
            return False
        self.step, self.total_steps, self.last_outcome = 0, 0, None
        self.job = FollowedJob(self._client, params, self.inbox, self._on_progress,
                               lambda outcome: self._on_finished(outcome, on_image)).start()
        self.say("Redrawing over the render…" if "initImage" in params else "Generating…")
        return True

    def ready_to_generate(self) -> bool:
        """True when a job may start now; else False, with the reason in `message`."""
        if not self.connected or self._client is None:
            self.say("Connect to the bridge first.")
            return False
        if self.busy:
            self.say("A generation is already running: wait for it, or cancel it.")
            return False
        return True

    def cancel(self) -> bool:
        if self.job is None:
            return False
        self.job.cancel()
        self.say("Cancelling…")
        return True

    def _on_progress(self, step: int, total: int):
        self.step, self.total_steps = step, total
        self.say(f"Generating… step {step}/{total}" if total else "Waiting for the model…")

    def _on_finished(self, outcome: JobOutcome, on_image):
        self.job = None
        self.last_outcome = outcome
        if outcome.status == JobStatus.SUCCEEDED and outcome.png is not None:
            if on_image is not None:
                try:
                    on_image(outcome.png, outcome)
                except Exception as error:  # noqa: BLE001 - placing the image failed: say so, keep the add-on alive
                    self.say(f"The image came back but could not be placed: {error}")
                    return
            self.say("Done.")
        else:
            self._fail(outcome.error or AtelierError(ErrorCode.BAD_ANSWER, "no result"))

    # ---- the panel's sentence -----------------------------------------------------------------------------------

    def _fail(self, error: BaseException):
        if isinstance(error, AtelierError) and error.code == ErrorCode.UNAUTHORIZED:
            self.connected, self._client = False, None
        self.say(human_sentence(error, self.url))

    def say(self, message: str):
        """Shows `message` in the panel (the listeners redraw it)."""
        self.message = message
        for listener in list(self.listeners):
            listener()
