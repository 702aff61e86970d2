"""Work off Blender's main thread, results back on it.

Network calls block, so they run on worker threads; bpy may only be touched from the main thread, so a worker never
touches it: it posts a callback to the Inbox, and the add-on's timer (bpy.app.timers, see ui.py) runs pump() on the
main thread a few times a second. Without a running event loop (blender -b scripts, unit tests) the caller pumps.
"""
from __future__ import annotations

import queue
import threading
from typing import Callable


class Inbox:
    """Callbacks posted from any thread, run in order by whoever calls pump() (Blender's main thread)."""

    def __init__(self):
        self._queue = queue.SimpleQueue()

    def post(self, callback: Callable, *args):
        self._queue.put((callback, args))

    def pump(self) -> int:
        """Runs every callback posted so far; returns how many ran."""
        ran = 0
        while True:
            try:
                callback, args = self._queue.get_nowait()
            except queue.Empty:
                return ran
            callback(*args)
            ran += 1


def in_background(work: Callable[[], object], on_done: Callable[[object, BaseException], None], inbox: Inbox,
                  name: str = "atelier-task") -> threading.Thread:
    """Runs `work()` on a daemon thread; `on_done(result, error)` is posted to the inbox (error None on success)."""
    def body():
        try:
            result = work()
        except BaseException as error:  # noqa: BLE001 - every failure goes back to the main thread as a value
            inbox.post(on_done, None, error)
            return
        inbox.post(on_done, result, None)

    thread = threading.Thread(target=body, name=name, daemon=True)
    thread.start()
    return thread
