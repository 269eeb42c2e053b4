#!/usr/bin/env bash
# katamon's main job on a fresh machine: start a real runc container (busybox), then show what
# `katamon events` / `list` / `top` print for it, byte-compatible with kata-runtime and runc.
# Needs root, runc and busybox-static: `sudo bash tools/setup/setup.sh --demo` installs them.
set -euo pipefail
cd "$(dirname "$0")/../.."

# Say what is missing, in one line with the command that fixes it, before anything starts.
missing=()
[[ $(id -u) -eq 0 ]] || missing+=("root (runc creates cgroups)")
command -v runc >/dev/null || missing+=(runc)
busybox=$(command -v busybox || true)
# A dynamic busybox would not run inside the container's empty rootfs: it must be busybox-static's.
linkage=$([[ -n "$busybox" ]] && ldd "$busybox" 2>&1 || true)
[[ "$linkage" == *"not a dynamic executable"* ]] || missing+=(busybox-static)
[[ -d node_modules ]] || missing+=("node_modules (npm ci)")
if ((${#missing[@]} > 0)); then
  echo "katamon demo: missing $(IFS=,; echo "${missing[*]}" | sed 's/,/, /g'); run: sudo bash tools/setup/setup.sh --demo" >&2
  exit 2
fi

node tools/build/scripts/build.mjs --if-stale >/dev/null
state=$(mktemp -d /tmp/katamon-demo-state.XXXXXX)
bundle=$(mktemp -d /tmp/katamon-demo-bundle.XXXXXX)
id="katamon-demo-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
cleanup() {
  runc --root "$state" delete --force "$id" >/dev/null 2>&1 || true
  rm -rf "$state" "$bundle"
}
trap cleanup EXIT

mkdir -p "$bundle/rootfs/bin" "$bundle/rootfs/proc" "$bundle/rootfs/sys" "$bundle/rootfs/dev" "$bundle/rootfs/tmp"
cp "$busybox" "$bundle/rootfs/bin/busybox"
for applet in sh sleep; do ln -s busybox "$bundle/rootfs/bin/$applet"; done
(cd "$bundle" && runc spec)
node -e '
  const fs = require("fs"); const f = process.argv[1]; const spec = JSON.parse(fs.readFileSync(f, "utf8"));
  spec.process.terminal = false;
  spec.process.args = ["sh", "-c", "while :; do :; done"];   // a busy loop, throttled by the quota below
  spec.linux.cgroupsPath = "/katamon-demo/" + process.argv[2];
  spec.linux.resources = { ...spec.linux.resources, memory: { limit: 268435456 }, cpu: { quota: 20000, period: 100000 }, pids: { limit: 64 } };
  fs.writeFileSync(f, JSON.stringify(spec));
' "$bundle/config.json" "$id"
runc --root "$state" run --detach --bundle "$bundle" "$id" </dev/null >/dev/null 2>&1

katamon() { node dist/katamon/katamon.cjs --root "$state" "$@"; }
short=${id:0:16}

echo "# katamon list"
katamon list
echo
echo "# katamon events --stats $short            (kata schema, the default: what kata-runtime events printed)"
katamon events --stats "$short"
echo
echo "# katamon events --stats --schema runc $short   (byte-compatible with runc events --stats)"
katamon events --stats --schema runc "$short"
echo
echo "# katamon events --interval 1s $short  (3 seconds: first event after one interval, like kata/runc)"
timeout -s INT 3.5 node dist/katamon/katamon.cjs --root "$state" events --interval 1s --schema full --pretty "$short" | head -n 40 || true
echo
echo "# katamon top --no-stream $short"
katamon top --no-stream "$short"
