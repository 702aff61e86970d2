// The panel's state and the designer's actions (the role of plugins/krita/atelier/model.py). Knows the bridge client
// and the document adapter, never the widgets: panel-ui.js listens to `onChange(topic)` and calls the actions.
"use strict";

const MAX_SEED = 2147483647;
const TOKEN_KEY = "atelier.token";
const URL_KEY = "atelier.url";

class PanelModel {
  constructor(documentAdapter, storage) {
    this.document = documentAdapter;
    this.storage = storage;           // window.localStorage of the panel's origin, or null
    this.listeners = [];
    this.client = null;
    // connection
    this.url = (storage && storage.getItem(URL_KEY)) || location.origin;
    this.token = (storage && storage.getItem(TOKEN_KEY)) || "";
    this.rememberToken = !!(storage && storage.getItem(TOKEN_KEY));
    this.connection = "disconnected";   // disconnected | connecting | connected | error
    this.message = "";
    this.session = { capabilities: [], brands: [] };
    this.liveProgress = false;
    // generation settings
    this.models = [];
    this.upscalers = [];
    this.modelId = null;
    this.brands = [];
    this.brandId = "";
    this.prompt = "";
    this.negativePrompt = "";
    this.understood = "";
    this.unknownTerms = [];
    this.count = 1;
    this.seed = randomSeed();
    this.seedLocked = false;
    this.steps = 0;                     // 0 = the model's default
    this.sampler = "";                  // "" = the model's default
    this.strength = 0.6;
    // running job
    this.jobId = null;
    this.step = 0;
    this.totalSteps = 0;
    this.previewUrl = null;
    this.previewLoading = false;
    // results and curation
    this.results = [];                  // {url, canvas, ref, kind, prompt, understood, seed, placement}
    this.selected = -1;
    this.caption = "";
    this.tags = "";
    this.capsuleLooks = 4;
  }

  onChange(listener) { this.listeners.push(listener); }
  emit(topic) { for (const listener of this.listeners) listener(topic); }
  say(message) { this.message = message; this.emit("message"); }

  // ---- derived state -------------------------------------------------------------------------------------------

  get connected() { return this.connection === "connected"; }
  get busy() { return this.jobId !== null; }
  offers(method) { return this.connected && (this.session.capabilities || []).includes(method); }
  get canGenerate() { return this.connected && !this.busy && this.offers("images.generate") && this.models.length > 0; }
  // Upscale is offered only when the bridge lists the method and has an upscaler model to run it.
  get canUpscale() { return this.connected && !this.busy && this.offers("images.upscale") && this.upscalers.length > 0; }
  get canCapsule() { return this.connected && !this.busy && this.offers("capsules.generate") && !!this.brandId; }
  get canAddToDataset() { return this.connected && this.offers("datasets.add") && !!this.brandId; }
  get model() { return this.models.find((m) => m.id === this.modelId) || null; }

  // ---- connection ----------------------------------------------------------------------------------------------

  /** The token is kept only when the designer asks, in localStorage of the panel's own origin (the bridge's). */
  keepToken() {
    if (!this.storage) return;
    this.storage.setItem(URL_KEY, this.url);
    if (this.rememberToken) this.storage.setItem(TOKEN_KEY, this.token);
    else this.storage.removeItem(TOKEN_KEY);
  }

  forgetToken() {
    if (this.storage) this.storage.removeItem(TOKEN_KEY);
    this.token = "";
    this.rememberToken = false;
    if (this.client) this.client.closeSocket();
    this.client = null;
    this.setConnection("disconnected", "Token forgotten: this browser no longer keeps it.");
  }

  connect() { return this.guarded(this.doConnect()); }

  async doConnect() {
    this.url = this.url.trim().replace(/\/+$/, "");
    if (!this.token.trim()) {
      throw new DocumentError("Paste the bridge's token first: `./atelier serve` prints the file that holds it "
        + "(~/.atelier/token by default).");
    }
    if (this.client) this.client.closeSocket();
    this.client = new BridgeClient(this.url, this.token.trim());
    this.setConnection("connecting", "Connecting…");
    try {
      this.session = await this.client.call("session.initialize", { clientName: CLIENT_NAME });
      const listed = (await this.client.call("models.list", {})).models || [];
      this.models = listed.filter((m) => m.kind === "diffusion");
      this.upscalers = listed.filter((m) => m.kind === "upscaler");
      this.brands = await this.loadBrands();
    } catch (error) {
      this.setConnection("error", "");
      throw error;
    }
    this.keepToken();
    if (!this.models.some((m) => m.id === this.modelId)) {
      const preferred = this.models.find((m) => m.isDefault) || this.models[0];
      this.modelId = preferred ? preferred.id : null;
    }
    if (!this.brands.some((b) => b.id === this.brandId)) this.brandId = "";
    try {
      await this.client.openSocket();
      this.liveProgress = true;
    } catch (e) {
      this.liveProgress = false;  // calls still work over HTTP; jobs are polled instead of pushed
    }
    let note = this.liveProgress ? "" : " Live progress is unavailable; results will still arrive.";
    if (!this.models.length || !this.offers("images.generate")) {
      note += " This bridge has no image model installed yet: generation is off.";
    }
    this.setConnection("connected", "Connected to Atelier " + (this.session.serverVersion || "?") + "." + note);
  }

  async loadBrands() {
    try {
      return (await this.client.call("brands.list", {})).brands || [];
    } catch (error) {
      if (error.code !== ErrorCode.METHOD_NOT_FOUND) throw error;
      return (this.session.brands || []).map((id) => ({ id }));
    }
  }

  setConnection(state, message) {
    this.connection = state;
    this.emit("connection");
    if (message) this.say(message);
  }

  // ---- prompt understanding ------------------------------------------------------------------------------------

  /** How the bridge's taxonomy reads the prompt, for the model it will run on. */
  resolvePrompt() { return this.guarded(this.doResolve(), true); }

  async doResolve() {
    const text = this.prompt.trim();
    let understood = "";
    let unknown = [];
    if (text && this.offers("taxonomy.resolve")) {
      const params = { text, model: this.modelId || undefined, brand: this.brandId || undefined };
      const result = await this.client.call("taxonomy.resolve", params);
      understood = result.prompt;
      unknown = result.unknownTerms || [];
    }
    this.understood = understood;
    this.unknownTerms = unknown;
    this.emit("understood");
    return understood;
  }

  // ---- generation ----------------------------------------------------------------------------------------------

  newSeed() { this.seed = randomSeed(); this.emit("settings"); }

  /** Text to image at the selection's or the document's proportions; results join the strip. */
  generate() { return this.guarded(this.doGenerate("generate")); }
  /** Redraws over the document as shown; `strength` says how far from it the result may go. */
  redraw() { return this.guarded(this.doGenerate("redraw")); }
  /** Regenerates the selected pixels only; everything outside the selection stays as it is. */
  regenerateSelection() { return this.guarded(this.doGenerate("selection")); }

  async doGenerate(kind) {
    this.requireIdle();
    if (!this.seedLocked) this.newSeed();
    const info = await this.document.info();
    if (!info.open) throw new DocumentError("Open or create a document in Photopea first.");
    const sizes = drawableSizes(this.model);
    const params = {
      prompt: this.prompt.trim(), negativePrompt: this.negativePrompt.trim() || undefined,
      brand: this.brandId || undefined, model: this.modelId || undefined, seed: this.seed, count: this.count,
      steps: this.steps > 0 ? this.steps : undefined, sampler: this.sampler || undefined,
    };
    // Step 1: the box the result will cover in the document, the size to draw at, and what the model is shown.
    let placement;
    if (kind === "generate") {
      const s = info.selection;
      const box = s ? { x: s[0], y: s[1], w: s[2] - s[0], h: s[3] - s[1] } : { x: 0, y: 0, w: info.width, h: info.height };
      const size = nearestDrawable(sizes, box.w, box.h);
      placement = { box, fit: "contain" };
      Object.assign(params, { width: size.width, height: size.height });
    } else if (kind === "redraw") {
      const size = nearestDrawable(sizes, info.width, info.height);
      const doc = await canvasFromPng(await this.document.documentPng());
      // The document fitted whole into the drawing size on white paper; its rectangle there comes back as the result.
      const inside = containRect(doc.width, doc.height, size.width, size.height);
      const init = canvasOf(size.width, size.height);
      const g = init.getContext("2d");
      g.fillStyle = "#ffffff";
      g.fillRect(0, 0, size.width, size.height);
      g.drawImage(doc, inside.x, inside.y, inside.w, inside.h);
      placement = { box: { x: 0, y: 0, w: info.width, h: info.height }, crop: inside };
      Object.assign(params, { width: size.width, height: size.height, initImage: { base64: pngBase64(init) },
        strength: this.strength });
    } else {
      if (!info.selection) throw new DocumentError("Select the area to regenerate first (any selection tool).");
      const { box, size } = selectionNeighbourhood(info.selection, info.width, info.height, sizes);
      const doc = await canvasFromPng(await this.document.documentPng());
      const mask = await canvasFromPng(await this.document.selectionMaskPng());
      placement = { box, mask: resampled(mask, box, box.w, box.h) };
      Object.assign(params, { width: size.width, height: size.height,
        initImage: { base64: pngBase64(resampled(doc, box, size.width, size.height, "#ffffff")) },
        mask: { base64: pngBase64(resampled(mask, box, size.width, size.height, "#000000")) },
        strength: this.strength });
    }
    // Step 2: the job, followed live.
    const understood = this.understood;
    const refs = await this.runJob("images.generate", params);
    // Step 3: the results join the strip.
    const items = [];
    for (let i = 0; i < refs.length; i++) {
      const blob = await this.client.fetchImage(refs[i]);
      items.push({ url: URL.createObjectURL(blob), canvas: await canvasFromPng(blob), ref: refs[i], kind,
        prompt: params.prompt, understood, seed: params.seed + i, placement });
    }
    this.addResults(items);
    this.say(items.length + " result" + (items.length === 1 ? "" : "s") + " ready: pick one and Apply.");
    return items;
  }

  upscale() { return this.guarded(this.doUpscale()); }

  async doUpscale() {
    this.requireIdle();
    const png = await this.document.documentPng();
    if (!png) throw new DocumentError("Open a document in Photopea first.");
    const doc = await canvasFromPng(png);
    const refs = await this.runJob("images.upscale", { image: { base64: pngBase64(doc) }, scale: 2 });
    const items = [];
    for (const ref of refs) {
      const blob = await this.client.fetchImage(ref);
      items.push({ url: URL.createObjectURL(blob), canvas: await canvasFromPng(blob), ref, kind: "upscale",
        prompt: "", understood: "", seed: null, placement: null });
    }
    this.addResults(items);
    this.say("Upscaled ×2: Apply opens it as a new document.");
    return items;
  }

  cancel() {
    if (!this.jobId || !this.client || this.jobId === "…") return Promise.resolve();
    this.say("Cancelling…");
    return this.client.callPreferSocket("jobs.cancel", { jobId: this.jobId }).catch((e) => this.say(humanSentence(e)));
  }

  requireIdle() {
    if (!this.connected) throw new DocumentError("Connect to the bridge first.");
    if (this.busy) throw new DocumentError("A generation is running: wait for it or cancel it.");
  }

  async runJob(method, params) {
    this.jobId = "…";  // busy from the click on, before the bridge has even answered
    this.setProgress(0, 0, null);
    let finished;
    try {
      this.jobId = (await this.client.callPreferSocket(method, params)).jobId;
      this.emit("progress");
      finished = await this.client.followJob(this.jobId, (note) => this.onProgress(note));
    } finally {
      this.jobId = null;
      this.setProgress(0, 0, null);
    }
    if (finished.status === "succeeded") return finished.results || [];
    if (finished.status === "cancelled") throw new AtelierError(ErrorCode.CANCELLED, "cancelled");
    const error = finished.error || { code: ErrorCode.MODEL_FAILURE };
    throw AtelierError.fromWire(error);
  }

  onProgress(note) {
    if (note.jobId !== this.jobId) return;
    this.setProgress(note.step, note.totalSteps, this.previewUrl);
    if (note.preview && !this.previewLoading) {
      // One preview download at a time: with fast steps, older previews are skipped rather than queued.
      this.previewLoading = true;
      const jobId = note.jobId;
      this.client.fetchImage(note.preview).then((blob) => {
        if (jobId === this.jobId) this.setProgress(this.step, this.totalSteps, URL.createObjectURL(blob));
      }, () => { /* a lost preview is skipped; the results still come */ }).finally(() => { this.previewLoading = false; });
    }
  }

  setProgress(step, total, previewUrl) {
    this.step = step;
    this.totalSteps = total;
    this.previewUrl = previewUrl;
    this.emit("progress");
  }

  addResults(items) {
    this.results.push(...items);
    if (items.length) this.selected = this.results.length - items.length;
    this.emit("results");
  }

  select(index) { this.selected = index; this.emit("results"); }

  // ---- placing results -----------------------------------------------------------------------------------------

  /** Places the picked result as a new layer on its box (a selection result only over its selection). */
  apply(index) { return this.guarded(this.doApply(index === undefined ? this.selected : index)); }

  async doApply(index) {
    const item = this.results[index];
    if (!item) throw new DocumentError("Pick a result in the strip first.");
    if (item.kind === "upscale") {
      await this.document.openAsDocument(item.canvas.toDataURL("image/png"));
      this.say("Opened as a new document.");
      return true;
    }
    const { box, crop, mask } = item.placement;
    let layer;
    if (crop) {
      layer = resampled(item.canvas, crop, box.w, box.h);
    } else if (mask) {
      layer = maskedBy(resampled(item.canvas, null, box.w, box.h), mask);
    } else {
      layer = contained(item.canvas, box);
    }
    const placed = await this.document.addLayer(layer.toDataURL("image/png"), layerName(item), box, opaqueBounds(layer));
    this.say(placed ? "Placed as a new layer." : "Open a document in Photopea first.");
    return placed;
  }

  // ---- capsule -------------------------------------------------------------------------------------------------

  /** A capsule of the chosen brand, placed over the document: one hidden layer per look, the contact sheet on top. */
  capsule() { return this.guarded(this.doCapsule()); }

  async doCapsule() {
    this.requireIdle();
    if (!this.brandId) throw new DocumentError("Pick the brand whose capsule this is.");
    const doc = await this.document.info();
    if (!doc.open) throw new DocumentError("Open a document in Photopea first: the capsule is placed in it.");
    const refs = await this.runJob("capsules.generate", { brand: this.brandId, looks: this.capsuleLooks,
      theme: this.prompt.trim() || undefined, model: this.modelId || undefined });
    // Flats look by look, then the contact sheet; the spec sheets (JSON) and the PDF stay on the bridge.
    const pictures = [];
    for (const ref of refs.filter((r) => !r.mime || r.mime === "image/png")) {
      pictures.push(await canvasFromPng(await this.client.fetchImage(ref)));
    }
    const sheet = pictures.pop();
    const perLook = Math.max(1, Math.floor(pictures.length / Math.max(1, this.capsuleLooks)));
    const box = { x: 0, y: 0, w: doc.width, h: doc.height };
    let looks = 0;
    for (let first = 0; first < pictures.length; first += perLook) {
      const strip = sideBySide(pictures.slice(first, first + perLook));
      const layer = contained(strip, box);
      looks++;
      await this.document.addLayer(layer.toDataURL("image/png"), "Look " + looks, box, opaqueBounds(layer));
      await this.document.hideActiveLayer();
    }
    const layer = contained(sheet, box);
    await this.document.addLayer(layer.toDataURL("image/png"), "Capsule · " + this.brandId, box, opaqueBounds(layer));
    this.say("Capsule of " + looks + " looks placed: the contact sheet on top, each look as a hidden layer.");
    return looks;
  }

  // ---- curation ------------------------------------------------------------------------------------------------

  /** The caption to start from: how the bridge understood the picked result's prompt, else the current one's. */
  proposeCaption() {
    const item = this.results[this.selected];
    const candidates = (item ? [item.understood, item.prompt] : []).concat([this.understood, this.prompt]);
    this.caption = (candidates.find((c) => c && c.trim()) || "").trim();
    this.emit("caption");
    return this.caption;
  }

  addToDataset() { return this.guarded(this.doAddToDataset()); }

  async doAddToDataset() {
    if (!this.brandId) throw new DocumentError("Pick the brand whose dataset this image joins.");
    const info = await this.document.info();
    if (!info.open) throw new DocumentError("Open a document in Photopea first.");
    let image = await canvasFromPng(await this.document.currentLayerPng());
    if (info.selection) {
      // The selection, when there is one, is what the designer picked.
      const [l, t, r, b] = info.selection;
      image = resampled(image, { x: l, y: t, w: r - l, h: b - t }, r - l, b - t);
    }
    const tags = this.tags.split(/[,;]/).map((t) => t.trim()).filter((t) => t);
    const result = await this.client.call("datasets.add", { brand: this.brandId, image: { base64: pngBase64(image) },
      caption: this.caption.trim() || undefined, tags, source: "photopea" });
    if (!this.caption.trim() && result.proposedCaption) {
      this.caption = result.proposedCaption;
      this.emit("caption");
    }
    this.say("Added to the " + this.brandId + " dataset" + (result.duplicate ? " (it was already there)." : "."));
    return result;
  }

  // ---- errors --------------------------------------------------------------------------------------------------

  /** Runs an action, turning its failure into a sentence for the designer; the promise still rejects. */
  async guarded(action, quiet) {
    try {
      return await action;
    } catch (error) {
      if (!quiet) this.say(humanSentence(error, this.url));
      throw error;
    }
  }
}

function randomSeed() {
  return Math.floor(Math.random() * MAX_SEED);
}

function layerName(item) {
  const label = { generate: "Atelier", redraw: "Atelier redraw", selection: "Atelier selection" }[item.kind] || "Atelier";
  const words = (item.prompt || "").trim().substring(0, 40);
  return (words ? label + " · " + words : label) + (item.seed !== null ? " · seed " + item.seed : "");
}
