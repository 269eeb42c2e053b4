#!/usr/bin/env bash
# Installs what katamon's demo and tests need on Debian 12 (or a derivative), as root, then `npm ci`.
#   bash tools/setup/setup.sh          everything the tests use (real engines, QEMU, Chromium, Prometheus, Go)
#   bash tools/setup/setup.sh --demo   only what `npm run demo` uses (runc, busybox-static)
# This is the one list of Debian packages: .ci/run calls it too.
set -euo pipefail
cd "$(dirname "$0")/../.."

demo=(runc busybox-static)
# golang + ttrpc: the Go reference peers; qemu + cloud kernel + cpio: the cgroup v2 and hybrid v1 guests;
# chromium: the dashboard tests; prometheus: promtool and the scrape tests; gcc/g++/make/python3: the native
# addons; containerd, docker.io, podman, crun: the real engines of tools/test-engines (their Depends bring
# conmon, containers-common, tini, iptables; rootful, --network none and local images need nothing else).
tests=(golang-go golang-github-containerd-ttrpc-dev qemu-system-x86 linux-image-cloud-amd64 cpio
  chromium prometheus iproute2 procps hyperfine gcc libc6-dev make python3 g++
  containerd docker.io podman crun)

packages=("${demo[@]}")
[[ "${1:-}" == "--demo" ]] || packages+=("${tests[@]}")

if [[ $(id -u) -ne 0 ]]; then
  echo "setup: run as root (it installs Debian packages): sudo bash $0 $*" >&2
  exit 2
fi
command -v apt-get >/dev/null || { echo "setup: needs apt-get (Debian 12 or a derivative); install by hand: ${packages[*]}" >&2; exit 2; }
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
npm ci --no-audit --no-fund
