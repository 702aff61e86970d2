#!/usr/bin/python3
"""Authors atelier-micro's judge: a small attribute-classifier CNN, scripted UNTRAINED to TorchScript.

Training happens in Java (io.atelier.micro.judge.JudgeTrainer, DJL autograd on this module). Python only authors
the architecture; Atelier never needs Python at run time.

Input : float32 [B, 3, 128, 128], RGB in [0, 1] (the judge centres it to [-1, 1] itself), the flat's native size.
Output: float32 [B, 37] logits = category (8) | colour (12) | pattern (5) | details (12, independent sigmoids),
        in the label order of the taxonomy (see judge.json written by JudgeTrainer).

Why this shape: construction details are drawn 1-3 px wide at 128 px (zip teeth, buttons of radius 1.6, metal
corners), so the first layer reads every native pixel: a 4x4 stride-2 convolution overlaps its windows and loses
nothing, where the previous judge box-averaged to 64 px and then strided again. Max pooling after it keeps a small
detail's response however little of the window it fills. The later stages stay narrow (the cost is in the first
ones) and the head flattens a 4x4 grid rather than global-pooling, since where a detail sits (neck, waist, cuffs)
is part of what it is.

Usage: /usr/bin/python3 tools/micro/author_judge.py [out.pt]   (default tools/micro/judge_init.pt)
"""
import sys

import torch
import torch.nn as nn

SIZE = 128
CATEGORIES, COLOURS, PATTERNS, DETAILS = 8, 12, 5, 12
OUTPUTS = CATEGORIES + COLOURS + PATTERNS + DETAILS


def conv(cin: int, cout: int, kernel: int = 3, stride: int = 1, padding: int = 1) -> list:
    return [nn.Conv2d(cin, cout, kernel, stride=stride, padding=padding, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]


class Judge(nn.Module):
    def __init__(self):
        super().__init__()
        # 128 -> 64 (full-resolution stem) -> 32 -> 16 -> 8 -> 4.
        self.features = nn.Sequential(
            *conv(3, 32, kernel=4, stride=2, padding=1), nn.MaxPool2d(2),
            *conv(32, 48), nn.MaxPool2d(2),
            *conv(48, 64), nn.MaxPool2d(2),
            *conv(64, 96), nn.MaxPool2d(2))
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(96 * 4 * 4, 192), nn.ReLU(), nn.Dropout(0.2),
                                  nn.Linear(192, OUTPUTS))

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(image * 2.0 - 1.0))


def main() -> None:
    out = sys.argv[1] if len(sys.argv) > 1 else "tools/micro/judge_init.pt"
    torch.manual_seed(20261122)
    judge = Judge()
    judge.eval()
    scripted = torch.jit.script(judge)
    with torch.no_grad():
        logits = scripted(torch.rand(2, 3, SIZE, SIZE))
    assert tuple(logits.shape) == (2, OUTPUTS), logits.shape
    scripted.save(out)
    params = sum(p.numel() for p in judge.parameters())
    print(f"wrote {out}: {params} parameters, output {tuple(logits.shape)}")


if __name__ == "__main__":
    main()
