#!/usr/bin/env bash
# Install code-server (VS Code OSS in a browser) plus Debian's Chromium so the
# extension-host test suite can run in a real VS Code on CI machines that
# cannot download VS Code desktop.
#
# Idempotent and non-interactive. Installs into a cache folder outside the repo:
#   BOARDPAPER_CODE_SERVER_DIR   (default: $HOME/.cache/boardpaper-code-server)
#   BOARDPAPER_CODE_SERVER_VERSION (default: 4.100.3 — the last npm release on Node 20)
#   BOARDPAPER_SKIP_APT=1        skip the apt-get step (packages already present)
#
# On success it prints the code-server binary path as its last line:
#   CODE_SERVER_BIN=<dir>/node_modules/.bin/code-server
#
# See test/vscode/runner/README.md for the why of each step.
set -euo pipefail

VERSION="${BOARDPAPER_CODE_SERVER_VERSION:-4.100.3}"
DIR="${BOARDPAPER_CODE_SERVER_DIR:-${HOME:-/root}/.cache/boardpaper-code-server}"
# @vscode/ripgrep version nested inside code-server 4.100.3 (lib/vscode) and the
# ripgrep release it wants; only the cache file name depends on these.
RG_PKG_VERSION="${BOARDPAPER_VSCODE_RIPGREP_VERSION:-1.15.11}"
RG_RELEASE="v13.0.0-10"
APT_PACKAGES=(libkrb5-dev build-essential python3 pkg-config chromium ripgrep)

export CI="${CI:-true}"
export DEBIAN_FRONTEND=noninteractive

log() { printf '[install-code-server] %s\n' "$*" >&2; }
die() { printf '[install-code-server] ERROR: %s\n' "$*" >&2; exit 1; }
trap 'rc=$?; [ $rc -ne 0 ] && printf "[install-code-server] FAILED (exit %s) at line %s: %s\n" "$rc" "$LINENO" "$BASH_COMMAND" >&2' ERR

start_ts=$(date +%s)

# ---------------------------------------------------------------- preflight
command -v node >/dev/null || die "node is not on PATH (need Node 20)"
command -v npm  >/dev/null || die "npm is not on PATH"
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$VERSION" = "4.100.3" ] && [ "$node_major" != "20" ]; then
  die "code-server $VERSION needs Node 20 (engines.node = 20); found $(node -v)"
fi

# ---------------------------------------------------------------- apt packages
if [ "${BOARDPAPER_SKIP_APT:-0}" != "1" ]; then
  missing=()
  for p in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    command -v apt-get >/dev/null || die "apt-get not found; install manually: ${missing[*]}"
    SUDO=""
    if [ "$(id -u)" != "0" ]; then
      command -v sudo >/dev/null || die "not root and no sudo; install manually: ${missing[*]}"
      SUDO="sudo -n"
    fi
    log "apt-get update (missing packages: ${missing[*]})"
    $SUDO apt-get update -qq </dev/null || die "apt-get update failed"
    log "apt-get install ${missing[*]}"
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null \
      || die "apt-get install ${missing[*]} failed"
  else
    log "apt packages already present: ${APT_PACKAGES[*]}"
  fi
fi
command -v rg >/dev/null || die "ripgrep (rg) not found after apt step"
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium not found after apt step"
[ -d /usr/include/node ] || die "/usr/include/node missing: node-gyp needs Node headers (npm_config_nodedir=/usr)"

# ---------------------------------------------------------------- one install at a time
mkdir -p "$(dirname "$DIR")"
if command -v flock >/dev/null; then
  exec 9>"$DIR.lock"
  flock -w 900 9 || die "timed out waiting for another install holding $DIR.lock"
fi

# ---------------------------------------------------------------- already installed?
BIN="$DIR/node_modules/.bin/code-server"
MARKER="$DIR/.boardpaper-installed"
# `code-server --version` writes a default config (and a first-run log line on
# stdout) into XDG dirs: point those at a throwaway folder.
cs_version() {
  local x v
  x=$(mktemp -d)
  v=$(XDG_CONFIG_HOME="$x/config" XDG_DATA_HOME="$x/data" "$BIN" --version </dev/null 2>/dev/null \
        | grep -oE '^[0-9]+\.[0-9]+\.[0-9]+ ' | head -n1 | tr -d ' ') || true
  rm -rf "$x"
  printf '%s' "$v"
}
installed_ok() {
  [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$VERSION" ] && [ -x "$BIN" ] || return 1
  [ "$(cs_version)" = "$VERSION" ]
}
if installed_ok; then
  log "code-server $VERSION already installed in $DIR (skipping npm install)"
  log "done in $(( $(date +%s) - start_ts ))s"
  echo "CODE_SERVER_BIN=$BIN"
  exit 0
fi

# ---------------------------------------------------------------- ripgrep trap
# @vscode/ripgrep's postinstall downloads rg from GitHub unless this cache file
# exists; put Debian's rg in it (as `rg` at the archive root).
TMP_BASE=$(node -p 'require("os").tmpdir()')
case "$(node -p 'process.arch')" in
  x64)   RG_TARGET=x86_64-unknown-linux-musl ;;
  arm64) RG_TARGET=aarch64-unknown-linux-musl ;;
  *) die "unsupported arch $(node -p 'process.arch') for the ripgrep cache trick" ;;
esac
RG_CACHE_DIR="$TMP_BASE/vscode-ripgrep-cache-$RG_PKG_VERSION"
RG_TARBALL="$RG_CACHE_DIR/ripgrep-$RG_RELEASE-$RG_TARGET.tar.gz"
if [ ! -s "$RG_TARBALL" ]; then
  log "building $RG_TARBALL from $(command -v rg)"
  mkdir -p "$RG_CACHE_DIR"
  stage=$(mktemp -d)
  cp "$(command -v rg)" "$stage/rg"
  chmod 755 "$stage/rg"
  tar -C "$stage" -czf "$RG_TARBALL.tmp" rg
  mv "$RG_TARBALL.tmp" "$RG_TARBALL"
  rm -rf "$stage"
else
  log "ripgrep cache tarball present: $RG_TARBALL"
fi

# ---------------------------------------------------------------- npm install
log "installing code-server@$VERSION into $DIR (takes ~1.5 min, ~300 MB)"
rm -rf "$DIR"
mkdir -p "$DIR"
cat > "$DIR/package.json" <<EOF
{ "name": "boardpaper-code-server-cache", "private": true, "version": "0.0.0" }
EOF
LOG_FILE="$DIR/npm-install.log"
export npm_config_yes=true          # node-pty's postinstall runs `npx node-gyp`
export npm_config_nodedir=/usr      # headers from /usr/include/node, no download
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
if ! (cd "$DIR" && npm install --no-save --unsafe-perm --no-package-lock \
        "code-server@$VERSION" </dev/null >"$LOG_FILE" 2>&1); then
  tail -n 60 "$LOG_FILE" >&2 || true
  if grep -q 'vscode-ripgrep\|api.github.com' "$LOG_FILE"; then
    log "hint: the nested @vscode/ripgrep tried to download; check its version in"
    log "      $DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/package.json"
    log "      and set BOARDPAPER_VSCODE_RIPGREP_VERSION (now $RG_PKG_VERSION)"
  fi
  die "npm install code-server@$VERSION failed; full log: $LOG_FILE"
fi

[ -x "$BIN" ] || die "npm install finished but $BIN is missing (see $LOG_FILE)"
RG_BIN=$(find "$DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin" -name rg 2>/dev/null | head -n1 || true)
[ -n "$RG_BIN" ] || die "code-server's bundled @vscode/ripgrep has no bin/rg (see $LOG_FILE)"
PTY=$(find "$DIR/node_modules/code-server/lib/vscode/node_modules/node-pty" -name 'pty.node' 2>/dev/null | head -n1 || true)
[ -n "$PTY" ] || log "warning: node-pty native module not found; integrated terminal will not work (tests do not need it)"
got=$(cs_version)
[ "$got" = "$VERSION" ] || die "installed code-server reports version '$got', expected $VERSION"
echo "$VERSION" > "$MARKER"

log "code-server $got installed in $DIR"
log "done in $(( $(date +%s) - start_ts ))s"
echo "CODE_SERVER_BIN=$BIN"
