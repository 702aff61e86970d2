"""End-to-end check inside the real Blender (run by test-in-blender.sh: blender -b --factory-startup
--python-exit-code 1 --python e2e/blender_e2e.py -- ZIP).

Installs the add-on zip the way a user does (Preferences › Add-ons › Install…, then enable), and drives its own
operators against a real bridge on atelier-micro: connect (token read from $ATELIER_HOME/token), a wrong token,
generate, apply as material on UVs, project onto an object without UVs, import a jme-preview .glb, redraw over a
render, cancel. In background mode Blender runs no event loop, so the add-on's timer never fires by itself: `wait`
calls that same timer function (ui.pump) until the condition holds.
"""
import hashlib
import json
import os
import sys
import tempfile
import time
import traceback
import urllib.request

import bpy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scene_checks import check, check_render_shows_texture, glb_json  # noqa: E402

ADDON = "atelier_blender"
URL = os.environ["ATELIER_E2E_URL"]
RESULT_FILE = os.environ.get("ATELIER_E2E_RESULT", "blender-e2e-result.json")
GLB = os.environ.get("ATELIER_E2E_GLB", "")
FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "protocol", "src", "test",
                        "resources", "fixtures")
with open(os.path.join(FIXTURES, "brands.create.request.json"), encoding="utf-8") as fixture:
    BRAND = json.load(fixture)["params"]
STEPS = []


def step(name):
    def wrap(fn):
        def run(*args):
            started = time.monotonic()
            try:
                outcome = fn(*args)
                status, detail = "PASSED", outcome if isinstance(outcome, str) else ""
            except Exception as error:  # noqa: BLE001 - every failure becomes a line of the report
                status, detail = "FAILED", f"{type(error).__name__}: {error}"
                traceback.print_exc()
            STEPS.append({"step": name, "status": status, "detail": detail,
                          "seconds": round(time.monotonic() - started, 2)})
            print(f"[atelier-e2e] {status:7} {name} ({STEPS[-1]['seconds']} s) {detail}", flush=True)
            return status == "PASSED"
        return run
    return wrap


def bridge_get(path):
    """The bridge, asked directly (not through the add-on), to check what the add-on shows."""
    token = open(os.path.join(os.environ["ATELIER_HOME"], "token"), encoding="utf-8").read().strip()
    request = urllib.request.Request(URL + path, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.read()


def bridge_call(method, params):
    token = open(os.path.join(os.environ["ATELIER_HOME"], "token"), encoding="utf-8").read().strip()
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).encode()
    request = urllib.request.Request(URL + "/rpc", body, {"Authorization": f"Bearer {token}",
                                                          "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())["result"]


def history_of(job_id):
    """The bridge's history record of a job (what it was asked, and how it answered)."""
    found = bridge_call("history.search", {"limit": 20})
    records = found.get("records", found) if isinstance(found, dict) else found
    record = next((r for r in records if r.get("jobId") == job_id), None)
    check(record is not None, f"no history record for {job_id}")
    return record


class Scenario:
    def __init__(self, zip_path):
        self.zip_path = zip_path
        self.ui = None
        self.first_result = None

    @property
    def session(self):
        return self.ui.session

    @property
    def settings(self):
        return bpy.context.scene.atelier

    def wait(self, condition, timeout, what):
        deadline = time.monotonic() + timeout
        while not condition():
            check(time.monotonic() < deadline, f"timed out after {timeout} s waiting for {what}; "
                                               f"message: {self.session.message}")
            self.ui.pump()  # the add-on's own timer function
            time.sleep(0.02)
        self.ui.pump()

    def result_image(self):
        return bpy.data.images.get(self.settings.result_image)

    def generate_and_wait(self, operator, timeout=120):
        before = self.settings.result_image
        check("FINISHED" in operator(), f"the operator did not start: {self.session.message}")
        progress = []
        deadline = time.monotonic() + timeout
        while self.session.busy:
            check(time.monotonic() < deadline, f"no result in {timeout} s: {self.session.message}")
            self.ui.pump()
            if self.session.total_steps and (not progress or progress[-1] != self.session.step):
                progress.append(self.session.step)
            time.sleep(0.02)
        self.ui.pump()
        outcome = self.session.last_outcome
        check(outcome is not None and outcome.status == "succeeded", f"the job ended: {self.session.message}")
        check(self.settings.result_image and self.settings.result_image != before, "no new result image")
        return outcome, progress

    # ---- steps --------------------------------------------------------------------------------------------------

    @step("install the zip through Preferences › Add-ons › Install, and enable it")
    def install(self):
        bpy.ops.preferences.addon_install(filepath=self.zip_path, overwrite=True)
        bpy.ops.preferences.addon_enable(module=ADDON)
        check(ADDON in bpy.context.preferences.addons, "the add-on is not enabled")
        import importlib
        self.ui = importlib.import_module(f"{ADDON}.ui")
        check(self.ui.__file__.startswith(bpy.utils.user_resource("SCRIPTS")), f"loaded from {self.ui.__file__}")
        check(hasattr(bpy.types, "VIEW3D_PT_atelier"), "the sidebar panel is not registered")
        check(bpy.app.timers.is_registered(self.ui.pump), "the main-thread timer is not registered")
        bpy.context.preferences.addons[ADDON].preferences.url = URL
        return f"from {os.path.dirname(self.ui.__file__)}"

    @step("a wrong token reads as the shared token sentence")
    def wrong_token(self):
        from atelier_blender.errors import AtelierError, human_sentence
        prefs = bpy.context.preferences.addons[ADDON].preferences
        prefs.token = "not-the-token"
        try:
            bpy.ops.atelier.connect()
            self.wait(lambda: not self.session.connecting, 30, "the refusal")
        finally:
            prefs.token = ""
        expected = human_sentence(AtelierError(-32001))
        check(not self.session.connected, "connected with a wrong token")
        check(self.session.message == expected, f"message was: {self.session.message}")
        return self.session.message

    @step("connect with the token read from the bridge home; models and brands listed")
    def connect(self):
        try:
            bridge_call("brands.create", BRAND)  # the house of the protocol's fixture, made on the bridge directly
        except KeyError:
            pass  # an error answer: the house is there already (a second run against the same bridge)
        bpy.ops.atelier.connect()
        self.wait(lambda: not self.session.connecting, 60, "the connection")
        check(self.session.connected, f"not connected: {self.session.message}")
        ids = [m["id"] for m in self.session.models]
        check("atelier-micro" in ids, f"models: {ids}")
        check(self.settings.model == ids[0], f"the model list offers {self.settings.model}")
        brands = [b["id"] for b in self.session.brands]
        check(BRAND["id"] in brands, f"brands: {brands}")
        self.settings.brand = BRAND["id"]  # the panel's brand list offers it (an enum refuses unknown ids)
        return f"{self.session.message} models {ids}, brands {[b['id'] for b in self.session.brands]}"

    @step("generate from a prompt: progress seen, the PNG is the bridge's own")
    def generate(self):
        # 60 steps: long enough (about 2 s here) for several polls to see the job running, short for a test.
        self.settings.prompt, self.settings.seed, self.settings.steps = "robe rouge à rayures", 42, 60
        started = time.monotonic()
        outcome, progress = self.generate_and_wait(bpy.ops.atelier.generate)
        self.settings.steps = 0
        check(progress, "no progress reached the panel")
        record = history_of(outcome.job_id)
        check(record.get("brand") == BRAND["id"] and record["request"].get("model") == "atelier-micro",
              f"the bridge was asked {record['request']}")
        ref = outcome.results[0]
        png = bridge_get(ref["url"])
        check(hashlib.sha256(png).hexdigest() == ref["sha256"], "the bridge's PNG does not match its sha256")
        image = self.result_image()
        check(bytes(image.packed_file.data) == png, "the image in Blender is not the PNG the bridge returned")
        check(tuple(image.size) == (ref["width"], ref["height"]), f"image size {tuple(image.size)}")
        pixels = list(image.pixels)
        reds = pixels[0::4]
        check(max(reds) - min(reds) > 0.2, "the image is flat (one colour)")
        self.first_result = (image, png)
        return f"{ref['width']}x{ref['height']} in {time.monotonic() - started:.1f} s, steps seen {progress[:6]}…"

    @step("apply as material on the selected object's UVs: the material samples the generated image")
    def apply_on_uvs(self):
        image, png = self.first_result
        cube = bpy.data.objects["Cube"]
        bpy.context.view_layer.objects.active = cube
        uv_name = cube.data.uv_layers.active.name
        check("FINISHED" in bpy.ops.atelier.apply_result(), self.session.message)
        material = cube.active_material
        shader = next(n for n in material.node_tree.nodes if n.type == "BSDF_PRINCIPLED")
        links = shader.inputs["Base Color"].links
        check(links and links[0].from_node.type == "TEX_IMAGE", "Base Color is not fed by an image texture")
        texture = links[0].from_node
        check(texture.image == image, "the texture is not the generated image")
        vector = texture.inputs["Vector"].links
        check(vector and vector[0].from_node.type == "UVMAP" and vector[0].from_node.uv_map == uv_name,
              "the texture is not read through the object's UV map")
        # The pixels the material samples, against the bridge's PNG decoded by Blender on its own.
        path = os.path.join(tempfile.mkdtemp(), "bridge.png")
        with open(path, "wb") as out:
            out.write(png)
        reference = bpy.data.images.load(path)
        check(list(texture.image.pixels) == list(reference.pixels), "the sampled pixels differ from the PNG")
        return f"material {material.name} on UV map {uv_name}; {check_render_shows_texture(cube)}"

    @step("apply onto an object without UVs: a UV map is projected from the camera")
    def apply_projected(self):
        bpy.ops.mesh.primitive_ico_sphere_add(subdivisions=2, radius=1.0, location=(0, 0, 0))
        sphere = bpy.context.active_object
        while sphere.data.uv_layers:
            sphere.data.uv_layers.remove(sphere.data.uv_layers[0])
        check("FINISHED" in bpy.ops.atelier.apply_result(), self.session.message)
        layer = sphere.data.uv_layers.get("Atelier view")
        check(layer is not None, f"UV maps: {[uv.name for uv in sphere.data.uv_layers]}")
        us = [d.uv[0] for d in layer.data]
        vs = [d.uv[1] for d in layer.data]
        # The factory camera looks at the origin: the sphere lands around the picture's centre, inside it.
        centre = (sum(us) / len(us), sum(vs) / len(vs))
        check(abs(centre[0] - 0.5) < 0.05 and abs(centre[1] - 0.5) < 0.05, f"UV centre {centre}")
        check(0.0 < min(us) < max(us) < 1.0 and max(us) - min(us) > 0.1, f"u from {min(us)} to {max(us)}")
        texture = next(n for n in sphere.active_material.node_tree.nodes if n.type == "TEX_IMAGE")
        uv_node = texture.inputs["Vector"].links[0].from_node
        check(texture.image == self.result_image() and uv_node.uv_map == "Atelier view", "material not applied")
        return (f"{self.session.message} UV centre ({centre[0]:.3f}, {centre[1]:.3f}); "
                f"{check_render_shows_texture(sphere, projected_from_camera=True)}")

    def import_and_compare(self, path):
        """Imports through the add-on's operator; checks that Blender got what the file holds, node for node."""
        held = glb_json(path)
        nodes = held.get("nodes") or []
        lights = sum(1 for n in nodes if "KHR_lights_punctual" in (n.get("extensions") or {}))
        cameras = sum(1 for n in nodes if "camera" in n)
        meshes = sum(1 for n in nodes if "mesh" in n)
        materials = len(held.get("materials") or [])
        check("FINISHED" in bpy.ops.atelier.import_scene(filepath=path), self.session.message)
        expected = f"Imported {meshes} meshes, {materials} materials, {lights} lights, {cameras} cameras."
        check(self.session.message == expected, f"{self.session.message} but the file holds: {expected}")
        return meshes, materials, lights, cameras

    @step("import a store scene exported by jme-preview (.glb): its meshes, materials, lights and cameras")
    def import_glb(self):
        check(GLB and os.path.isfile(GLB), f"no .glb at '{GLB}'")
        meshes, materials, lights, cameras = self.import_and_compare(GLB)
        check(meshes > 0 and materials > 0, "the store scene came in empty")
        check(lights > 0 and cameras > 0, f"jme-preview's export should carry its lights and cameras: {lights} "
                                          f"lights, {cameras} cameras")
        imported_lights = [o for o in bpy.context.scene.objects if o.type == "LIGHT"]
        imported_cameras = [o for o in bpy.context.scene.objects if o.type == "CAMERA"]
        check(len(imported_lights) >= lights and len(imported_cameras) >= cameras,
              f"Blender holds {len(imported_lights)} lights and {len(imported_cameras)} cameras after the import")
        return self.session.message

    @step("redraw over a render of the scene camera")
    def redraw(self):
        self.settings.strength = 0.5
        bpy.context.scene.render.engine = "BLENDER_WORKBENCH"  # fastest engine; the add-on uses the scene's
        outcome, _ = self.generate_and_wait(bpy.ops.atelier.redraw_render)
        ref = outcome.results[0]
        image = self.result_image()
        check(image is not None and tuple(image.size) == (ref["width"], ref["height"]), "no redrawn image")
        check(bytes(image.packed_file.data) != self.first_result[1], "the redraw is the first image again")
        # The bridge's history says what it was asked: a redraw over an init image (the render) at that strength.
        request = history_of(outcome.job_id)["request"]
        check(request.get("initImage") and request.get("strength") == 0.5, f"the request was {request}")
        check(history_of(outcome.job_id)["digitalSourceType"].endswith("compositeWithTrainedAlgorithmicMedia"), "not a composite")
        path = os.path.join(tempfile.mkdtemp(), "sent.png")
        with open(path, "wb") as out:
            out.write(bridge_get(f"/images/{request['initImage']['id']}.png"))
        sent = bpy.data.images.load(path)
        greens = list(sent.pixels)[1::4]
        check(tuple(sent.size) == (ref["width"], ref["height"]) and max(greens) - min(greens) > 0.1,
              f"the render sent is {tuple(sent.size)}, flat={max(greens) - min(greens) <= 0.1}")
        return f"render {tuple(sent.size)} sent as initImage; redrawn image {ref['id'][:12]}"

    @step("cancel a running generation: the job ends cancelled")
    def cancel(self):
        from atelier_blender.errors import AtelierError, human_sentence
        self.settings.steps, self.settings.seed = 150, 7
        check("FINISHED" in bpy.ops.atelier.generate(), self.session.message)
        self.wait(lambda: self.session.step > 0 or not self.session.busy, 60, "the first progress step")
        check(self.session.busy, "the job ended before it could be cancelled")
        at_step = f"{self.session.step}/{self.session.total_steps}"
        job_id = self.session.job.job_id
        bpy.ops.atelier.cancel()
        self.wait(lambda: not self.session.busy, 60, "the cancelled job to end")
        check(self.session.last_outcome.status == "cancelled", f"ended {self.session.last_outcome.status}")
        check(self.session.message == human_sentence(AtelierError(-32007)), f"message: {self.session.message}")
        on_bridge = bridge_call("jobs.get", {"jobId": job_id})["status"]
        check(on_bridge == "cancelled", f"the bridge says {on_bridge}")
        self.settings.steps = 0
        return f"cancelled at step {at_step}"


def main():
    zip_path = sys.argv[sys.argv.index("--") + 1]
    started = time.monotonic()
    scenario = Scenario(zip_path)
    if scenario.install():
        for run in (scenario.wrong_token, scenario.connect):
            run()
        if scenario.session.connected and scenario.generate():
            scenario.apply_on_uvs()
            scenario.apply_projected()
        scenario.import_glb()
        if scenario.session.connected:
            scenario.redraw()
            scenario.cancel()
    passed = all(s["status"] == "PASSED" for s in STEPS)
    with open(RESULT_FILE, "w", encoding="utf-8") as out:
        json.dump({"passed": passed, "steps": STEPS, "seconds": round(time.monotonic() - started, 1)}, out, indent=1)
    print(f"[atelier-e2e] {'PASSED' if passed else 'FAILED'} in {time.monotonic() - started:.1f} s", flush=True)
    if not passed:
        raise SystemExit(1)


main()
