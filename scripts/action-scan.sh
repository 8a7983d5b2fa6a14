#!/usr/bin/env bash
# The Scan step of action.yml: `hfmigrate scan --format github [ARGS] -- PATHS`.
#
# The action passes its inputs in the environment, never pasted into this script, so nothing in them is run:
#   HFMIGRATE_PATHS  files or folders: one per line, or on one line separated by spaces, where a path with
#                    spaces is quoted as in a shell ("my dir" or 'my dir'); default "."
#   HFMIGRATE_ARGS   extra scan options, split the same way ("--select HFM1 --exclude 'tests/*'")
# Quotes are read by Python's shlex (no expansion, no command substitution, no globbing). The exit code is
# hfmigrate's: 0 clean, 1 findings, 2 usage or tool error.
set -euo pipefail

split_words() {
  # $1: the input; $2: "lines" when each non-empty line is one word as written. Prints NUL-separated words.
  python3 - "$1" "$2" <<'PY'
import shlex
import sys

text, mode = sys.argv[1], sys.argv[2]
lines = [line.strip() for line in text.splitlines() if line.strip()]
if mode == "lines" and len(lines) > 1:
    words = lines
else:
    try:
        words = shlex.split(text, comments=False, posix=True)
    except ValueError as error:
        sys.exit(f"hfmigrate action: cannot split {text!r}: {error} (check the quotes)")
sys.stdout.write("".join(word + "\0" for word in words))
PY
}

paths=()
while IFS= read -r -d '' word; do paths+=("$word"); done < <(split_words "${HFMIGRATE_PATHS:-.}" lines)
args=()
while IFS= read -r -d '' word; do args+=("$word"); done < <(split_words "${HFMIGRATE_ARGS:-}" words)
if [ "${#paths[@]}" -eq 0 ]; then
  paths=(".")
fi

exec "${HFMIGRATE_BIN:-hfmigrate}" scan --format github ${args[@]+"${args[@]}"} -- "${paths[@]}"
