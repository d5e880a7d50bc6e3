#!/usr/bin/env bash
# Makes sure the Debian packages that the demo and the tests run for real are installed.
# Usage: ensure-stack.sh [--test|--bench]   (--test and --bench add what only the tests or the benchmark need)
set -euo pipefail

# binary -> Debian package
declare -A need=([prometheus]=prometheus [prometheus-alertmanager]=prometheus-alertmanager [amtool]=prometheus-alertmanager [promtool]=prometheus)
if [[ "${1:-}" == "--test" || "${1:-}" == "--bench" ]]; then
  need+=([victoria-metrics]=victoria-metrics [tmux]=tmux [curl]=curl [openssl]=openssl)
fi
# The benchmark reads peak memory from GNU time (the shell keyword has no %M), hence the full path.
if [[ "${1:-}" == "--bench" ]]; then
  need+=([/usr/bin/time]=time)
fi

missing=()
for bin in "${!need[@]}"; do
  command -v "$bin" >/dev/null 2>&1 || missing+=("${need[$bin]}")
done
((${#missing[@]})) || exit 0
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)

if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "oncall: installing Debian packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  # The packages enable system services; this project starts its own servers on free ports instead.
  for svc in prometheus prometheus-alertmanager; do
    if command -v systemctl >/dev/null 2>&1; then systemctl stop "$svc" >/dev/null 2>&1 || true; fi
  done
  exit 0
fi

echo "oncall: missing Debian packages: ${missing[*]}" >&2
if command -v apt-get >/dev/null 2>&1; then
  echo "Install them with:  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
else
  echo "This needs Prometheus and Alertmanager binaries on PATH (prometheus, prometheus-alertmanager, amtool, promtool)." >&2
  echo "On Debian/Ubuntu:  sudo apt-get install -y ${missing[*]}" >&2
fi
exit 1
