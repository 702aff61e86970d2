"""A minimal future and coroutine runner on Qt's event loop.

Krita runs Python on its GUI thread, and everything the plugin waits for (HTTP replies, WebSocket messages, timers)
arrives as Qt signals. Writing actions as `async def` that `await` those signals keeps them readable top to bottom
(submit, wait for the job, fetch the images) without nesting callbacks, and without asyncio, which would need its own
loop integrated with Qt's.
"""
from __future__ import annotations

import time
from typing import Any, Callable, Coroutine, List, Optional

from PyQt5.QtCore import QEventLoop, QTimer


class Future:
    """A value that arrives later, once. Await it inside a coroutine run by `spawn`."""

    def __init__(self):
        self._done = False
        self._value: Any = None
        self._error: Optional[BaseException] = None
        self._callbacks: List[Callable[["Future"], None]] = []

    @staticmethod
    def resolved(value=None) -> "Future":
        future = Future()
        future.set_result(value)
        return future

    def done(self) -> bool:
        return self._done

    def set_result(self, value=None):
        self._settle(value, None)

    def set_error(self, error: BaseException):
        self._settle(None, error)

    def _settle(self, value, error):
        if self._done:
            return  # first answer wins: a late notification after a poll already settled it changes nothing
        self._done, self._value, self._error = True, value, error
        callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback(self)

    def add_done_callback(self, callback: Callable[["Future"], None]):
        if self._done:
            callback(self)
        else:
            self._callbacks.append(callback)

    def result(self):
        if not self._done:
            raise RuntimeError("the future is not done yet")
        if self._error is not None:
            raise self._error
        return self._value

    def error(self) -> Optional[BaseException]:
        return self._error

    def __await__(self):
        if not self._done:
            yield self
        return self.result()


class Task(Future):
    """Runs a coroutine to its end, resuming it whenever the future it awaits settles."""

    def __init__(self, coroutine: Coroutine):
        super().__init__()
        self._coroutine = coroutine
        self._step(None, None)

    def _step(self, value, error):
        try:
            awaited = self._coroutine.send(value) if error is None else self._coroutine.throw(error)
        except StopIteration as stop:
            self.set_result(stop.value)
            return
        except BaseException as failure:  # the task's outcome; whoever awaits or watches it decides
            self.set_error(failure)
            return
        if not isinstance(awaited, Future):
            self._step(None, TypeError("an Atelier task may only await Futures"))
            return
        awaited.add_done_callback(self._resume)

    def _resume(self, awaited: Future):
        if awaited.error() is not None:
            self._step(None, awaited.error())
        else:
            self._step(awaited.result(), None)


def spawn(coroutine: Coroutine) -> Task:
    return Task(coroutine)


def sleep(milliseconds: int) -> Future:
    future = Future()
    QTimer.singleShot(int(milliseconds), future.set_result)
    return future


def wait(future: Future, timeout_s: float = 60.0):
    """Blocks the caller while running Qt's event loop until the future settles; for scripts and tests, not for
    widgets (a nested event loop inside a click handler surprises users)."""
    loop = QEventLoop()
    deadline = time.monotonic() + timeout_s
    future.add_done_callback(lambda _: loop.quit())
    timer = QTimer()
    timer.timeout.connect(lambda: loop.quit() if time.monotonic() > deadline else None)
    timer.start(100)
    while not future.done() and time.monotonic() <= deadline:
        loop.exec_()
    timer.stop()
    if not future.done():
        raise TimeoutError(f"nothing settled within {timeout_s:.0f} s")
    return future.result()
