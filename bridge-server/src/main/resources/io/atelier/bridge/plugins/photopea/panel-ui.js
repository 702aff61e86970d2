// Widgets only (the role of plugins/krita/atelier/ui.py): reads the DOM into the model, shows the model's state,
// and calls its actions. Every failure is already a sentence in model.message.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const model = new PanelModel(hostDocument(), safeStorage());
  window.atelierPanel = model;  // for the browser test and for curious designers' consoles

  // Step 1: fields → model.
  $("url").value = model.url;
  $("token").value = model.token;
  $("remember").checked = model.rememberToken;
  $("seed").value = model.seed;
  $("url").addEventListener("change", () => { model.url = $("url").value; });
  $("token").addEventListener("input", () => { model.token = $("token").value; });
  $("remember").addEventListener("change", () => {
    model.rememberToken = $("remember").checked;
    if (model.connected) model.keepToken();  // a token already in use is kept (or dropped) at once
  });
  $("brand").addEventListener("change", () => { model.brandId = $("brand").value; refresh(); model.resolvePrompt().catch(() => {}); });
  $("model").addEventListener("change", () => { model.modelId = $("model").value; model.resolvePrompt().catch(() => {}); });
  let resolveTimer = null;
  $("prompt").addEventListener("input", () => {
    model.prompt = $("prompt").value;
    clearTimeout(resolveTimer);  // ask the bridge once the designer pauses, not at every key
    resolveTimer = setTimeout(() => model.resolvePrompt().catch(() => {}), 300);
  });
  $("negative").addEventListener("input", () => { model.negativePrompt = $("negative").value; });
  $("count").addEventListener("change", () => { model.count = clampInt($("count").value, 1, 8, 1); });
  $("steps").addEventListener("change", () => { model.steps = clampInt($("steps").value, 0, 150, 0); });
  $("sampler").addEventListener("change", () => { model.sampler = $("sampler").value; });
  $("seed").addEventListener("change", () => { model.seed = clampInt($("seed").value, 0, MAX_SEED, model.seed); });
  $("seed-lock").addEventListener("change", () => { model.seedLocked = $("seed-lock").checked; });
  $("strength").addEventListener("input", () => {
    model.strength = Number($("strength").value) / 100;
    $("strength-value").textContent = $("strength").value + "%";
  });
  $("caption").addEventListener("input", () => { model.caption = $("caption").value; });
  $("tags").addEventListener("input", () => { model.tags = $("tags").value; });

  // Step 2: buttons → actions (their failures are shown through model.message, so the rejection is dropped here).
  const act = (id, action) => $(id).addEventListener("click", () => {
    model.url = $("url").value;  // a URL typed without leaving the field still counts
    action().catch(() => {});
  });
  act("connect", () => model.connect().then(() => model.resolvePrompt()));
  $("forget").addEventListener("click", () => { model.forgetToken(); $("token").value = ""; $("remember").checked = false; });
  act("generate", () => model.generate());
  act("redraw", () => model.redraw());
  act("regenerate-selection", () => model.regenerateSelection());
  act("cancel", () => model.cancel());
  act("apply", () => model.apply());
  act("upscale", () => model.upscale());
  act("capsule", () => model.capsule());
  $("capsule-looks").addEventListener("change", (e) => { model.capsuleLooks = Number(e.target.value) || 4; });
  act("add-dataset", () => model.addToDataset());
  $("propose-caption").addEventListener("click", () => model.proposeCaption());
  $("new-seed").addEventListener("click", () => model.newSeed());

  // Step 3: model → widgets.
  model.onChange((topic) => {
    if (topic === "message") $("message").textContent = model.message;
    if (topic === "connection") showConnection();
    if (topic === "understood") showUnderstood();
    if (topic === "progress") showProgress();
    if (topic === "results") showResults();
    if (topic === "caption") $("caption").value = model.caption;
    if (topic === "settings") $("seed").value = model.seed;
    refresh();
  });

  function showConnection() {
    $("light").className = "light " + model.connection;
    $("light").title = model.connection;
    fillSelect($("brand"), [{ value: "", label: "(none)" }].concat(model.brands.map((b) => ({ value: b.id, label: b.displayName || b.id }))), model.brandId);
    fillSelect($("model"), model.models.map((m) => ({ value: m.id, label: (m.displayName || m.id) + (m.isDefault ? " (default)" : "") })), model.modelId);
  }

  function showUnderstood() {
    let text = model.understood || "—";
    if (model.unknownTerms.length) text += "  (not understood: " + model.unknownTerms.join(", ") + ")";
    $("understood").textContent = text;
  }

  function showProgress() {
    $("progress-section").hidden = !model.busy;
    $("progress").max = Math.max(1, model.totalSteps);
    $("progress").value = model.step;
    $("progress-text").textContent = model.totalSteps ? "step " + model.step + " / " + model.totalSteps : "waiting…";
    $("preview").hidden = !model.previewUrl;
    if (model.previewUrl) $("preview").src = model.previewUrl;
  }

  function showResults() {
    const strip = $("results");
    strip.textContent = "";
    model.results.forEach((item, index) => {
      const img = document.createElement("img");
      img.src = item.url;
      img.alt = item.kind + (item.seed !== null ? " seed " + item.seed : "");
      img.title = (item.understood || item.prompt || item.kind) + (item.seed !== null ? " · seed " + item.seed : "");
      img.className = index === model.selected ? "picked" : "";
      img.addEventListener("click", () => model.select(index));
      img.addEventListener("dblclick", () => model.apply(index).catch(() => {}));
      strip.appendChild(img);
    });
  }

  function refresh() {
    $("generate").disabled = !model.canGenerate;
    $("redraw").disabled = !model.canGenerate;
    $("regenerate-selection").disabled = !model.canGenerate;
    $("apply").disabled = model.selected < 0 || model.busy;
    $("upscale").hidden = !model.canUpscale && !(model.connected && model.busy && model.upscalers.length);
    $("upscale").disabled = !model.canUpscale;
    $("add-dataset").disabled = !model.canAddToDataset;
    $("capsule").disabled = !model.canCapsule;
    $("connect").disabled = model.connection === "connecting";
  }

  function fillSelect(select, options, value) {
    select.textContent = "";
    for (const option of options) {
      const element = document.createElement("option");
      element.value = option.value;
      element.textContent = option.label;
      select.appendChild(element);
    }
    select.value = value || "";
  }

  function clampInt(text, min, max, fallback) {
    const value = parseInt(text, 10);
    return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
  }

  function safeStorage() {
    try {
      return window.localStorage;  // may be refused for a third-party frame when the browser blocks site data
    } catch (e) {
      return null;
    }
  }

  if (!model.document.available) {
    $("message").textContent = "This panel works inside Photopea: open the link `./atelier serve` prints.";
  }
  refresh();
})();
