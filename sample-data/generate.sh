#!/usr/bin/env bash
# Regenerates the synthetic AVEC-2017-layout corpus and its text companion (see README.md).
# Usage: sample-data/generate.sh [generate.py options]   e.g. --hours 1 --max-seconds 300 --out /tmp/hour
#        sample-data/generate.sh --text-only               just sewa-synth-text/ (Python only)
#        sample-data/generate.sh --profile dyadic          the harder dyadic-synth/ corpus and its text
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

text_only=0
for arg in "$@"; do if [[ $arg == --text-only ]]; then text_only=1; fi; done

missing=()
if ((!text_only)); then   # --text-only writes just the text corpus: no espeak-ng or sox needed
  command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
  command -v sox >/dev/null 2>&1 || missing+=(sox)
fi
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${missing[*]} with apt-get ..." >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  else
    echo "generate.sh needs: ${missing[*]} (not found on PATH)." >&2
    echo "Install them first, e.g.: sudo apt-get install -y ${missing[*]}" >&2
    echo "(generate.sh installs them itself only when run as root on a Debian/Ubuntu system.)" >&2
    exit 1
  fi
fi

exec python3 "$here/generate.py" "$@"
