#!/usr/bin/env bash
# Create a virtual environment and install readout_guidance with its dev extras, exactly as the
# README's commands do. .ci/run uses this script, and checks that the README still shows the same
# install line, so the two cannot drift apart.
#
#   bash tools/setup_env.sh [VENV_DIR]   # default .venv; then: . VENV_DIR/bin/activate
#   bash tools/setup_env.sh --print      # print the README's one-line setup command
#
# torch==2.13.0 is installed first, and constraints.txt (torch==2.13.0) keeps every later pip
# call from replacing it.
set -euo pipefail
cd "$(dirname "$0")/.."

INSTALL='pip install torch==2.13.0 && pip install -c constraints.txt -e ".[dev]"'

if [[ "${1:-}" == "--print" ]]; then
    echo "python3 -m venv .venv && . .venv/bin/activate && $INSTALL"
    exit 0
fi

venv="${1:-.venv}"
python3 -m venv "$venv"
# shellcheck disable=SC1091
. "$venv/bin/activate"
eval "$INSTALL"
