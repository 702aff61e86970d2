// An adapter over the Photopea document, through Photopea's plugin protocol (the role of
// plugins/krita/atelier/document.py): the panel posts a script string to window.parent; Photopea runs it and answers
// with zero or more data messages (strings from app.echoToOE, ArrayBuffers from saveToOE) and then "done".
//
// Traps met by people who built such panels, and what this file does about each:
// - Photopea also posts messages nobody asked for (a "done" when the panel loads, pings): every script is wrapped so
//   that it echoes "atelier:begin:<id>" first and "atelier:end:<id>" last; only what comes between counts, and its
//   own echoes are prefixed, so a stray string can never be taken for an answer. "done" itself is ignored.
// - Two scripts in flight mix their answers: requests run one at a time, each with a timeout.
// - "done" (and our end marker) for app.open can come before the new layer exists: addLayer polls the layer count.
// - Scripts run synchronously inside Photopea, in plain ES5: no arrows, no let/const, no template strings in them.
// - Any window may post to the panel: only messages whose source is window.parent are read.
"use strict";

const SCRIPT_TIMEOUT_MS = 20000;
const LAYER_POLL_MS = 100;
const LAYER_WAIT_MS = 10000;

/** No Photopea around (the panel opened in a tab of its own): every read answers nothing, every write does nothing. */
class NoDocument {
  get available() { return false; }
  async info() { return { open: false, width: 0, height: 0, layers: 0, selection: null, layerName: "" }; }
  async documentPng() { return null; }
  async currentLayerPng() { return null; }
  async selectionMaskPng() { return null; }
  async addLayer() { return false; }
  async openAsDocument() { return false; }
  async hideActiveLayer() { return false; }
}

class PhotopeaDocument extends NoDocument {
  constructor(host) {
    super();
    this.host = host || window.parent;
    this.queue = Promise.resolve();
    this.nextId = 1;
    this.pending = null;   // the one script in flight: {id, started, strings, buffers, finish}
    window.addEventListener("message", (event) => this.onMessage(event));
  }

  get available() { return true; }

  /**
   * Runs an ES5 script body inside Photopea; `out(x)` in it echoes a string back. Resolves with {strings, buffers}
   * once the end marker and `expectBuffers` ArrayBuffers have come (saveToOE's data may trail its script's echoes).
   */
  run(body, expectBuffers) {
    const result = this.queue.then(() => this.runNow(body, expectBuffers || 0));
    this.queue = result.catch(() => undefined);  // one failed script does not block the next
    return result;
  }

  runNow(body, expectBuffers) {
    const id = String(this.nextId++);
    const tag = "atelier:";
    const script = "(function(){var out=function(s){app.echoToOE('" + tag + "data:" + id + ":'+s);};"
      + "app.echoToOE('" + tag + "begin:" + id + "');"
      + "try{" + body + "}catch(e){app.echoToOE('" + tag + "error:" + id + ":'+e);}"
      + "app.echoToOE('" + tag + "end:" + id + "');})();";
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = null;
        reject(new DocumentError("Photopea did not answer in time. Is a document open? Try again."));
      }, SCRIPT_TIMEOUT_MS);
      this.pending = {
        id, started: false, ended: false, error: null, strings: [], buffers: [], expectBuffers, resolve, reject, timer,
      };
      this.host.postMessage(script, "*");
    });
  }

  onMessage(event) {
    if (event.source !== this.host) {
      return;
    }
    const p = this.pending;
    if (!p) {
      return;  // nothing asked: a stray "done" or a ping
    }
    const data = event.data;
    const prefix = "atelier:";
    if (typeof data === "string") {
      if (data === prefix + "begin:" + p.id) {
        p.started = true;
      } else if (!p.started) {
        return;  // left over from before our script
      } else if (data.startsWith(prefix + "data:" + p.id + ":")) {
        p.strings.push(data.substring((prefix + "data:" + p.id + ":").length));
      } else if (data.startsWith(prefix + "error:" + p.id + ":")) {
        p.error = data.substring((prefix + "error:" + p.id + ":").length);
      } else if (data === prefix + "end:" + p.id) {
        p.ended = true;
      }
      // Anything else ("done", pings) is not ours.
    } else if (data instanceof ArrayBuffer && p.started) {
      p.buffers.push(data);
    }
    if (p.ended && (p.error !== null || p.buffers.length >= p.expectBuffers)) {
      clearTimeout(p.timer);
      this.pending = null;
      if (p.error !== null) {
        p.reject(new DocumentError("Photopea could not do it: " + p.error));
      } else {
        p.resolve({ strings: p.strings, buffers: p.buffers });
      }
    }
  }

  /** The open document's size, layer count (groups' layers included), selection bounds [left, top, right, bottom] (null when none). */
  async info() {
    const answer = await this.run(
      "if(!app.documents.length){out('none');}else{var d=app.activeDocument,b=null;"
      + "try{b=d.selection.bounds;}catch(e){b=null;}"
      // Layers are counted inside groups too: a layer added while a grouped layer is active lands in its group.
      + "var count=function(ls){var c=0;for(var i=0;i<ls.length;i++){c++;if(ls[i].layers){c+=count(ls[i].layers);}}return c;};"
      + "out(JSON.stringify({open:true,width:Number(d.width),height:Number(d.height),layers:count(d.layers),"
      + "selection:b?[Number(b[0]),Number(b[1]),Number(b[2]),Number(b[3])]:null,"
      + "layerName:d.activeLayer?String(d.activeLayer.name):''}));}");
    const text = answer.strings[0];
    if (!text || text === "none") {
      return super.info();
    }
    const info = JSON.parse(text);
    if (info.selection && (info.selection[2] <= info.selection[0] || info.selection[3] <= info.selection[1])) {
      info.selection = null;
    }
    return info;
  }

  /** The whole document as shown (all visible layers), PNG bytes. */
  async documentPng() {
    return (await this.run("app.activeDocument.saveToOE('png');", 1)).buffers[0];
  }

  /**
   * The current layer alone, PNG bytes at the document's size: the other top-level layers are hidden while it is
   * exported and shown again in the same script (saveToOE renders when it is called).
   */
  async currentLayerPng() {
    return (await this.run(
      "var d=app.activeDocument,a=d.activeLayer,h=[];for(var i=0;i<d.layers.length;i++){var l=d.layers[i];"
      + "if(l!==a&&l.visible){h.push(l);l.visible=false;}}"
      + "d.saveToOE('png');for(var j=0;j<h.length;j++){h[j].visible=true;}", 1)).buffers[0];
  }

  /**
   * The selection as a mask, PNG bytes at the document's size, white inside and black outside: a temporary layer is
   * filled white inside and black outside, exported alone (the others hidden), then removed.
   */
  async selectionMaskPng() {
    return (await this.run(
      "var d=app.activeDocument,h=[];for(var i=0;i<d.layers.length;i++){var l=d.layers[i];"
      + "if(l.visible){h.push(l);l.visible=false;}}"
      + "var m=d.artLayers.add();m.name='Atelier mask (temporary)';"
      + "var w=new SolidColor();w.rgb.hexValue='FFFFFF';var k=new SolidColor();k.rgb.hexValue='000000';"
      + "d.selection.fill(w);d.selection.invert();d.selection.fill(k);d.selection.invert();"
      + "d.saveToOE('png');m.remove();for(var j=0;j<h.length;j++){h[j].visible=true;}", 1)).buffers[0];
  }

  /**
   * Adds a PNG (a data URL at the size of `box`) as a new layer whose pixels land on `box` (document coordinates).
   * Photopea places an opened image centred and reports a layer's bounds around its opaque pixels, so the layer is
   * moved after it exists; `opaque` is the PNG's opaque area, relative to the box.
   */
  async addLayer(dataUrl, name, box, opaque) {
    const before = (await this.info()).layers;
    await this.run("app.open(" + JSON.stringify(dataUrl) + ",null,true);");
    const deadline = Date.now() + LAYER_WAIT_MS;
    while ((await this.info()).layers <= before) {
      if (Date.now() > deadline) {
        throw new DocumentError("Photopea did not add the layer. Try Apply again.");
      }
      await new Promise((r) => setTimeout(r, LAYER_POLL_MS));
    }
    // Bounds the size of the opaque area: the transparent margins were trimmed, so the layer goes to the opaque
    // area's place in the box; else (bounds the size of the box) to the box. Both width and height are compared: a
    // result as wide as the box may still have margins above and below.
    await this.run("var l=app.activeDocument.activeLayer;l.name=" + JSON.stringify(name) + ";var b=l.bounds;"
      + "var trimmed=Math.abs((Number(b[2])-Number(b[0]))-" + opaque.w + ")<1"
      + "&&Math.abs((Number(b[3])-Number(b[1]))-" + opaque.h + ")<1;"
      + "var x=" + box.x + "+(trimmed?" + opaque.x + ":0),y=" + box.y + "+(trimmed?" + opaque.y + ":0);"
      + "l.translate(x-Number(b[0]),y-Number(b[1]));");
    return true;
  }

  /** Hides the active layer (the one just added). */
  async hideActiveLayer() {
    await this.run("app.activeDocument.activeLayer.visible=false;");
    return true;
  }

  /** Opens a PNG (a data URL) as a new Photopea document, e.g. an upscaled image larger than the canvas. */
  async openAsDocument(dataUrl) {
    await this.run("app.open(" + JSON.stringify(dataUrl) + ");");
    return true;
  }
}

/** The document the panel works on: Photopea's when the panel runs inside it, else the empty stand-in. */
function hostDocument() {
  return window.parent !== window ? new PhotopeaDocument(window.parent) : new NoDocument();
}
