#!/usr/bin/env bash
# Unpacks the registry crates that pyjit patches into .patched/ and applies
# our patch files to them; Cargo.toml's [patch.crates-io] points there.
# Why each patch exists: docs/patched-dependencies.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# Download the exact .crate files (the lock file pins them).
cargo fetch --locked --manifest-path patches/fetch/Cargo.toml >/dev/null
cache="${CARGO_HOME:-$HOME/.cargo}/registry/cache"
mkdir -p .patched
for p in patches/*.patch; do
  name=$(basename "$p" .patch)
  dest=.patched/$name
  stamp=$(sha256sum "$p" | cut -d' ' -f1)
  if [ -f "$dest/.pyjit-patch" ] && [ "$(cat "$dest/.pyjit-patch")" = "$stamp" ]; then
    continue
  fi
  crate=$(find "$cache" -name "$name.crate" | head -n 1)
  [ -n "$crate" ] || { echo "apply.sh: $name.crate not in the cargo cache" >&2; exit 1; }
  rm -rf "$dest"
  tar xzf "$crate" -C .patched
  patch -s -d "$dest" -p2 < "$p"
  echo "$stamp" > "$dest/.pyjit-patch"
  echo "patched $name"
done
