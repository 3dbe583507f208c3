#!/usr/bin/env bash
# A newcomer's first hour, replayed: clone the repository into an empty
# temporary folder and run the README's first two commands there
# (`npm install && npm run examples`, then `npm test`) with the tools a fresh
# machine with only Node.js and npm does not have hidden from PATH: poppler's
# PDF tools, Neovim, Chromium and LibreOffice. Every suite that needs one of
# them must skip itself, saying so, and everything else must pass.
#
# Usage: bash scripts/fresh-clone-check.sh [REF]   (default: HEAD; the
# committed state is checked, not uncommitted changes). Run by .ci/run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
ref="${1:-HEAD}"
commit="$(git -C "$root" rev-parse --verify "$ref^{commit}")"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/boardpaper-fresh-XXXXXX")"
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT

# Tools a fresh machine lacks. Hidden by building a PATH of symlinks to every
# other program on the current PATH.
hidden=(pdftotext pdfinfo pdfimages pdftoppm pdftocairo pdftohtml pdftops pdffonts pdfseparate pdfunite pdfattach pdfdetach pdfsig
  nvim chromium chromium-browser soffice libreoffice lowriter)
mkdir -p "$tmp/bin"
IFS=: read -r -a dirs <<<"$PATH"
for d in "${dirs[@]}"; do
  [ -d "$d" ] || continue
  for f in "$d"/*; do
    name="$(basename "$f")"
    [ -x "$f" ] && [ ! -d "$f" ] || continue
    [ -e "$tmp/bin/$name" ] && continue
    for h in "${hidden[@]}"; do [ "$name" = "$h" ] && continue 2; done
    ln -s "$f" "$tmp/bin/$name"
  done
done
fresh_path="$tmp/bin"
for h in "${hidden[@]}"; do
  if PATH="$fresh_path" command -v "$h" >/dev/null 2>&1; then echo "fresh-clone-check: could not hide $h" >&2; exit 1; fi
done
for need in node npm git; do
  PATH="$fresh_path" command -v "$need" >/dev/null 2>&1 || { echo "fresh-clone-check: $need is not on PATH" >&2; exit 1; }
done

echo "fresh-clone-check: cloning $(git -C "$root" rev-parse --short "$commit") into an empty folder"
git clone --quiet --no-checkout "$root" "$tmp/boardpaper"
git -C "$tmp/boardpaper" checkout --quiet "$commit"

# The README's first two commands: the first line of each of its first two
# ```sh blocks, without the comment.
mapfile -t commands < <(awk '/^```sh$/ { inside = 1; first = 1; next } /^```/ { inside = 0; next } inside && first { print; first = 0 }' "$tmp/boardpaper/README.md" | head -2 | sed 's/[[:space:]]*#.*$//')
if [ "${#commands[@]}" -ne 2 ]; then echo "fresh-clone-check: the README does not open with two command blocks" >&2; exit 1; fi

cd "$tmp/boardpaper"
for c in "${commands[@]}"; do
  echo "fresh-clone-check: \$ $c"
  # A newcomer's environment: only this PATH, none of CI's switches.
  env -u BOARDPAPER_CI -u BOARDPAPER_WORKERS PATH="$fresh_path" npm_config_prefer_offline=true bash -c "$c" 2>&1 | tee -a "$tmp/log" | tail -40
  status=${PIPESTATUS[0]}
  if [ "$status" -ne 0 ]; then
    cp "$tmp/log" "${TMPDIR:-/tmp}/boardpaper-fresh-clone-check.log"
    echo "fresh-clone-check: FAILED: \`$c\` exited $status in a fresh clone (without ${hidden[*]}); full log: ${TMPDIR:-/tmp}/boardpaper-fresh-clone-check.log" >&2
    exit 1
  fi
done
skipped="$(grep -c 'SKIPPED' "$tmp/log" || true)"
echo "fresh-clone-check: ok — the README's commands pass in a fresh clone ($skipped suite(s) said they were skipped)"
