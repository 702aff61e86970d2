#!/usr/bin/python3
"""Authors atelier-micro's judge: a small attribute-classifier CNN, scripted UNTRAINED to TorchScript.

Training happens in Java (io.atelier.micro.judge.JudgeTrainer, DJL autograd on this module). Python only authors
the architecture; Atelier never needs Python at run time.

Input : float32 [B, 3, 64, 64], RGB in [0, 1] (the judge centres it to [-1, 1] itself).
Output: float32 [B, 37] logits = category (8) | colour (12) | pattern (5) | details (12, independent sigmoids),
        in the label order of the taxonomy (see judge.json written by JudgeTrainer).

Usage: /usr/bin/python3 tools/micro/author_judge.py [out.pt]   (default tools/micro/judge_init.pt)
"""
import sys

import torch
import torch.nn as nn

CATEGORIES, COLOURS, PATTERNS, DETAILS = 8, 12, 5, 12
OUTPUTS = CATEGORIES + COLOURS + PATTERNS + DETAILS


def block(cin: int, cout: int, stride: int = 1) -> nn.Sequential:
    # A strided first block halves the cost of the whole net; later blocks pool.
    tail = [] if stride > 1 else [nn.MaxPool2d(2)]
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False), nn.BatchNorm2d(cout),
                         nn.ReLU(), *tail)


class Judge(nn.Module):
    def __init__(self):
        super().__init__()
        # 64 -> 32 -> 16 -> 8 -> 4: shapes need the spatial layout kept, so flatten rather than global-pool.
        self.features = nn.Sequential(block(3, 16, stride=2), block(16, 24), block(24, 48), block(48, 64))
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(64 * 4 * 4, 128), nn.ReLU(), nn.Dropout(0.2),
                                  nn.Linear(128, OUTPUTS))

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(image * 2.0 - 1.0))


def main() -> None:
    out = sys.argv[1] if len(sys.argv) > 1 else "tools/micro/judge_init.pt"
    torch.manual_seed(20261122)
    judge = Judge()
    judge.eval()
    scripted = torch.jit.script(judge)
    with torch.no_grad():
        logits = scripted(torch.rand(2, 3, 64, 64))
    assert tuple(logits.shape) == (2, OUTPUTS), logits.shape
    scripted.save(out)
    params = sum(p.numel() for p in judge.parameters())
    print(f"wrote {out}: {params} parameters, output {tuple(logits.shape)}")


if __name__ == "__main__":
    main()
