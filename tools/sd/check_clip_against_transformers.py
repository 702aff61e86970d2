"""Cross-check of the CLIP text encoder reference against Hugging Face transformers' own CLIPTextModel.

Run where transformers and safetensors are installed (not on the developers' machines; the GPU lending machine has
both): loads the text tower of engine/src/test/resources/io/atelier/engine/sd/tiny-sd15.safetensors into
transformers.CLIPTextModel and compares its last hidden state with the committed fixture `text.hidden`, which the
Java encoder is tested against. Prints the largest difference and exits non-zero above 1e-4 relative.
"""
import sys

import torch
from safetensors.torch import load_file
from transformers import CLIPTextConfig, CLIPTextModel

ROOT = "engine/src/test/resources/io/atelier/engine/sd/"
PREFIX = "cond_stage_model.transformer."

weights = load_file(ROOT + "tiny-sd15.safetensors")
fixtures = load_file(ROOT + "tiny-sd15-fixtures.safetensors")
text = {k[len(PREFIX):]: v.float() for k, v in weights.items() if k.startswith(PREFIX)}
width = text["text_model.embeddings.token_embedding.weight"].shape[1]
layers = len({k.split(".")[3] for k in text if k.startswith("text_model.encoder.layers.")})
config = CLIPTextConfig(vocab_size=49408, hidden_size=width, intermediate_size=4 * width,
                        num_hidden_layers=layers, num_attention_heads=max(1, width // 64),
                        max_position_embeddings=77, hidden_act="quick_gelu", layer_norm_eps=1e-5,
                        bos_token_id=49406, eos_token_id=49407, pad_token_id=49407)
model = CLIPTextModel(config).eval()
# transformers 5 names the text tower's parameters without the "text_model." prefix that SD files keep.
if not any(k.startswith("text_model.") for k in model.state_dict()):
    text = {k[len("text_model."):]: v for k, v in text.items()}
missing, unexpected = model.load_state_dict(text, strict=False)
print("missing", missing, "unexpected", unexpected)
with torch.no_grad():
    hidden = model(input_ids=fixtures["text.input_ids"]).last_hidden_state
expected = fixtures["text.hidden"]
worst = (hidden - expected).abs().max().item()
scale = expected.abs().max().item()
print(f"transformers {__import__('transformers').__version__} torch {torch.__version__}: "
      f"max |diff| {worst:.3g}, max |ref| {scale:.3g}, relative {worst / scale:.3g}")
sys.exit(0 if worst / scale <= 1e-4 and not [m for m in missing if "position_ids" not in m] else 1)
