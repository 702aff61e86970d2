"""End-to-end check inside the real Krita (run by test-in-krita.sh through kritarunner).

Drives the plugin's OWN model actions against a real bridge: connect (token read from $ATELIER_HOME/token, as for a
designer), generate into a Krita document, apply, redraw over, regenerate a selection (pixels outside it must stay),
add a layer to a brand dataset, upscale; screenshots of the docker go to $SCREENSHOT_DIR. kritarunner always exits
0, so this writes its verdict to $ATELIER_E2E_RESULT and leaves with os._exit(code).
"""
import json
import os
import sys
import time
import traceback

RESULT_FILE = os.environ.get("ATELIER_E2E_RESULT", "atelier-e2e-result.json")
SCREENSHOTS = os.environ.get("SCREENSHOT_DIR", "build")
BRIDGE_ONLY = os.environ.get("ATELIER_E2E_BRIDGE_ONLY") == "1"  # before the engine exists: no generation steps
STEPS = []
OUT_DIR = os.environ.get("ATELIER_E2E_OUT", "build")  # applied results for test-in-krita.sh to show the judge


class StepFailed(AssertionError):
    pass


def check(condition, what):
    if not condition:
        raise StepFailed(what)


def step(name):
    """Runs one named step, records PASSED/FAILED/SKIPPED; a failed step fails the run but later steps still run
    where they can, so one report shows everything that broke."""
    def wrap(fn):
        def run(*args):
            started = time.monotonic()
            try:
                outcome = fn(*args)
                status = "SKIPPED" if isinstance(outcome, str) and outcome.startswith("SKIPPED") else "PASSED"
                detail = outcome if isinstance(outcome, str) else ""
            except Exception as error:  # noqa: BLE001 - every failure becomes a line of the report
                status, detail = "FAILED", f"{type(error).__name__}: {error}"
                traceback.print_exc()
            STEPS.append({"step": name, "status": status, "detail": detail,
                          "seconds": round(time.monotonic() - started, 2)})
            print(f"[atelier-e2e] {status:7} {name} {detail}", flush=True)
            return status == "PASSED"
        return run
    return wrap


class Scenario:
    def __init__(self):
        from krita import Krita
        from PyQt5.QtWidgets import QApplication

        import atelier  # the installed plugin, from the pykrita folder (registers its docker factory)
        from atelier.document import KritaDocument
        from atelier.model import Model
        from atelier.settings import Settings
        from atelier.ui import AtelierWidget

        self.app = QApplication.instance()
        self.krita = Krita.instance()
        print(f"[atelier-e2e] Krita {self.krita.version()}, plugin {atelier.PLUGIN_VERSION} from "
              f"{os.path.dirname(atelier.__file__)}", flush=True)
        self.doc = self.krita.createDocument(128, 128, "Atelier e2e", "RGBA", "U8", "", 300.0)
        self.document = KritaDocument(self.doc)
        settings = Settings.from_krita()  # Krita's own settings store (kritarc in the test's config home)
        settings.url = os.environ["ATELIER_E2E_URL"]
        self.model = Model(settings, lambda: self.document)  # no token typed: read from $ATELIER_HOME/token
        self.widget = AtelierWidget(self.model)
        self.widget.resize(380, 860)
        self.widget.advanced_toggle.setChecked(True)
        self.widget.show()
        self.items = []

    # ---- helpers ------------------------------------------------------------------------------------------------

    def wait(self, task, timeout=240):
        from atelier.futures import wait
        return wait(task, timeout)

    def shot(self, name):
        from PyQt5.QtWidgets import QApplication
        for _ in range(5):
            QApplication.processEvents()
        os.makedirs(SCREENSHOTS, exist_ok=True)
        path = os.path.join(SCREENSHOTS, name)
        check(self.widget.grab().save(path), f"could not write {path}")
        print(f"[atelier-e2e] screenshot {path}", flush=True)

    def layers(self):
        return [node.name() for node in self.doc.rootNode().childNodes()]

    def pixels(self):
        self.doc.waitForDone()
        self.doc.refreshProjection()
        return bytes(self.doc.pixelData(0, 0, self.doc.width(), self.doc.height()))

    def generation_offered(self):
        return self.model.offers("images.generate") and self.model.models

    # ---- steps --------------------------------------------------------------------------------------------------

    @step("token read from the bridge home, as for a local designer")
    def token(self):
        check(len(self.model.token) >= 16, "no token found under $ATELIER_HOME/token")

    @step("connect: session.initialize, models, brands, live socket")
    def connect(self):
        self.wait(self.model.connect_bridge(), 60)
        check(self.model.connected, f"not connected: {self.model.message}")
        check(self.model.live_progress, "the WebSocket did not open: no live progress")
        self.shot("atelier-docker-connected.png")
        return f"bridge {self.model.session.serverVersion}, capabilities {len(self.model.session.capabilities)}"

    @step("a wrong token is told as a token problem")
    def wrong_token(self):
        from atelier.model import Model
        from atelier.settings import Settings
        wrong = Model(Settings(), lambda: self.document)
        wrong.url, wrong.token = self.model.url, "not-the-token"
        try:
            self.wait(wrong.connect_bridge(), 30)
        except Exception:  # noqa: BLE001 - expected: the refusal is what we check below
            pass
        check(not wrong.connected and "token" in wrong.message.lower(), f"message was: {wrong.message}")
        return wrong.message

    @step("a French prompt is understood through taxonomy.resolve")
    def understood(self):
        if not self.model.offers("taxonomy.resolve"):
            return "SKIPPED: this bridge does not offer taxonomy.resolve"
        self.model.prompt = "robe rouge à rayures avec ceinture"
        understood = self.wait(self.model.resolve_prompt(), 30)
        check(all(token in understood.split() for token in ("red", "stripes", "dress", "belt")),
              f"understood as '{understood}'")
        check("Understood as" in self.widget.understood.text(), "the docker does not show the understood line")
        return f"understood as '{understood}'"

    @step("generate into the document (text to image, 2 variations, live progress)")
    def generate(self):
        if not self.generation_offered():
            check(BRIDGE_ONLY, "the bridge offers no images.generate or no diffusion model")
            return "SKIPPED: bridge without engine (ATELIER_E2E_BRIDGE_ONLY=1)"
        seen_steps, seen_previews = [], []
        self.model.progress_changed.connect(lambda: seen_steps.append(self.model.step))
        self.model.progress_changed.connect(lambda: seen_previews.append(self.model.preview is not None))
        self.model.prompt = "robe rouge à rayures avec ceinture"
        self.wait(self.model.resolve_prompt(), 30)
        self.model.count, self.model.seed, self.model.seed_locked = 2, 42, True
        self.items = self.wait(self.model.generate())
        check(len(self.items) == 2, f"{len(self.items)} results instead of 2")
        check(all(not i.image.isNull() for i in self.items), "a result image is empty")
        check(max(seen_steps or [0]) > 0, "no jobs.progress reached the model")
        check(any(seen_previews), "no live preview image reached the model")
        self.shot("atelier-docker-results.png")
        return (f"understood as '{self.model.understood}', {max(seen_steps)} progress steps seen, "
                f"live previews shown")

    @step("apply places the chosen result as a new layer")
    def apply(self):
        if not self.items:
            return "SKIPPED: nothing generated"
        before = self.layers()
        check(self.model.apply(1), f"apply refused: {self.model.message}")
        after = self.layers()
        check(len(after) == len(before) + 1 and after[-1].startswith("Atelier"), f"layers now {after}")
        from atelier.document import image_to_bgra, place
        expected = image_to_bgra(place(self.items[1].image, 128, 128))
        check(self.pixels() == expected, "the document does not show the applied result")
        return f"layers {after}"

    @step("redraw over the current layer")
    def redraw(self):
        if not self.items:
            return "SKIPPED: nothing generated"
        self.model.count, self.model.strength = 1, 0.5
        items = self.wait(self.model.redraw())
        check(len(items) == 1 and items[0].kind == "redraw", "no redraw result")
        before = len(self.layers())
        check(self.model.apply(), self.model.message)
        check(len(self.layers()) == before + 1, "redraw not placed as a layer")

    @step("regenerate a selection: pixels outside it unchanged")
    def selection(self):
        if not self.items:
            return "SKIPPED: nothing generated"
        x, y, w, h = 32, 40, 64, 48
        items, before, after = self.regenerate_and_apply(x, y, w, h)
        width = self.doc.width()
        outside_changed = inside_changed = 0
        for row in range(self.doc.height()):
            for col in range(width):
                at = (row * width + col) * 4
                inside = x <= col < x + w and y <= row < y + h
                differs = after[at:at + 4] != before[at:at + 4]
                if inside:
                    inside_changed += differs
                else:
                    outside_changed += differs
        check(outside_changed == 0, f"{outside_changed} pixels outside the selection changed in the document")
        check(inside_changed > 0, "nothing changed inside the selection")
        self.clear_selection()
        self.shot("atelier-docker-selection.png")
        return f"{inside_changed} of {w * h} selected pixels changed, 0 outside"

    def use_new_document(self, width, height, name):
        from atelier.document import KritaDocument
        self.doc = self.krita.createDocument(width, height, name, "RGBA", "U8", "", 300.0)
        self.document = KritaDocument(self.doc)

    @step("real canvas sizes: A4 and 1024x1024 each get one whole result, unstretched, saved for the judge")
    def real_sizes(self):
        if not self.generation_offered():
            return "SKIPPED: bridge without engine"
        from atelier.document import bgra_to_image
        small = (self.doc, self.document)
        report = []
        try:
            for name, width, height in (("a4", 2480, 3508), ("square-1024", 1024, 1024)):
                self.use_new_document(width, height, f"Atelier e2e {name}")
                self.model.count, self.model.seed, self.model.seed_locked = 1, 11, True
                self.model.prompt = "robe rouge à rayures avec ceinture"
                items = self.wait(self.model.generate())
                check(len(items) == 1 and items[0].region is not None, "no placed result")
                x, y, w, h = items[0].region
                check(abs(w - h) <= 1 and w == min(width, height), f"region {items[0].region} is not the largest "
                                                                     f"square of a {width}x{height} canvas")
                check(self.model.apply(), self.model.message)  # the first of the new results is the one picked
                self.doc.waitForDone()
                placed = [n for n in self.doc.rootNode().childNodes() if n.name().startswith("Atelier")]
                check(len(placed) == 1, f"layers now {self.layers()}")
                layer = bytes(placed[0].pixelData(0, 0, width, height))
                above = layer[:y * width * 4]
                check(not above or max(above[3::4]) == 0, "the result spills above its region (stretched?)")
                os.makedirs(OUT_DIR, exist_ok=True)
                self.doc.refreshProjection()
                shown = bgra_to_image(bytes(self.doc.pixelData(x, y, w, h)), w, h)
                check(shown.save(os.path.join(OUT_DIR, f"{name}.png")), f"could not save {name}.png")
                report.append(f"{name}: asked {items[0].image.width()}px, placed in {w}x{h} at {x},{y}")
            self.selection_on_large_canvas()
            report.append("1024 canvas: a 80x60 selection redrawn at full model size, 0 pixels outside changed")
        finally:
            self.doc, self.document = small
        return "; ".join(report)

    def clear_selection(self):
        from krita import Selection
        self.doc.setSelection(Selection())

    def regenerate_and_apply(self, x, y, w, h):
        """Selects the rectangle, regenerates it at full strength and applies the result: (results, pixels before,
        pixels after)."""
        from krita import Selection
        selection = Selection()
        selection.select(x, y, w, h, 255)
        self.doc.setSelection(selection)
        before = self.pixels()
        self.model.strength, self.model.seed = 1.0, 7
        items = self.wait(self.model.regenerate_selection())
        check(len(items) == 1, "no selection result")
        check(self.model.apply(), self.model.message)
        return items, before, self.pixels()

    def selection_on_large_canvas(self):
        x, y, w, h = 600, 600, 80, 60
        items, before, after = self.regenerate_and_apply(x, y, w, h)
        check(items[0].image.width() >= w, "the selection was not drawn at full model size")
        width, row_bytes = self.doc.width(), self.doc.width() * 4
        inside_changed = 0
        for row in range(self.doc.height()):
            a, b = after[row * row_bytes:(row + 1) * row_bytes], before[row * row_bytes:(row + 1) * row_bytes]
            if not y <= row < y + h:
                check(a == b, f"row {row}, outside the selection, changed")
                continue
            check(a[:x * 4] == b[:x * 4] and a[(x + w) * 4:] == b[(x + w) * 4:],
                  f"row {row} changed outside the selection")
            inside_changed += a[x * 4:(x + w) * 4] != b[x * 4:(x + w) * 4]
        check(inside_changed > 0, "nothing changed inside the selection")
        self.clear_selection()

    @step("add the layer to a brand dataset, and the bridge has it")
    def dataset(self):
        if not self.model.offers("datasets.add"):
            return "SKIPPED: this bridge does not offer datasets.add"
        client = self.model.client
        if not self.model.brands:
            brand = {"id": "e2e-house", "displayName": "E2E House", "languages": ["fr", "en"],
                     "palette": [{"name": "rouge maison", "hex": "#b0302a"},
                                 {"name": "bleu nuit", "hex": "#1c2a58"}], "vocabulary": []}
            self.wait(client.call("brands.create", brand), 30)
            self.wait(self.model.connect_bridge(), 60)
        self.model.brand_id = self.model.brands[0].id
        check(self.model.can_add_to_dataset, "add to dataset not enabled")
        self.model.prompt = self.model.prompt or "robe rouge à rayures avec ceinture"
        self.wait(self.model.resolve_prompt(), 30)
        caption = self.model.propose_caption()
        check(caption, "no caption proposed")
        self.model.caption = caption + " short_sleeves"  # the designer edits the proposal
        self.model.tags = "e2e, krita"
        self.model.changed.emit()  # show the edits in the docker, as typing would
        added = self.wait(self.model.add_to_dataset(), 60)
        listed = self.wait(client.call("datasets.list", {"brand": self.model.brand_id}), 30)
        items = {item["itemId"]: item for item in listed["items"]}
        check(added.itemId in items, f"item {added.itemId} not in datasets.list {list(items)}")
        item = items[added.itemId]
        check(item.get("caption") == self.model.caption, f"caption stored as '{item.get('caption')}'")
        check(item.get("tags") == ["e2e", "krita"], f"tags stored as {item.get('tags')}")
        self.shot("atelier-docker-dataset.png")
        return f"item {added.itemId} in {self.model.brand_id}, caption '{item.get('caption')}'"

    @step("capsule: the house's looks open as a new document, contact sheet and one layer per look")
    def capsule(self):
        if not self.model.offers("capsules.generate") or not self.model.brand_id:
            return "SKIPPED: no capsules.generate or no brand"
        self.model.capsule_looks, self.model.prompt = 2, "bord de mer"
        check(self.model.can_capsule, "Capsule not enabled")
        opened = self.wait(self.model.capsule(), 300)
        check(opened, self.model.message)
        layers = [n.name() for n in opened.rootNode().childNodes()]
        check(layers[-3:] == ["Look 1", "Look 2", "Contact sheet"], f"layers {layers}")
        self.model.prompt = ""
        return f"{opened.name()} {opened.width()}x{opened.height()}, layers {layers}"

    @step("upscale the layer")
    def upscale(self):
        if not self.model.offers("images.upscale"):
            return "SKIPPED: this bridge has no upscaler"
        self.model.upscale_factor = 2
        try:
            items = self.wait(self.model.upscale())
        except Exception as error:  # noqa: BLE001 - one answer is acceptable: the bridge has no upscaler after all
            if getattr(error, "code", None) != -32601:
                raise
            check(not self.model.can_upscale, "upscale still offered after the bridge said it has none")
            return "SKIPPED: the bridge lists images.upscale but answers -32601 (no upscaler installed)"
        check(items and items[0].image.width() == 2 * self.doc.width(), "upscaled size is not ×2")
        self.upscaled = len(self.model.history) - 1

    @step("apply the upscale: the document is enlarged and the result added as a new layer")
    def apply_upscale(self):
        if getattr(self, "upscaled", None) is None:
            return "SKIPPED: nothing upscaled"
        width, height = self.doc.width(), self.doc.height()
        before = self.layers()
        check(self.model.apply(self.upscaled), f"apply refused: {self.model.message}")
        check((self.doc.width(), self.doc.height()) == (2 * width, 2 * height),
              f"document is {self.doc.width()}x{self.doc.height()}, not twice {width}x{height}")
        after = self.layers()
        check(len(after) == len(before) + 1 and "Atelier upscale" in after, f"layers now {after}")
        return f"document {self.doc.width()}x{self.doc.height()}, layers {after}"

    @step("cancel stops a running generation")
    def cancel(self):
        if not self.generation_offered():
            return "SKIPPED: bridge without engine"
        from atelier.futures import sleep
        # The most steps the engine takes, so the job is still running when the first progress arrives even on a
        # fast model (the tiny test model finishes 50 steps before a busy machine delivers the first notification).
        self.model.count, self.model.steps = 1, 150
        task = self.model.generate()
        deadline = time.monotonic() + 60
        while self.model.step == 0 and not task.done() and time.monotonic() < deadline:
            self.wait(sleep(20), 5)
        check(not task.done(), "the job ended before it could be cancelled")
        self.shot("atelier-docker-progress.png")  # the progress bar and live preview, mid-generation
        at_step = f"{self.model.step}/{self.model.total_steps}"
        self.wait(self.model.cancel(), 30)
        try:
            self.wait(task, 60)
            raise StepFailed("the job finished despite the cancel")
        except StepFailed:
            raise
        except Exception as error:  # noqa: BLE001 - the cancelled task fails with the cancellation
            check(getattr(error, "code", None) == -32007, f"ended with {error}")
        check(not self.model.busy, "the model still looks busy")
        self.model.steps = 0
        self.model.changed.emit()
        return f"cancel asked at step {at_step}"


def main(*_args):
    code = 1
    try:
        scenario = Scenario()
        scenario.token()
        if scenario.connect():
            scenario.wrong_token()
            scenario.understood()
            scenario.generate()
            scenario.apply()
            scenario.redraw()
            scenario.selection()
            scenario.real_sizes()
            scenario.dataset()
            scenario.capsule()
            scenario.upscale()
            scenario.cancel()
            scenario.apply_upscale()
            scenario.shot("atelier-docker.png")
        code = 0 if STEPS and all(s["status"] != "FAILED" for s in STEPS) else 1
    except Exception:  # noqa: BLE001 - setting up the scenario failed: report and fail
        traceback.print_exc()
        STEPS.append({"step": "set up", "status": "FAILED", "detail": traceback.format_exc(limit=3)})
    with open(RESULT_FILE, "w", encoding="utf-8") as out:
        json.dump({"passed": code == 0, "steps": STEPS}, out, indent=2)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
