# Shared set-up for scripts/run and scripts/test: Python 3.11 virtualenv with pinned packages,
# and Debian packages installed only when missing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${TTHC_VENV:-$ROOT/.venv}"
PY="$VENV/bin/python"

log() { printf '\033[1m==> [%s] %s\033[0m\n' "$(date +%H:%M:%S)" "$*"; }

find_python311() {
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)'; then
      command -v "$candidate"; return 0
    fi
  done
  echo "Python 3.11 is required (apt-get install python3.11 python3.11-venv)" >&2
  return 1
}

ensure_venv() {
  local requirements="$1" stamp
  if [ ! -x "$PY" ]; then
    log "Creating virtualenv $VENV"
    "$(find_python311)" -m venv "$VENV"
  fi
  stamp="$VENV/.installed-$(cat "$ROOT"/requirements*.txt | sha1sum | cut -c1-12)-$(basename "$requirements")"
  if [ ! -f "$stamp" ]; then
    log "Installing Python packages from $(basename "$requirements")"
    "$PY" -m pip install --quiet --disable-pip-version-check -r "$ROOT/$requirements"
    touch "$stamp"
  fi
}

ensure_debian_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${missing[*]} (install them with apt-get as root)" >&2
    return 1
  fi
  log "Installing Debian packages: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
