"""Following a job from a worker thread: progress, result, cancel and failure reach the main thread only through
the Inbox, in order."""
import threading
import time

import fixtures
from atelier_blender.client import Client
from atelier_blender.jobs import FollowedJob
from atelier_blender.tasks import Inbox, in_background
from atelier_blender.wire import ErrorCode
from scripted_bridge import TOKEN, ScriptedBridge, result

REF = fixtures.load("jobs.get.result")["result"]["results"][0]


def _job(status, step, total, results=(), error=None):
    info = {"jobId": "job_1", "kind": "images.generate", "status": status,
            "progress": {"step": step, "totalSteps": total}, "results": list(results)}
    if error is not None:
        info["error"] = error
    return result(info)


def _follow(bridge, params=None):
    inbox, events = Inbox(), []
    job = FollowedJob(Client(bridge.url, TOKEN), params or {"prompt": "robe"}, inbox,
                      lambda step, total: events.append(("progress", step, total, threading.current_thread())),
                      lambda outcome: events.append(("finished", outcome, threading.current_thread())),
                      poll_interval_s=0.01)
    return job, inbox, events


def _pump_until_finished(inbox, events, timeout=10):
    deadline = time.monotonic() + timeout
    while not any(e[0] == "finished" for e in events):
        assert time.monotonic() < deadline, "the job did not finish"
        inbox.pump()
        time.sleep(0.005)


def test_progress_then_the_png_arrive_on_the_pumping_thread_only():
    with ScriptedBridge() as bridge:
        bridge.answers["images.generate"] = result({"jobId": "job_1"})
        bridge.answers["jobs.get"] = [_job("queued", 0, 0), _job("running", 5, 20), _job("running", 5, 20),
                                      _job("running", 12, 20), _job("succeeded", 20, 20, [REF])]
        bridge.images[REF["url"]] = b"\x89PNG the result"
        job, inbox, events = _follow(bridge)
        job.start()
        job.join(10)
        assert events == []  # nothing reaches the add-on until the main thread pumps
        _pump_until_finished(inbox, events)
    progress = [(e[1], e[2]) for e in events if e[0] == "progress"]
    assert progress == [(0, 0), (5, 20), (12, 20)]  # each change once, in order
    outcome = events[-1][1]
    assert outcome.status == "succeeded" and outcome.png == b"\x89PNG the result" and outcome.error is None
    assert {e[-1] for e in events} == {threading.current_thread()}
    assert outcome.job_id == "job_1"


def test_cancel_sends_jobs_cancel_once_and_the_job_ends_cancelled():
    cancelled = threading.Event()

    def cancel(params):
        cancelled.set()
        return result({"jobId": params["jobId"], "status": "cancelled"})

    with ScriptedBridge() as bridge:
        bridge.answers["images.generate"] = result({"jobId": "job_1"})
        bridge.answers["jobs.get"] = lambda params: (_job("cancelled", 7, 150) if cancelled.is_set()
                                                     else _job("running", 7, 150))
        bridge.answers["jobs.cancel"] = cancel
        job, inbox, events = _follow(bridge)
        job.start()
        time.sleep(0.1)
        inbox.pump()
        assert [e[1:3] for e in events] == [(7, 150)]  # running, not finished, before the cancel
        job.cancel()
        _pump_until_finished(inbox, events)
        cancels = bridge.calls("jobs.cancel")
    outcome = events[-1][1]
    assert cancels == [{"jobId": "job_1"}]
    assert outcome.status == "cancelled" and outcome.png is None
    assert outcome.error.code == ErrorCode.CANCELLED and outcome.error.human() == "Cancelled."


def test_a_failed_job_carries_the_bridge_s_error():
    wire_error = fixtures.load("error.model-failure")["error"]
    with ScriptedBridge() as bridge:
        bridge.answers["images.generate"] = result({"jobId": "job_1"})
        bridge.answers["jobs.get"] = _job("failed", 3, 20, error=wire_error)
        job, inbox, events = _follow(bridge)
        job.start()
        _pump_until_finished(inbox, events)
    outcome = events[-1][1]
    assert outcome.status == "failed" and outcome.error.code == ErrorCode.MODEL_FAILURE
    assert outcome.error.human().startswith("The model failed on this request")


def test_a_refused_submission_ends_the_job_with_that_error():
    with ScriptedBridge() as bridge:
        bridge.answers["images.generate"] = {"error": fixtures.load("error.busy")["error"]}
        job, inbox, events = _follow(bridge)
        job.start()
        _pump_until_finished(inbox, events)
    outcome = events[-1][1]
    assert outcome.status == "failed" and outcome.error.code == ErrorCode.BUSY and outcome.job_id == ""


def test_background_work_reports_its_result_or_its_error_through_the_inbox():
    inbox, seen = Inbox(), []
    in_background(lambda: 41 + 1, lambda value, error: seen.append((value, error)), inbox).join(5)
    in_background(lambda: 1 / 0, lambda value, error: seen.append((value, type(error))), inbox).join(5)
    assert seen == []
    assert inbox.pump() == 2
    assert seen == [(42, None), (None, ZeroDivisionError)]
