#!/usr/bin/python3
"""Writes a deliberately broken UNet for the engine's failure tests.

It answers correctly at the engine's load-time probe size (a 2x2 latent) and raises for anything larger, so a
package holding it loads and then fails in the middle of a real generation, the way a model running out of memory
or hitting an unsupported shape would.

Run:  /usr/bin/python3 tools/tiny_model/make_broken_unet.py
Writes engine/src/test/resources/broken/unet_fails_above_probe_size.pt
"""
import os

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                   "engine/src/test/resources/broken/unet_fails_above_probe_size.pt")


class UNetFailingAboveProbeSize(torch.nn.Module):
    def forward(self, sample: torch.Tensor, timestep: torch.Tensor,
                encoder_hidden_states: torch.Tensor) -> torch.Tensor:
        if sample.shape[-1] > 2:
            raise RuntimeError("deliberately broken UNet: only the probe size works")
        return sample * 0.5


if __name__ == "__main__":
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    torch.jit.script(UNetFailingAboveProbeSize()).save(OUT)
    print("wrote", os.path.abspath(OUT))
