#!/usr/bin/env bash
# End-to-end test of the Atelier Blender add-on in the REAL Blender, against a REAL bridge on atelier-micro.
#
#   plugins/blender/test-in-blender.sh        (from anywhere; CI runs it through ./mvnw -B verify)
#
# 1. installs blender, xvfb and curl where missing (Debian packages);
# 2. starts the bridge on a free loopback port with a temporary home (as plugins/krita/test-in-krita.sh does), and
#    meanwhile exports a store scene as .glb with jme-preview (`./atelier preview render --gltf`, under xvfb-run);
# 3. packages the add-on zip and runs `blender -b --factory-startup --python-exit-code 1` on e2e/blender_e2e.py in a
#    throwaway Blender profile: it installs the zip through addon_install/addon_enable as a user would, then drives
#    the add-on's operators (connect, wrong token, generate, apply, project, import .glb, redraw over, cancel);
# 4. runs Blender's full GUI under Xvfb on e2e/blender_gui_e2e.py: the add-on's own timer brings results back while the
#    event loop runs, projection from the 3D view, redraw over the viewport's OpenGL render;
# 5. exits non-zero on any failure. ATELIER_E2E_SKIP_GUI=1 skips step 4; ATELIER_E2E_KEEP=1 keeps the temporary
#    folder.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY=/usr/bin/python3
WORK="$(mktemp -d -t atelier-blender-e2e.XXXXXX)"
BRIDGE_PID=""
STARTED=$SECONDS

say() { echo "[test-in-blender] $*"; }

cleanup() {
  if [[ -n "$BRIDGE_PID" ]] && kill -0 "$BRIDGE_PID" 2>/dev/null; then
    kill -TERM -- "-$BRIDGE_PID" 2>/dev/null || kill -TERM "$BRIDGE_PID" 2>/dev/null || true
    wait "$BRIDGE_PID" 2>/dev/null || true
  fi
  if [[ "${ATELIER_E2E_KEEP:-0}" == "1" ]]; then say "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# Step 1: Debian packages, only those missing.
missing=()
command -v blender >/dev/null || missing+=(blender)
command -v xvfb-run >/dev/null || missing+=(xvfb xauth libgl1-mesa-dri)
command -v curl >/dev/null || missing+=(curl)
if ((${#missing[@]})); then
  say "installing ${missing[*]}"
  SUDO=""; [[ "$(id -u)" != "0" ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Step 2: the bridge, on a free port, with a temporary home; the .glb is exported while it starts.
PORT="$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BRIDGE_HOME="$WORK/atelier-home"
mkdir -p "$BRIDGE_HOME"
if [[ -x "$ROOT/atelier" ]]; then
  BRIDGE_CMD=("$ROOT/atelier")   # the launcher builds the bridge on first use
else
  jar="$(ls "$ROOT"/bridge-server/target/*.jar 2>/dev/null | grep -vE 'sources|javadoc|original' | head -1 || true)"
  if [[ -z "$jar" ]]; then
    say "building the bridge (./mvnw -q -B -DskipTests package)"
    (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl bridge-server -am package)
    jar="$(ls "$ROOT"/bridge-server/target/*.jar | grep -vE 'sources|javadoc|original' | head -1)"
  fi
  BRIDGE_CMD=(java -jar "$jar")
fi
# Built first on its own, so that the bridge and the exporter below do not both start a build.
(cd "$ROOT" && "${BRIDGE_CMD[@]}" --version >/dev/null)
say "starting the bridge on 127.0.0.1:$PORT (home $BRIDGE_HOME)"
# In its own process group (setsid), so that cleanup stops the launcher and the JVM it started, and nothing else.
(cd "$ROOT" && exec setsid "${BRIDGE_CMD[@]}" serve --port "$PORT" --home "$BRIDGE_HOME") >"$WORK/bridge.log" 2>&1 &
BRIDGE_PID=$!
GLB="$WORK/store.glb"
say "exporting a store scene with jme-preview (preview render --gltf)"
(cd "$ROOT" && timeout 300 "${BRIDGE_CMD[@]}" preview render --scene store --views 1 --width 64 --height 64 \
  --gltf "$GLB" --out "$WORK/stills") >"$WORK/export.log" 2>&1 &
EXPORT_PID=$!
for _ in $(seq 1 600); do
  if curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && [[ -s "$BRIDGE_HOME/token" ]]; then break; fi
  if ! kill -0 "$BRIDGE_PID" 2>/dev/null; then say "FAILED: the bridge exited"; tail -30 "$WORK/bridge.log"; exit 1; fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null || { say "FAILED: bridge not healthy in 300 s"; tail -30 "$WORK/bridge.log"; exit 1; }
say "bridge up"
if ! wait "$EXPORT_PID" || [[ ! -s "$GLB" ]]; then
  say "FAILED: jme-preview did not export the .glb"; tail -20 "$WORK/export.log"; exit 1
fi
say "exported $(du -h "$GLB" | cut -f1) .glb"

# Step 3: package, then the scenario in the real Blender, with a throwaway user profile.
ZIP="$($PY "$HERE/package.py" "$WORK/atelier-blender.zip")"
export BLENDER_USER_CONFIG="$WORK/blender/config" BLENDER_USER_SCRIPTS="$WORK/blender/scripts"
export BLENDER_USER_DATAFILES="$WORK/blender/datafiles"
export TMPDIR="$WORK/tmp"   # Blender's temporary files (quit.blend, renders) stay in the test's folder
mkdir -p "$TMPDIR"
export ATELIER_HOME="$BRIDGE_HOME" ATELIER_E2E_URL="http://127.0.0.1:$PORT" ATELIER_E2E_RESULT="$WORK/result.json"
export ATELIER_E2E_GLB="$GLB"
say "running the scenario in blender -b ($(blender --version 2>/dev/null | head -1))"
BLENDER_STARTED=$SECONDS
set +e
timeout 300 blender -b --factory-startup --python-exit-code 1 --python "$HERE/e2e/blender_e2e.py" -- "$ZIP" \
  >"$WORK/blender.log" 2>&1
code=$?
set -e
grep -E '^\[atelier-e2e\]|Traceback|Error:|^  File' "$WORK/blender.log" | grep -v '^EGL' || true
if [[ $code -ne 0 || ! -s "$ATELIER_E2E_RESULT" ]] || \
   ! $PY -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))["passed"] else 1)' "$ATELIER_E2E_RESULT"; then
  say "FAILED: the scenario in Blender failed (exit $code; see above)"; tail -20 "$WORK/bridge.log"; exit 1
fi
BACKGROUND_SECONDS=$((SECONDS - BLENDER_STARTED))

# Step 4: the full GUI, under Xvfb.
if [[ "${ATELIER_E2E_SKIP_GUI:-0}" != "1" ]]; then
  say "running the GUI scenario in blender under xvfb-run"
  export ATELIER_E2E_GUI_RESULT="$WORK/gui.json"
  GUI_STARTED=$SECONDS
  set +e
  timeout 300 xvfb-run -a -s "-screen 0 1280x800x24" blender --factory-startup --python-exit-code 1 \
    --python "$HERE/e2e/blender_gui_e2e.py" -- "$ZIP" >"$WORK/blender-gui.log" 2>&1
  set -e
  grep -E '^\[atelier-e2e-gui\]|Traceback|Error:|^  File' "$WORK/blender-gui.log" | grep -v '^EGL' || true
  if [[ ! -s "$ATELIER_E2E_GUI_RESULT" ]] || \
     ! $PY -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))["passed"] else 1)' "$ATELIER_E2E_GUI_RESULT"; then
    say "FAILED: the GUI scenario failed (see above)"; tail -20 "$WORK/blender-gui.log"; exit 1
  fi
  say "GUI scenario passed in $((SECONDS - GUI_STARTED)) s"
fi
say "PASSED (Blender background ${BACKGROUND_SECONDS} s; whole test $((SECONDS - STARTED)) s)"
