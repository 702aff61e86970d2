"""Following one bridge job from a worker thread: submit, poll jobs.get for progress, cancel on request, fetch the
first result's PNG. Every event reaches the main thread through the Inbox."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Callable, List, Optional

from .client import Client
from .errors import AtelierError
from .tasks import Inbox
from .wire import ErrorCode, JobStatus

POLL_INTERVAL_S = 0.25


@dataclass
class JobOutcome:
    """How a job ended. `png` holds the first result's bytes when it succeeded."""
    job_id: str = ""
    status: str = JobStatus.FAILED
    results: List[dict] = field(default_factory=list)
    error: Optional[AtelierError] = None
    png: Optional[bytes] = None


class FollowedJob:
    """One images.generate job. `on_progress(step, total)` and `on_finished(JobOutcome)` run on the main thread."""

    def __init__(self, client: Client, params: dict, inbox: Inbox, on_progress: Callable[[int, int], None],
                 on_finished: Callable[[JobOutcome], None], poll_interval_s: float = POLL_INTERVAL_S):
        self._client = client
        self._params = params
        self._inbox = inbox
        self._on_progress = on_progress
        self._on_finished = on_finished
        self._poll_interval_s = poll_interval_s
        self._cancel_asked = threading.Event()
        self.job_id = ""
        self._thread = threading.Thread(target=self._run, name="atelier-job", daemon=True)

    def start(self) -> "FollowedJob":
        self._thread.start()
        return self

    def cancel(self):
        """Asks the bridge to cancel; the job then ends `cancelled` (or, if it was already done, as it ended)."""
        self._cancel_asked.set()

    def join(self, timeout: Optional[float] = None):
        self._thread.join(timeout)

    def _run(self):
        outcome = JobOutcome()
        try:
            outcome = self._follow()
        except AtelierError as error:
            outcome = JobOutcome(self.job_id, JobStatus.FAILED, error=error)
        except Exception as error:  # noqa: BLE001 - the designer gets a sentence, the worker never dies silently
            outcome = JobOutcome(self.job_id, JobStatus.FAILED, error=AtelierError(ErrorCode.BAD_ANSWER, str(error)))
        self._inbox.post(self._on_finished, outcome)

    def _follow(self) -> JobOutcome:
        self.job_id = self._client.generate(self._params)
        cancel_sent = False
        last_step = (-1, -1)
        while True:
            if self._cancel_asked.is_set() and not cancel_sent:
                self._client.cancel(self.job_id)
                cancel_sent = True
            info = self._client.job(self.job_id)
            status = info.get("status")
            progress = info.get("progress") or {}
            step = (int(progress.get("step", 0)), int(progress.get("totalSteps", 0)))
            if step != last_step and status not in JobStatus.FINAL:
                self._inbox.post(self._on_progress, *step)
                last_step = step
            if status in JobStatus.FINAL:
                return self._ended(status, info)
            if cancel_sent:
                time.sleep(self._poll_interval_s)
            else:
                self._cancel_asked.wait(self._poll_interval_s)  # a cancel wakes the loop at once

    def _ended(self, status: str, info: dict) -> JobOutcome:
        results = list(info.get("results") or [])
        outcome = JobOutcome(self.job_id, status, results)
        if status == JobStatus.SUCCEEDED and results:
            outcome.png = self._client.fetch_image(results[0])
        elif status == JobStatus.CANCELLED:
            outcome.error = AtelierError(ErrorCode.CANCELLED, "cancelled")
        elif status == JobStatus.FAILED:
            wire_error = info.get("error") if isinstance(info.get("error"), dict) else {}
            outcome.error = AtelierError.from_wire(wire_error or {"code": ErrorCode.INTERNAL_ERROR})
        elif status == JobStatus.SUCCEEDED:
            outcome.error = AtelierError(ErrorCode.BAD_ANSWER, "the job succeeded without results")
        return outcome
