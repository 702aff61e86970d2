"""The docker's actions, driven through the real client against a scripted bridge and an in-memory document."""
import base64

import pytest
from PyQt5.QtGui import QColor, QImage

import fixtures
from atelier import api
from atelier.document import image_from_png, image_to_png
from atelier.errors import AtelierError
from atelier.futures import wait
from atelier.model import Connection, Model
from memory_document import MemoryDocument
from scripted_bridge import TOKEN, ScriptedBridge, error, result
from atelier.settings import Settings

CAPABILITIES = ["session.initialize", "models.list", "jobs.get", "jobs.cancel", "jobs.subscribe", "images.generate"]


def _png(colour, size=128):
    image = QImage(size, size, QImage.Format_ARGB32)
    image.fill(QColor(colour))
    return image_to_png(image)


def _bridge(capabilities=CAPABILITIES, brands_list=False):
    bridge = ScriptedBridge()
    session = fixtures.load("session.initialize.result")["result"]
    bridge.answers["session.initialize"] = result(dict(session, capabilities=capabilities))
    bridge.answers["models.list"] = result(fixtures.load("models.list.result")["result"])
    if brands_list:
        bridge.answers["brands.list"] = result(fixtures.load("brands.list.result")["result"])
    bridge.answers["images.generate"] = result({"jobId": "job-1"})
    refs = [{"id": f"r{i}", "width": 128, "height": 128, "mime": "image/png", "url": f"/images/r{i}.png"}
            for i in range(2)]
    bridge.answers["jobs.get"] = [result({"jobId": "job-1", "status": "running", "progress": {"step": 3, "totalSteps": 4}}),
                                  result({"jobId": "job-1", "status": "succeeded", "results": refs})]
    bridge.images["/images/r0.png"] = _png("#ff0000")
    bridge.images["/images/r1.png"] = _png("#00ff00")
    return bridge


def _model(bridge, document=None, token=TOKEN):
    model = Model(Settings(), lambda: document or MemoryDocument())
    model.url, model.token = bridge.url, token
    return model


def test_connect_lists_diffusion_models_and_falls_back_to_session_brands_without_brands_list(qapp):
    with _bridge() as bridge:
        model = _model(bridge)
        wait(model.connect_bridge(), 20)
    assert model.connection == Connection.CONNECTED
    assert [m.id for m in model.models] == ["atelier-micro", "house-sd-1.5"]  # the upscaler is not a generator
    assert model.model_id == "atelier-micro"
    assert [b.id for b in model.brands] == ["maison-exemple"]
    assert "Connected" in model.message


def test_connect_uses_brands_list_when_the_bridge_offers_it(qapp):
    with _bridge(brands_list=True) as bridge:
        model = _model(bridge)
        wait(model.connect_bridge(), 20)
    assert model.brands[0].displayName == "Maison Exemple"


def test_a_wrong_token_shows_a_sentence_and_a_red_light(qapp):
    with _bridge() as bridge:
        model = _model(bridge, token="wrong")
        with pytest.raises(AtelierError):
            wait(model.connect_bridge(), 20)
    assert model.connection == Connection.ERROR
    assert "token" in model.message.lower()


def test_generate_sends_the_document_size_and_seed_and_fills_the_history(qapp):
    document = MemoryDocument(256, 128)
    with _bridge() as bridge:
        model = _model(bridge, document)
        wait(model.connect_bridge(), 20)
        model.prompt, model.count, model.seed, model.seed_locked = "robe rouge", 2, 1234, True
        items = wait(model.generate(), 20)
    sent = bridge.calls("images.generate")[0]
    # atelier-micro draws 128x128 only: that is what is asked, whatever the document's size.
    assert (sent["width"], sent["height"], sent["seed"], sent["count"]) == (128, 128, 1234, 2)
    assert "initImage" not in sent and "mask" not in sent
    assert [item.seed for item in items] == [1234, 1235]
    assert items[0].image.pixelColor(0, 0).red() == 255 and items[1].image.pixelColor(0, 0).green() == 255
    assert model.selected == 0 and not model.busy


def test_an_unlocked_seed_changes_between_generations(qapp):
    with _bridge() as bridge:
        model = _model(bridge)
        wait(model.connect_bridge(), 20)
        model.seed_locked = False
        wait(model.generate(), 20)
        bridge.answers["jobs.get"] = bridge.answers["jobs.get"][-1:]
        wait(model.generate(), 20)
    first, second = (params["seed"] for params in bridge.calls("images.generate"))
    assert first != second


def test_regenerate_selection_sends_layer_and_mask_and_applies_only_inside_it(qapp):
    document = MemoryDocument(128, 128, "#336699")
    document.select_rect(32, 32, 64, 64)
    with _bridge() as bridge:
        model = _model(bridge, document)
        wait(model.connect_bridge(), 20)
        model.strength = 0.8
        wait(model.regenerate_selection(), 20)
    sent = bridge.calls("images.generate")[0]
    init = image_from_png(base64.b64decode(sent["initImage"]["base64"]))
    mask = image_from_png(base64.b64decode(sent["mask"]["base64"]))
    assert init.pixelColor(0, 0).name() == "#336699" and sent["strength"] == 0.8
    assert mask.pixelColor(0, 0).red() == 0 and mask.pixelColor(40, 40).red() == 255
    assert model.apply()
    name, placed = document.added[0]
    assert placed.pixelColor(0, 0).alpha() == 0           # outside: transparent, the layer below shows unchanged
    assert placed.pixelColor(40, 40).getRgb() == (255, 0, 0, 255)
    assert "selection" in name


def test_regenerate_selection_without_a_selection_asks_for_one(qapp):
    with _bridge() as bridge:
        model = _model(bridge)
        wait(model.connect_bridge(), 20)
        with pytest.raises(Exception):
            wait(model.regenerate_selection(), 20)
    assert "select" in model.message.lower()
    assert bridge.calls("images.generate") == []


def test_a_failed_job_reports_the_bridge_reason(qapp):
    with _bridge() as bridge:
        failure = fixtures.load("error.model-failure")["error"]
        bridge.answers["jobs.get"] = result({"jobId": "job-1", "status": "failed", "results": [], "error": failure})
        model = _model(bridge)
        wait(model.connect_bridge(), 20)
        with pytest.raises(AtelierError):
            wait(model.generate(), 20)
    assert "memory" in model.message.lower()
    assert not model.busy


def test_dataset_and_upscale_are_offered_only_when_the_bridge_lists_them(qapp):
    with _bridge() as bridge:
        model = _model(bridge)
        wait(model.connect_bridge(), 20)
        model.brand_id = "maison-exemple"
        assert not model.can_add_to_dataset and not model.can_upscale
    with _bridge(CAPABILITIES + ["datasets.add", "images.upscale"]) as bridge:
        model = _model(bridge)
        wait(model.connect_bridge(), 20)
        model.brand_id = "maison-exemple"
        assert model.can_add_to_dataset and model.can_upscale


def test_add_to_dataset_sends_the_selection_with_caption_and_tags(qapp):
    document = MemoryDocument(128, 128)
    document.select_rect(0, 0, 64, 32)
    with _bridge(CAPABILITIES + ["datasets.add", "taxonomy.resolve"]) as bridge:
        bridge.answers["datasets.add"] = result(fixtures.load("datasets.add.result")["result"])
        bridge.answers["taxonomy.resolve"] = result(fixtures.load("taxonomy.resolve.result")["result"])
        model = _model(bridge, document)
        wait(model.connect_bridge(), 20)
        model.brand_id, model.prompt = "maison-exemple", "robe rouge Exemple à rayures, ceinture, manches courtes"
        understood = fixtures.load("taxonomy.resolve.result")["result"]
        assert wait(model.resolve_prompt(), 20).startswith(understood["prompt"])
        assert "esprit" in model.unknown_terms  # what was not understood is told too
        assert model.propose_caption() == understood["prompt"]
        model.tags = "summer, look-3"
        added = wait(model.add_to_dataset(), 20)
    sent = bridge.calls("datasets.add")[0]
    image = image_from_png(base64.b64decode(sent["image"]["base64"]))
    assert (image.width(), image.height()) == (64, 32)
    assert sent["caption"] == understood["prompt"] and sent["tags"] == ["summer", "look-3"]
    assert sent["brand"] == "maison-exemple" and added.itemId


def test_understood_as_is_empty_when_the_bridge_has_no_taxonomy(qapp):
    with _bridge() as bridge:
        model = _model(bridge)
        wait(model.connect_bridge(), 20)
        model.prompt = "robe rouge"
        assert wait(model.resolve_prompt(), 20) == ""
    assert bridge.calls("taxonomy.resolve") == []  # not in capabilities: not even asked


def test_sizes_are_picked_by_nearest_aspect_and_regions_keep_the_result_whole():
    from atelier.sizing import around, inside, nearest_size, neighbourhood, region_for
    sd1 = [(512, 512), (512, 704), (704, 512), (512, 768), (768, 512)]
    assert nearest_size(sd1, 2480, 3508) == (512, 704)    # A4 portrait
    assert nearest_size(sd1, 1024, 1024) == (512, 512)
    assert nearest_size([(128, 128)], 2480, 3508) == (128, 128)
    assert nearest_size([], 10, 10) == (128, 128)         # an older bridge that does not say
    assert inside((0, 0, 2480, 3508), (128, 128)) == (0, 514, 2480, 2480)
    assert around((10, 10, 40, 20), (128, 128), (1000, 1000)) == (10, 0, 40, 40)
    assert around((0, 0, 300, 100), (128, 128), (300, 200)) == (0, -50, 300, 300)  # taller than the canvas: centred
    assert neighbourhood((100, 100, 40, 20), (1000, 1000)) == (90, 90, 60, 40)
    assert region_for("generate", (1024, 1024), None, sd1) == ((0, 0, 1024, 1024), (512, 512))


def test_generating_on_an_a4_canvas_asks_a_checkpoint_for_its_nearest_bucket(qapp):
    document = MemoryDocument(620, 877)
    with _bridge() as bridge:
        model = _model(bridge, document)
        wait(model.connect_bridge(), 20)
        model.model_id = "house-sd-1.5"
        wait(model.generate(), 20)
    sent = bridge.calls("images.generate")[0]
    assert (sent["width"], sent["height"]) == (512, 768)  # the fixture's house model offers 512, 512x768, 768x512


def test_redraw_of_a_large_document_sends_the_model_its_size_and_places_the_result_whole(qapp):
    document = MemoryDocument(1000, 500)
    with _bridge() as bridge:
        model = _model(bridge, document)
        wait(model.connect_bridge(), 20)
        wait(model.redraw(), 20)
    sent = bridge.calls("images.generate")[0]
    init = image_from_png(base64.b64decode(sent["initImage"]["base64"]))
    assert (sent["width"], sent["height"]) == (init.width(), init.height()) == (128, 128)  # atelier-micro's only size
    assert model.apply()
    placed = document.added[0][1]
    assert placed.width() == 1000 and placed.height() == 500
    # The square result fills the middle square of the canvas, unstretched; the sides keep the layer below.
    assert placed.pixelColor(100, 250).alpha() == 0 and placed.pixelColor(900, 250).alpha() == 0
    assert placed.pixelColor(500, 250).getRgb() == (255, 0, 0, 255)


def test_a_small_selection_on_a_large_canvas_is_drawn_at_full_model_size_and_changes_nothing_outside(qapp):
    document = MemoryDocument(2000, 2000, "#336699")
    document.select_rect(1000, 600, 40, 40)
    with _bridge() as bridge:
        model = _model(bridge, document)
        wait(model.connect_bridge(), 20)
        wait(model.regenerate_selection(), 20)
    sent = bridge.calls("images.generate")[0]
    mask = image_from_png(base64.b64decode(sent["mask"]["base64"]))
    assert (sent["width"], sent["height"]) == (mask.width(), mask.height()) == (128, 128)
    # The 40 px selection plus its context (10 px each side) fills the model's 128 px: most of the mask is selected.
    assert mask.pixelColor(64, 64).red() == 255 and mask.pixelColor(5, 5).red() == 0
    assert model.apply()
    placed = document.added[0][1]
    assert placed.pixelColor(1020, 620).getRgb() == (255, 0, 0, 255)
    outside = [placed.pixelColor(x, y).alpha() for x, y in ((995, 620), (1045, 620), (1020, 595), (0, 0), (1999, 1999))]
    assert outside == [0, 0, 0, 0, 0]


def test_upscale_listed_but_not_served_is_no_longer_offered(qapp):
    with _bridge(CAPABILITIES + ["images.upscale"]) as bridge:
        bridge.answers["images.upscale"] = error(-32601, "Method not found", "images.upscale is not available.")
        model = _model(bridge)
        wait(model.connect_bridge(), 20)
        assert model.can_upscale
        with pytest.raises(AtelierError):
            wait(model.upscale(), 20)
    assert not model.can_upscale and "does not offer" in model.message


def test_upscale_sends_the_current_layer_and_apply_enlarges_the_document_with_a_new_layer(qapp):
    document = MemoryDocument(64, 48)
    with _bridge(CAPABILITIES + ["images.upscale"]) as bridge:
        bridge.answers["images.upscale"] = result({"jobId": "job-1"})
        bridge.answers["jobs.get"] = [result({"jobId": "job-1", "status": "succeeded", "results": [
            {"id": "r0", "width": 256, "height": 192, "mime": "image/png", "url": "/images/r0.png"}]})]
        upscaled = QImage(256, 192, QImage.Format_ARGB32)
        upscaled.fill(QColor("#ff0000"))
        bridge.images["/images/r0.png"] = image_to_png(upscaled)
        model = _model(bridge, document)
        wait(model.connect_bridge(), 20)
        assert [m.id for m in model.upscalers] == ["esrgan-slim"]  # listed apart from the generators
        model.upscale_factor, model.upscaler_id = 4, "esrgan-slim"
        items = wait(model.upscale(), 20)
    sent = bridge.calls("images.upscale")[0]
    assert sent["scale"] == 4 and sent["model"] == "esrgan-slim"
    layer = image_from_png(base64.b64decode(sent["image"]["base64"]))
    assert (layer.width(), layer.height()) == (64, 48)
    assert items[0].kind == "upscale" and "new layer" in model.message
    assert model.apply(0)
    assert document.size() == (256, 192)
    name, placed = document.added[0]
    assert name == "Atelier upscale" and (placed.width(), placed.height()) == (256, 192)


def test_capsule_asks_the_bridge_for_the_house_s_looks_and_opens_sheet_and_looks_as_a_document(qapp):
    document = MemoryDocument()
    with _bridge(CAPABILITIES + ["capsules.generate"], brands_list=True) as bridge:
        bridge.answers["capsules.generate"] = result({"jobId": "job-1"})
        flats = [{"id": f"f{i}", "width": 128, "height": 128, "mime": "image/png", "url": f"/images/f{i}.png"}
                 for i in range(4)]
        sheet = {"id": "sheet", "width": 256, "height": 300, "mime": "image/png", "url": "/images/sheet.png"}
        documents = [{"id": "spec", "width": 0, "height": 0, "mime": "application/json", "url": "/images/spec.json"},
                     {"id": "pdf", "width": 0, "height": 0, "mime": "application/pdf", "url": "/images/pdf.pdf"}]
        bridge.answers["jobs.get"] = [result({"jobId": "job-1", "status": "succeeded",
                                              "results": flats + [sheet] + documents})]
        for i, colour in enumerate(("#ff0000", "#00ff00", "#0000ff", "#ffff00")):
            bridge.images[f"/images/f{i}.png"] = _png(colour)
        bridge.images["/images/sheet.png"] = _png("#ffffff", 256)
        model = _model(bridge, document)
        wait(model.connect_bridge(), 20)
        model.brand_id = ""
        assert not model.can_capsule  # a capsule belongs to a house
        model.brand_id, model.capsule_looks, model.prompt = "maison-exemple", 2, "bord de mer"
        assert model.can_capsule
        assert wait(model.capsule(), 20) is True
    sent = bridge.calls("capsules.generate")[0]
    assert sent["brand"] == "maison-exemple" and sent["looks"] == 2 and sent["theme"] == "bord de mer"
    name, placed_sheet, looks = document.capsules[0]
    assert "maison-exemple" in name and placed_sheet.width() == 256
    assert [(look.width(), look.height()) for look in looks] == [(256, 128), (256, 128)]  # 2 flats side by side
    assert looks[1].pixelColor(10, 10).name() == "#0000ff" and looks[1].pixelColor(200, 10).name() == "#ffff00"
