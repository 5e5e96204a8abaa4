#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# install-deps.sh — installs the Debian packages parley needs to build and test,
# only those missing.  Safe to run repeatedly; does nothing when all are present.
set -euo pipefail
need=(gcc make pkg-config libjansson-dev libyaml-dev zlib1g-dev libcmocka-dev)
# libedit-dev: line editing and history at the `parley play` prompt
need+=(libedit-dev)
# the Python package (make python): the system Python's headers, cffi to build the extension,
# pip, setuptools and wheel to install it, numpy and pandas for its results; pytest runs its tests
python=(python3-dev python3-cffi python3-pip python3-setuptools python3-wheel python3-numpy python3-pandas python3-pytest)
if [ "${1:-}" = "--python" ]; then
  need+=("${python[@]}")
fi
if [ "${1:-}" = "--test" ]; then
  need+=("${python[@]}")
  need+=(tmux) # tests/e2e/play.sh plays a game in a real terminal
  need+=(python3-yaml) # tools/scale_payoffs.py (the payoff table of docs/agreements.md), tested in agreement_run.sh
  need+=(zsh)  # tests/e2e/completion.sh loads the zsh completion
  # parley-mpi (make mpi) and its test, tests/e2e/mpi.sh: Open MPI's compiler wrapper and mpirun
  need+=(openmpi-bin libopenmpi-dev)
  # the report tests open every report in headless Chromium (tests/browser_check.sh);
  # bsdutils gives script(1), which the progress-bar test runs under a pseudo-terminal
  need+=(chromium bsdutils)
  # the fuzzing targets (tests/fuzz/): clang with its libFuzzer runtime, under ASan and UBSan
  need+=(clang libclang-rt-14-dev)
fi
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
