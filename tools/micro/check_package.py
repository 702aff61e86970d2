#!/usr/bin/python3
"""Loads an exported atelier-micro package with Debian's python3-torch 1.13 and checks the contract shapes.

Usage: /usr/bin/python3 tools/micro/check_package.py [PACKAGE_DIR]
Proves that the modules written back from Java (JniUtils.writeModule) stay loadable by Python.
"""
import hashlib
import json
import os
import sys

import torch

pkg = sys.argv[1] if len(sys.argv) > 1 else "micro/src/main/resources/io/atelier/micro/model/atelier-micro"
manifest = json.load(open(os.path.join(pkg, "model.json")))
for name, comp in manifest["components"].items():
    digest = hashlib.sha256(open(os.path.join(pkg, comp["file"]), "rb").read()).hexdigest()
    assert digest == comp["sha256"], f"{name}: sha256 mismatch"
text = torch.jit.load(os.path.join(pkg, "text_encoder.pt")).eval()
unet = torch.jit.load(os.path.join(pkg, "unet.pt")).eval()
dec = torch.jit.load(os.path.join(pkg, "vae_decoder.pt")).eval()
enc = torch.jit.load(os.path.join(pkg, "vae_encoder.pt")).eval()
with torch.no_grad():
    states = text(torch.zeros(2, manifest["text"]["maxLength"], dtype=torch.long))
    lat = enc(torch.zeros(2, 3, manifest["nativeHeight"], manifest["nativeWidth"]))
    eps = unet(lat, torch.tensor([1.0, 999.0]), states)
    img = dec(lat)
print("hashes ok; text", tuple(states.shape), "latent", tuple(lat.shape), "unet", tuple(eps.shape),
      "image", tuple(img.shape), "range", float(img.min()), float(img.max()))
lora_up = [p for n, p in unet.named_parameters() if ".lora_up." in n]
print(len(lora_up), "LoRA slots, max |lora_up| =", max(float(p.abs().max()) for p in lora_up))
