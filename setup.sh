#!/usr/bin/env bash
# Prepares a Debian 12 machine with Rust to build pyjit: installs LLVM 19
# (and the libraries static linking needs) when missing, then unpacks and
# patches the registry crates listed in patches/ (see
# docs/patched-dependencies.md).
set -euo pipefail
cd "$(dirname "$0")"
need=()
[ -x /usr/lib/llvm-19/bin/llvm-config ] || need+=(llvm-19-dev)
dpkg -s libpolly-19-dev >/dev/null 2>&1 || need+=(libpolly-19-dev)
dpkg -s libzstd-dev >/dev/null 2>&1 || need+=(libzstd-dev)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
./patches/apply.sh
