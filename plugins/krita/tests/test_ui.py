"""The docker's widgets follow the model: actions are offered only when they can run."""
from atelier import api
from atelier.model import Connection, HistoryItem, Model
from atelier.settings import Settings
from atelier.ui import AtelierWidget
from memory_document import MemoryDocument


def _widget():
    model = Model(Settings(), MemoryDocument)
    widget = AtelierWidget(model)
    widget.resize(380, 860)
    return model, widget


def test_nothing_can_be_generated_before_connecting(qapp):
    model, widget = _widget()
    assert not widget.generate_button.isEnabled() and not widget.selection_button.isEnabled()
    assert not widget.dataset_button.isEnabled() and not widget.upscale_button.isEnabled()


def test_dataset_and_upscale_buttons_follow_the_capabilities_and_brand(qapp):
    model, widget = _widget()
    model.connection = Connection.CONNECTED
    model.session = api.SessionInitializeResult(capabilities=["images.generate", "datasets.add"])
    model.brands = [api.Brand(id="maison-exemple", displayName="Maison Exemple")]
    model.changed.emit()
    assert not widget.generate_button.isEnabled()  # no model installed yet
    model.models = [api.ModelInfo(id="atelier-micro", isDefault=True)]
    model.changed.emit()
    assert widget.generate_button.isEnabled() and not widget.upscale_button.isEnabled()
    assert not widget.dataset_button.isEnabled()  # no brand picked yet
    widget.brand.setCurrentIndex(1)
    assert model.brand_id == "maison-exemple" and widget.dataset_button.isEnabled()


def test_results_appear_in_the_strip_and_apply_is_enabled(qapp):
    model, widget = _widget()
    image = MemoryDocument(16, 16).current_layer_image()
    model._add_history([HistoryItem(image, api.ImageRef(id="a"), "generate", "robe", "dress", 42)])
    assert widget.strip.count() == 1 and widget.apply_button.isEnabled()
    assert not widget.grab().isNull()


def test_editing_the_advanced_fields_updates_the_model(qapp):
    model, widget = _widget()
    widget.count.setValue(3)
    widget.seed_lock.setChecked(True)
    widget.steps.setValue(12)
    widget.sampler.setCurrentIndex(widget.sampler.findData("euler_a"))
    assert (model.count, model.seed_locked, model.steps, model.sampler) == (3, True, 12, "euler_a")


def test_the_understood_line_shows_the_resolved_prompt_and_what_was_not_understood(qapp):
    model, widget = _widget()
    model.unknown_terms = ["bohème"]
    model.understood_changed.emit("brand_0 stripes dress")
    assert widget.understood.text() == "Understood as: brand_0 stripes dress   Not understood: bohème"


def test_upscale_factor_and_upscaler_pickers_set_the_model(qapp):
    model, widget = _widget()
    model.connection = Connection.CONNECTED
    model.session = api.SessionInitializeResult(capabilities=["images.upscale"])
    model.upscalers = [api.ModelInfo(id="esrgan-slim", kind="upscaler"), api.ModelInfo(id="esrgan-thick", kind="upscaler")]
    model.changed.emit()
    assert widget.upscale_button.isEnabled() and widget.upscaler.count() == 3
    widget.upscale_factor.setCurrentIndex(widget.upscale_factor.findData(4))
    widget.upscaler.setCurrentIndex(widget.upscaler.findData("esrgan-thick"))
    assert (model.upscale_factor, model.upscaler_id) == (4, "esrgan-thick")
