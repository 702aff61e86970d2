"""The docker's widgets. They show the model's state and call its actions; no protocol or Krita knowledge here."""
from __future__ import annotations

from PyQt5.QtCore import QSize, Qt, QTimer
from PyQt5.QtGui import QIcon, QPixmap
from PyQt5.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                             QListView, QListWidget, QListWidgetItem, QPlainTextEdit, QProgressBar, QPushButton,
                             QSlider, QSpinBox, QToolButton, QVBoxLayout, QWidget)

from .model import SAMPLERS, Connection, Model

LIGHT_COLOURS = {Connection.DISCONNECTED: "#8a8a8a", Connection.CONNECTING: "#e0b000",
                 Connection.CONNECTED: "#2fa84f", Connection.ERROR: "#d03a2f"}
STRIP_ICON = 72


class AtelierWidget(QWidget):
    def __init__(self, model: Model, parent=None):
        super().__init__(parent)
        self.model = model
        self._refreshing = False
        self._resolve_timer = QTimer(self, singleShot=True, interval=500)
        self._resolve_timer.timeout.connect(model.resolve_prompt)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._connection_box())
        layout.addWidget(self._generate_box())
        layout.addWidget(self._results_box())
        layout.addWidget(self._curate_box())
        layout.addStretch(1)
        model.changed.connect(self.refresh)
        model.connection_changed.connect(self.refresh)
        model.message_changed.connect(self.message.setText)
        model.understood_changed.connect(self._show_understood)
        model.progress_changed.connect(self._show_progress)
        model.history_changed.connect(self._show_history)
        self.refresh()

    # ---- building -----------------------------------------------------------------------------------------------

    def _connection_box(self) -> QGroupBox:
        box = QGroupBox("Bridge")
        form = QVBoxLayout(box)
        row = QHBoxLayout()
        self.light = QLabel("●")
        self.light.setToolTip("Connection to the Atelier bridge")
        self.url = QLineEdit(self.model.url)
        self.url.setPlaceholderText("http://127.0.0.1:7437")
        self.url.textEdited.connect(lambda text: setattr(self.model, "url", text.strip()))
        self.connect_button = QPushButton("Connect")
        self.connect_button.clicked.connect(self.model.connect_bridge)
        row.addWidget(self.light)
        row.addWidget(self.url, 1)
        row.addWidget(self.connect_button)
        form.addLayout(row)
        self.token = QLineEdit(self.model.token)
        self.token.setEchoMode(QLineEdit.Password)
        self.token.setPlaceholderText("Token (read from ~/.atelier/token for a local bridge)")
        self.token.textEdited.connect(self._token_edited)
        form.addWidget(self.token)
        self.message = QLabel(self.model.message)
        self.message.setWordWrap(True)
        form.addWidget(self.message)
        return box

    def _generate_box(self) -> QGroupBox:
        box = QGroupBox("Generate")
        layout = QVBoxLayout(box)
        pickers = QHBoxLayout()
        self.brand = QComboBox()
        self.brand.setToolTip("Brand: its vocabulary and adapter")
        self.brand.currentIndexChanged.connect(self._brand_picked)
        self.model_picker = QComboBox()
        self.model_picker.setToolTip("Model")
        self.model_picker.currentIndexChanged.connect(self._model_picked)
        pickers.addWidget(self.brand, 1)
        pickers.addWidget(self.model_picker, 1)
        layout.addLayout(pickers)
        self.prompt = QPlainTextEdit()
        self.prompt.setPlaceholderText("Describe it, in French or English: robe rouge à rayures…")
        self.prompt.setFixedHeight(54)
        self.prompt.textChanged.connect(self._prompt_edited)
        layout.addWidget(self.prompt)
        self.understood = QLabel("")
        self.understood.setWordWrap(True)
        self.understood.setStyleSheet("color: palette(mid);")
        layout.addWidget(self.understood)
        self.advanced_toggle = QToolButton(text="Advanced", checkable=True)
        self.advanced_toggle.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.advanced_toggle.setArrowType(Qt.RightArrow)
        self.advanced_toggle.toggled.connect(self._fold)
        layout.addWidget(self.advanced_toggle)
        self.advanced = self._advanced_panel()
        self.advanced.setVisible(False)
        layout.addWidget(self.advanced)
        actions = QHBoxLayout()
        self.generate_button = QPushButton("Generate")
        self.generate_button.clicked.connect(self.model.generate)
        self.redraw_button = QPushButton("Redraw over")
        self.redraw_button.setToolTip("Redraw over the current layer; the slider sets how far from it to go")
        self.redraw_button.clicked.connect(self.model.redraw)
        self.selection_button = QPushButton("Regenerate selection")
        self.selection_button.setToolTip("Only the selected pixels change")
        self.selection_button.clicked.connect(self.model.regenerate_selection)
        actions.addWidget(self.generate_button)
        actions.addWidget(self.redraw_button)
        actions.addWidget(self.selection_button)
        layout.addLayout(actions)
        strength = QHBoxLayout()
        self.strength = QSlider(Qt.Horizontal, minimum=5, maximum=100)
        self.strength.setValue(round(self.model.strength * 100))
        self.strength_label = QLabel()
        self.strength.valueChanged.connect(self._strength_moved)
        strength.addWidget(QLabel("Strength"))
        strength.addWidget(self.strength, 1)
        strength.addWidget(self.strength_label)
        layout.addLayout(strength)
        return box

    def _advanced_panel(self) -> QWidget:
        panel = QWidget()
        form = QFormLayout(panel)
        form.setContentsMargins(12, 0, 0, 0)
        self.count = QSpinBox(minimum=1, maximum=8, value=self.model.count)
        self.count.valueChanged.connect(lambda v: self._set("count", v))
        form.addRow("Images", self.count)
        seed_row = QHBoxLayout()
        self.seed = QSpinBox(minimum=0, maximum=2 ** 31 - 1)
        self.seed.valueChanged.connect(lambda v: self._set("seed", v))
        self.seed_lock = QCheckBox("Lock")
        self.seed_lock.setToolTip("Keep this seed: the same settings give the same pixels")
        self.seed_lock.toggled.connect(lambda v: self._set("seed_locked", v))
        new_seed = QToolButton(text="New")
        new_seed.clicked.connect(self.model.new_seed)
        seed_row.addWidget(self.seed, 1)
        seed_row.addWidget(self.seed_lock)
        seed_row.addWidget(new_seed)
        form.addRow("Seed", seed_row)
        self.steps = QSpinBox(minimum=0, maximum=150)
        self.steps.setSpecialValueText("model default")
        self.steps.valueChanged.connect(lambda v: self._set("steps", v))
        form.addRow("Steps", self.steps)
        self.sampler = QComboBox()
        for name in SAMPLERS:
            self.sampler.addItem(name or "model default", name)
        self.sampler.currentIndexChanged.connect(lambda i: self._set("sampler", self.sampler.itemData(i)))
        form.addRow("Sampler", self.sampler)
        self.negative = QLineEdit()
        self.negative.setPlaceholderText("What to avoid")
        self.negative.textEdited.connect(lambda t: self._set("negative_prompt", t))
        form.addRow("Avoid", self.negative)
        return panel

    def _results_box(self) -> QGroupBox:
        box = QGroupBox("Results")
        layout = QVBoxLayout(box)
        progress = QHBoxLayout()
        self.preview = QLabel()
        self.preview.setFixedSize(48, 48)
        self.preview.setScaledContents(True)
        self.progress = QProgressBar()
        self.progress.setFormat("")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.model.cancel)
        progress.addWidget(self.preview)
        progress.addWidget(self.progress, 1)
        progress.addWidget(self.cancel_button)
        layout.addLayout(progress)
        self.strip = QListWidget()
        self.strip.setViewMode(QListView.IconMode)
        self.strip.setFlow(QListView.LeftToRight)
        self.strip.setWrapping(False)
        self.strip.setIconSize(QSize(STRIP_ICON, STRIP_ICON))
        self.strip.setFixedHeight(STRIP_ICON + 28)
        self.strip.currentRowChanged.connect(self._picked)
        self.strip.itemDoubleClicked.connect(lambda _: self.model.apply())
        layout.addWidget(self.strip)
        self.apply_button = QPushButton("Apply as new layer")
        self.apply_button.clicked.connect(lambda: self.model.apply())
        layout.addWidget(self.apply_button)
        return box

    def _curate_box(self) -> QGroupBox:
        box = QGroupBox("Brand dataset and finishing")
        layout = QVBoxLayout(box)
        caption = QHBoxLayout()
        self.caption = QLineEdit()
        self.caption.setPlaceholderText("Caption (proposed, editable)")
        self.caption.textEdited.connect(lambda t: self._set("caption", t))
        propose = QToolButton(text="Propose")
        propose.clicked.connect(self.model.propose_caption)
        caption.addWidget(self.caption, 1)
        caption.addWidget(propose)
        layout.addLayout(caption)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("Tags, comma separated")
        self.tags.textEdited.connect(lambda t: self._set("tags", t))
        layout.addWidget(self.tags)
        buttons = QHBoxLayout()
        self.dataset_button = QPushButton("Add to brand dataset")
        self.dataset_button.clicked.connect(self.model.add_to_dataset)
        self.upscale_button = QPushButton("Upscale")
        self.upscale_button.clicked.connect(self.model.upscale)
        self.upscale_factor = QComboBox()
        for factor in (2, 3, 4, 8):
            self.upscale_factor.addItem(f"×{factor}", factor)
        self.upscale_factor.currentIndexChanged.connect(
            lambda i: self._set("upscale_factor", self.upscale_factor.itemData(i)))
        self.upscaler = QComboBox()
        self.upscaler.currentIndexChanged.connect(lambda i: self._set("upscaler_id", self.upscaler.itemData(i) or ""))
        buttons.addWidget(self.dataset_button)
        buttons.addWidget(self.upscale_button)
        buttons.addWidget(self.upscale_factor)
        buttons.addWidget(self.upscaler)
        layout.addLayout(buttons)
        capsule = QHBoxLayout()
        self.capsule_button = QPushButton("Capsule")
        self.capsule_button.setToolTip("A coherent capsule of the picked house (the prompt as its theme), opened as a new"
                                       " document: contact sheet and one layer per look")
        self.capsule_button.clicked.connect(self.model.capsule)
        self.capsule_looks = QSpinBox()
        self.capsule_looks.setRange(2, 12)
        self.capsule_looks.setSuffix(" looks")
        self.capsule_looks.valueChanged.connect(lambda v: self._set("capsule_looks", v))
        capsule.addWidget(self.capsule_button)
        capsule.addWidget(self.capsule_looks)
        layout.addLayout(capsule)
        return box

    # ---- from widgets to model ----------------------------------------------------------------------------------

    def _set(self, name: str, value):
        if not self._refreshing:
            setattr(self.model, name, value)
            self.refresh()

    def _token_edited(self, text: str):
        self.model.token = text.strip()
        self.model.settings.token = text.strip()

    def _prompt_edited(self):
        if not self._refreshing:
            self.model.prompt = self.prompt.toPlainText()
            self._resolve_timer.start()

    def _brand_picked(self, index: int):
        if not self._refreshing:
            self.model.brand_id = self.brand.itemData(index)
            self._resolve_timer.start()
            self.refresh()

    def _model_picked(self, index: int):
        if not self._refreshing:
            self.model.model_id = self.model_picker.itemData(index)

    def _strength_moved(self, value: int):
        self.strength_label.setText(f"{value}%")
        if not self._refreshing:
            self.model.strength = value / 100.0

    def _fold(self, open_: bool):
        self.advanced.setVisible(open_)
        self.advanced_toggle.setArrowType(Qt.DownArrow if open_ else Qt.RightArrow)

    def _picked(self, row: int):
        if not self._refreshing:
            self.model.select(row)

    # ---- from model to widgets ----------------------------------------------------------------------------------

    def refresh(self):
        model = self.model
        self._refreshing = True
        try:
            self.light.setStyleSheet(f"color: {LIGHT_COLOURS.get(model.connection, '#8a8a8a')}; font-size: 16px;")
            self.light.setToolTip(model.connection.capitalize())
            self._fill(self.brand, [("No brand", None)] + [(b.displayName or b.id, b.id) for b in model.brands],
                       model.brand_id)
            self._fill(self.model_picker, [(m.id, m.id) for m in model.models], model.model_id)
            self._fill(self.upscaler, [("Default upscaler", "")] + [(m.displayName or m.id, m.id)
                                                                   for m in model.upscalers], model.upscaler_id)
            self.upscale_factor.setCurrentIndex(max(0, self.upscale_factor.findData(model.upscale_factor)))
            self.capsule_looks.setValue(model.capsule_looks)
            if self.prompt.toPlainText() != model.prompt:
                self.prompt.setPlainText(model.prompt)
            self.count.setValue(model.count)
            self.seed.setValue(model.seed)
            self.seed_lock.setChecked(model.seed_locked)
            self.steps.setValue(model.steps)
            self.sampler.setCurrentIndex(max(0, self.sampler.findData(model.sampler)))
            self.strength.setValue(round(model.strength * 100))
            self.strength_label.setText(f"{self.strength.value()}%")
            if self.caption.text() != model.caption:
                self.caption.setText(model.caption)
            if self.tags.text() != model.tags:
                self.tags.setText(model.tags)
            self.connect_button.setEnabled(model.connection != Connection.CONNECTING)
            for button in (self.generate_button, self.redraw_button, self.selection_button):
                button.setEnabled(model.can_generate)
            self.cancel_button.setEnabled(model.busy)
            self.apply_button.setEnabled(0 <= model.selected < len(model.history))
            self.dataset_button.setEnabled(model.can_add_to_dataset)
            self.dataset_button.setToolTip("" if model.offers("datasets.add") else
                                           "This bridge does not offer brand datasets yet")
            self.capsule_button.setEnabled(model.can_capsule)
            self.capsule_looks.setEnabled(model.can_capsule)
            self.upscale_button.setEnabled(model.can_upscale)
            self.upscale_factor.setEnabled(model.can_upscale)
            self.upscaler.setEnabled(model.can_upscale and bool(model.upscalers))
            self.upscale_button.setToolTip("" if model.offers("images.upscale") else
                                           "This bridge has no upscaler installed")
            if self.strip.currentRow() != model.selected and model.selected < self.strip.count():
                self.strip.setCurrentRow(model.selected)
        finally:
            self._refreshing = False

    @staticmethod
    def _fill(combo: QComboBox, entries, current):
        if [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())] != entries:
            combo.clear()
            for text, data in entries:
                combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(current)))

    def _show_understood(self, text: str):
        unknown = self.model.unknown_terms
        line = f"Understood as: {text}" if text else ""
        if unknown:
            line += ("   " if line else "") + "Not understood: " + ", ".join(unknown)
        self.understood.setText(line)

    def _show_progress(self):
        model = self.model
        self.progress.setMaximum(max(1, model.total_steps))
        self.progress.setValue(model.step if model.total_steps else 0)
        self.progress.setFormat("step %v / %m" if model.total_steps else ("waiting…" if model.busy else ""))
        if model.preview is not None:
            self.preview.setPixmap(QPixmap.fromImage(model.preview))
        elif not model.busy:
            self.preview.clear()

    def _show_history(self):
        self._refreshing = True
        try:
            self.strip.clear()
            for item in self.model.history:
                entry = QListWidgetItem(QIcon(QPixmap.fromImage(item.image)), f"seed {item.seed}"
                                        if item.seed is not None else item.kind)
                entry.setToolTip(item.understood or item.prompt)
                self.strip.addItem(entry)
        finally:
            self._refreshing = False
        if 0 <= self.model.selected < self.strip.count():
            self.strip.setCurrentRow(self.model.selected)
