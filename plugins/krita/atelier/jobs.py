"""Following a job to its end: pushed notifications when the socket is up, polling `jobs.get` as the safety net."""
from __future__ import annotations

from typing import Dict

from PyQt5.QtCore import QObject, QTimer, pyqtSignal

from . import api
from .api import JobStatus
from .client import Client
from .futures import Future


class JobWatcher(QObject):
    """Settles one Future per followed job with its jobs.finished (or the same facts read from jobs.get)."""

    progress = pyqtSignal(object)  # api.JobsProgressNotification of followed jobs

    def __init__(self, client: Client):
        super().__init__(client)
        self._client = client
        self._waiting: Dict[str, Future] = {}
        self._timers: Dict[str, QTimer] = {}
        client.progress.connect(self._on_progress)
        client.finished.connect(self._on_finished)

    def follow(self, job_id: str, poll_ms: int = 2000) -> Future:
        future = Future()
        self._waiting[job_id] = future
        if self._client.socket_ready:
            # Submitted over HTTP, so this socket is not subscribed yet; a job that ended before the subscription
            # reports a final status here, and the poll below fetches its results at once.
            self._client.socket_call("jobs.subscribe", api.JobIdParams(job_id)).add_done_callback(
                lambda done: self._poll(job_id) if done.error() is None and
                (done.result() or {}).get("status") in JobStatus.FINAL else None)
        timer = QTimer(self)
        timer.timeout.connect(lambda: self._poll(job_id))
        timer.start(poll_ms)
        self._timers[job_id] = timer
        return future

    def _poll(self, job_id: str):
        if job_id not in self._waiting:
            return
        self._client.job(job_id).add_done_callback(lambda done: self._on_polled(job_id, done))

    def _on_polled(self, job_id: str, done: Future):
        if done.error() is not None:
            return  # a missed poll is retried by the timer; the notification may also come first
        info: api.JobInfo = done.result()
        if info.status in JobStatus.FINAL:
            self._settle(api.JobsFinishedNotification(job_id, info.status, info.results or [], info.error))
        elif info.progress is not None and not self._client.socket_ready:
            self.progress.emit(api.JobsProgressNotification(job_id, info.progress.step, info.progress.totalSteps))

    def _on_progress(self, note: api.JobsProgressNotification):
        if note.jobId in self._waiting:
            self.progress.emit(note)

    def _on_finished(self, note: api.JobsFinishedNotification):
        self._settle(note)

    def _settle(self, note: api.JobsFinishedNotification):
        future = self._waiting.pop(note.jobId, None)
        timer = self._timers.pop(note.jobId, None)
        if timer is not None:
            timer.stop()
            timer.deleteLater()
        if future is not None:
            future.set_result(note)
