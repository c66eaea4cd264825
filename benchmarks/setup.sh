#!/bin/sh
# Benchmark: installing requirements.lock into a new virtual environment with pip and with uv,
# each with an empty cache (cold) and then again with the cache the first run filled (warm).
# A measurement, not a test; it needs the package index.
#
#     sh benchmarks/setup.sh /path/to/python3.X
#
# Both installers get the same hash-checked lock and then aicost itself (editable); the uv runs
# include installing uv with pip first, as `make env` does.
set -eu
python=${1:-python3}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=$("$python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')

seconds() { # run a command quietly; print its wall time in seconds
  start=$(date +%s.%N)
  "$@" >"$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$start $end" | awk '{printf "%.1f", $2 - $1}'
}

with_pip() {
  rm -rf "$work/venv" && "$python" -m venv "$work/venv"
  PIP_CACHE_DIR="$work/pip-cache" "$work/venv/bin/python" -m pip install -q \
    --disable-pip-version-check --require-hashes -r "$root/requirements.lock"
  PIP_CACHE_DIR="$work/pip-cache" "$work/venv/bin/python" -m pip install -q \
    --disable-pip-version-check --no-deps --no-build-isolation -e "$root"
}

with_uv() {
  rm -rf "$work/venv" && "$python" -m venv "$work/venv"
  awk '/^uv==/ {on=1} on {print} on && !/\\$/ {exit}' "$root/requirements.lock" >"$work/uv.txt"
  PIP_CACHE_DIR="$work/pip-cache-uv" "$work/venv/bin/python" -m pip install -qq \
    --disable-pip-version-check --require-hashes --no-deps -r "$work/uv.txt"
  UV_CACHE_DIR="$work/uv-cache" "$work/venv/bin/uv" pip sync -q --python "$work/venv/bin/python" \
    --require-hashes "$root/requirements.lock"
  UV_CACHE_DIR="$work/uv-cache" "$work/venv/bin/uv" pip install -q --python "$work/venv/bin/python" \
    --no-deps --no-build-isolation -e "$root"
}

echo "Python $version: installing requirements.lock ($(grep -c '^[a-z]' "$root/requirements.lock") packages)"
echo "  pip, cold cache: $(seconds with_pip) s"
echo "  pip, warm cache: $(seconds with_pip) s"
echo "  uv,  cold cache: $(seconds with_uv) s"
echo "  uv,  warm cache: $(seconds with_uv) s"
