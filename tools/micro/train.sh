#!/usr/bin/env bash
# Trains atelier-micro end to end, or resumes from the latest checkpoint: run it again with the same
# arguments after an interruption. Writes checkpoints, loss.csv/png and samples.png under --out
# (default work-runs/micro, gitignored) and the model package into
# micro/src/main/resources/io/atelier/micro/model/atelier-micro/.
#   tools/micro/train.sh [--out DIR] [--minutes M] [any TrainingOptions flag]
set -euo pipefail
cd "$(dirname "$0")/../.."

OUT=work-runs/micro
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  if [[ "${args[$i]}" == "--out" ]]; then OUT="${args[$((i + 1))]}"; fi
done
mkdir -p "$OUT"
OUT_ABS="$(cd "$OUT" && pwd)"

# Step 1: the untrained architecture, authored once with Debian's python3-torch (seeded, reproducible).
if [[ ! -f "$OUT/init/unet.pt" ]]; then
  /usr/bin/python3 tools/micro/author_micro.py "$OUT/init"
fi

# Step 2: compile and resolve the classpath through the reactor (no install into ~/.m2).
./mvnw -q -B -pl micro -am compile dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$OUT_ABS/classpath.txt" >/dev/null

# The run uses a private copy of the compiled classes, so rebuilding the worktree while a long run is
# going cannot swap classes under it.
rm -rf "$OUT_ABS/classes" && cp -r micro/target/classes "$OUT_ABS/classes"

# Step 3: train. libgomp's default busy-waiting collapses throughput when the 2 cores are shared,
# so worker threads sleep while waiting.
export OMP_WAIT_POLICY=PASSIVE
exec java -Xmx6g -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1 \
  -cp "$OUT_ABS/classes:$(cat "$OUT_ABS/classpath.txt")" io.atelier.micro.train.TrainMicro --out "$OUT" "$@"
