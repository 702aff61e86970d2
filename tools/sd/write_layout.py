"""Writes engine/src/test/resources/io/atelier/engine/sd/sd15-full-layout.txt.gz: every tensor of the real
v1-5-pruned-emaonly.safetensors as `name dtype d0,d1,...`, one a line, sorted by name, from the reference
architecture built on torch's meta device (nothing allocated). The Java layout test reads it."""
import gzip
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sd15_reference as R  # noqa: E402

OUT = "engine/src/test/resources/io/atelier/engine/sd/sd15-full-layout.txt.gz"
state = R.build(R.SD15_CONFIG, device="meta").state_dict()
lines = [f"{name} {'I64' if state[name].dtype == torch.int64 else 'F32'} {','.join(map(str, state[name].shape))}"
         for name in sorted(state)]
with gzip.open(OUT, "wt") as f:
    f.write("\n".join(lines) + "\n")
print(f"{OUT}: {len(lines)} tensors")
