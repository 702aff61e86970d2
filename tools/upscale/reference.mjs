// Writes TF.js's own output of each @upscalerjs ESRGAN model on fixed small inputs, as raw little-endian float32
// (NHWC, values 0..1), so that the Java port (engine/.../upscale) can be compared with the reference implementation
// without Node at test time. Run: npm install && node reference.mjs OUT_DIR [package ...]
import * as tf from '@tensorflow/tfjs';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const SIZE = 12;

// The custom layers of the RRDN ('thick') models, as @upscalerjs/esrgan's own setup() registers them.
class MultiplyBeta extends tf.layers.Layer {
  static className = 'MultiplyBeta';
  call(inputs) { return tf.mul(Array.isArray(inputs) ? inputs[0] : inputs, 0.2); }
}
for (const scale of [2, 3, 4, 8]) {
  const PixelShuffle = class extends tf.layers.Layer {
    static className = `PixelShuffle${scale}x`;
    computeOutputShape(s) { return [s[0], s[1] && s[1] * scale, s[2] && s[2] * scale, 3]; }
    call(inputs) { return tf.depthToSpace(Array.isArray(inputs) ? inputs[0] : inputs, scale, 'NHWC'); }
  };
  tf.serialization.registerClass(PixelShuffle);
}
tf.serialization.registerClass(MultiplyBeta);

// A fixed input: smooth gradients plus an edge and a deterministic LCG texture, values in 0..1.
function fixedInput() {
  const data = new Float32Array(SIZE * SIZE * 3);
  let seed = 12345;
  for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) for (let c = 0; c < 3; c++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const noise = seed / 2147483648;
    const base = c === 0 ? x / SIZE : c === 1 ? y / SIZE : (x > SIZE / 2 ? 0.8 : 0.2);
    data[(y * SIZE + x) * 3 + c] = Math.round(255 * (0.7 * base + 0.3 * noise)) / 255;
  }
  return data;
}

async function loadModel(dir) {
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  const specs = [], buffers = [];
  for (const group of json.weightsManifest) {
    specs.push(...group.weights);
    for (const p of group.paths) buffers.push(readFileSync(join(dir, p)));
  }
  const all = Buffer.concat(buffers);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: specs, weightData }));
}

const out = process.argv[2];
const packages = process.argv.length > 3 ? process.argv.slice(3) : ['esrgan-slim', 'esrgan-medium', 'esrgan-thick'];
mkdirSync(out, { recursive: true });
await tf.setBackend('cpu');
const input = fixedInput();
writeFileSync(join(out, 'input-12x12.f32'), Buffer.from(input.buffer));
for (const name of packages) {
  const root = join(here, 'node_modules/@upscalerjs', name); // the package's exports hide its models/ folder
  const rdn = JSON.parse(readFileSync(join(root, 'models/x2/model.json'), 'utf8'))
      .modelTopology.model_config.config.layers.every(l => !l.class_name.startsWith('PixelShuffle'));
  const range = rdn ? 255 : 1; // RDN models take and give 0..255, RRDN 0..1 (esrgan.js inputRange/outputRange)
  for (const scale of [2, 3, 4, 8]) {
    const model = await loadModel(join(root, `models/x${scale}`));
    const y = tf.tidy(() => model.predict(tf.tensor4d(input, [1, SIZE, SIZE, 3]).mul(range)).div(range));
    const data = await y.data();
    writeFileSync(join(out, `${name}-x${scale}.f32`), Buffer.from(new Float32Array(data).buffer));
    console.log(name, `x${scale}`, y.shape.join('x'), 'min', Math.min(...data).toFixed(4), 'max', Math.max(...data).toFixed(4));
    y.dispose();
  }
}
