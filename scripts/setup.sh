#!/usr/bin/env bash
# Set-up on a fresh machine: Debian packages (Tesseract ind+eng, Chromium for the report test) when missing,
# then .venv with the project and its dev extra. Quick when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

DEB_PACKAGES=(tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng)
[ "${KERJASAMA_SETUP_BROWSER:-1}" = "1" ] && DEB_PACKAGES+=(chromium)
PYTHON="${PYTHON:-python3}"

missing=()
for pkg in "${DEB_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" = "0" ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup: need ${missing[*]} but I am not root and there is no sudo." >&2
    echo "       Ask an administrator to run: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"; }; then
    echo "setup: apt-get could not install ${missing[*]}; install them by hand and run make again." >&2
    exit 1
  fi
fi

stamp=.venv/.kerjasama-installed
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing the project into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[dev]"
  touch "$stamp"
fi
