#!/usr/bin/env bash
# Builds the libsrtp side of the SRTP benchmark (src/main/c/srtp_bench.c) twice, into target/srtp-reference/:
#
#   srtp-bench-nss      against Debian's libsrtp2-dev, which Debian builds on NSS (slow on AES-CM);
#   srtp-bench-openssl  against libsrtp from Debian's own source package (apt-get source libsrtp2, the same
#                       version as the installed libsrtp2-dev), configured with --enable-openssl and
#                       Debian's compiler flags, installed into target/srtp-reference/libsrtp-openssl/ and
#                       linked statically. This is the fair reference (PERFORMANCE.md, SRTP).
#
# Installs what is missing with apt-get (root or sudo): libsrtp2-dev, libssl-dev, build-essential,
# pkg-config, dpkg-dev. apt-get source needs a deb-src entry: if none is configured, this adds
# /etc/apt/sources.list.d/rivulet-deb-src.sources (or .list), mirroring the configured Debian entries.
#
# Usage: benchmarks/srtp-reference.sh build
#        benchmarks/srtp-reference.sh run [run-seconds] [warm-up-seconds] [runs]   (build, then run both)
# Maven never runs this; everything it writes is under benchmarks/target/.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out="$here/target/srtp-reference"
prefix="$out/libsrtp-openssl"
harness="$here/src/main/c/srtp_bench.c"
cflags=(-O2 -std=c11 -Wall -Wextra -Werror)

log() { echo "srtp-reference: $*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    log "needs root (or sudo) for: $*"
    exit 1
  fi
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

apt_updated=0
apt_update() {
  if [ "$apt_updated" = 0 ]; then
    as_root apt-get update -qq
    apt_updated=1
  fi
}

install_packages() {
  local missing=()
  for p in libsrtp2-dev libssl-dev build-essential pkg-config dpkg-dev; do
    installed "$p" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]}"
    apt_update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
}

# True when some enabled apt source already has deb-src.
have_deb_src() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] && grep -qE '^[[:space:]]*deb-src[[:space:]]' "$f" && return 0
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && grep -qiE '^Types:.*deb-src' "$f" && return 0
  done
  return 1
}

# Adds deb-src twins of the configured Debian "deb" entries (deb822 stanzas and one-line entries alike).
add_deb_src() {
  local stanzas="" lines="" found f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    found=$(awk 'BEGIN { RS = ""; ORS = "\n\n" }
      /(^|\n)Types:[^\n]*deb/ && /(^|\n)URIs:[^\n]*debian/ && !/(^|\n)Enabled:[[:space:]]*no/ {
        sub(/(^|\n)Types:[^\n]*/, "\nTypes: deb-src"); sub(/^\n/, ""); print }' "$f")
    [ -z "$found" ] || stanzas+="$found"$'\n\n'
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    found=$(sed -nE 's/^[[:space:]]*deb[[:space:]]+(.*debian.*)$/deb-src \1/p' "$f")
    [ -z "$found" ] || lines+="$found"$'\n'
  done
  if [ -n "$stanzas" ]; then
    log "adding /etc/apt/sources.list.d/rivulet-deb-src.sources"
    printf '%s' "$stanzas" | as_root tee /etc/apt/sources.list.d/rivulet-deb-src.sources >/dev/null
  elif [ -n "$lines" ]; then
    log "adding /etc/apt/sources.list.d/rivulet-deb-src.list"
    printf '%s' "$lines" | as_root tee /etc/apt/sources.list.d/rivulet-deb-src.list >/dev/null
  else
    log "no Debian apt source found to mirror as deb-src"
    exit 1
  fi
  apt_updated=0
  apt_update
}

build_openssl_libsrtp() {
  local version stamp src dir
  version=$(dpkg-query -W -f='${Version}' libsrtp2-dev)
  stamp="$prefix/.debian-source-version"
  if [ -f "$prefix/lib/libsrtp2.a" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$version" ]; then
    return
  fi
  have_deb_src || add_deb_src
  src="$out/libsrtp-source"
  rm -rf "$src" "$prefix"
  mkdir -p "$src"
  # apt downloads as its unprivileged user _apt when that user may write the directory.
  if [ "$(id -u)" = 0 ] && id _apt >/dev/null 2>&1; then
    chown _apt "$src"
  fi
  log "apt-get source libsrtp2=$version"
  (cd "$src" && apt-get source -qq "libsrtp2=$version" >&2) || {
    apt_update
    (cd "$src" && apt-get source -qq "libsrtp2=$version" >&2)
  }
  dir=$(find "$src" -mindepth 1 -maxdepth 1 -type d | head -n 1)
  log "building $(basename "$dir") with --enable-openssl into $prefix"
  (
    cd "$dir"
    # The compiler flags of Debian's debian/rules (2.5.0-3: -O2 swapped for -O4 -fexpensive-optimizations
    # -funroll-loops, plus -D_REENTRANT; its other configure options are no-ops in 2.5), so that the
    # crypto backend is the only difference from Debian's NSS build.
    ./configure -q --enable-openssl --prefix="$prefix" \
      CFLAGS="$(DEB_CFLAGS_MAINT_STRIP=-O2 \
        DEB_CFLAGS_MAINT_APPEND='-D_REENTRANT -O4 -fexpensive-optimizations -funroll-loops' \
        dpkg-buildflags --get CFLAGS)" \
      CPPFLAGS="$(dpkg-buildflags --get CPPFLAGS)" LDFLAGS="$(dpkg-buildflags --get LDFLAGS)" >&2
    make -s -j"$(nproc)" libsrtp2.a >&2
    make -s install >&2
  )
  if ! nm "$prefix/lib/libsrtp2.a" 2>/dev/null | grep 'EVP_aes_128_ctr' >/dev/null; then
    log "$prefix/lib/libsrtp2.a does not use OpenSSL's AES"
    exit 1
  fi
  echo "$version" >"$stamp"
}

build() {
  install_packages
  mkdir -p "$out"
  build_openssl_libsrtp
  # shellcheck disable=SC2046  # pkg-config output is a list of words
  cc "${cflags[@]}" "$harness" -o "$out/srtp-bench-nss" $(pkg-config --cflags --libs libsrtp2)
  if ! ldd "$out/srtp-bench-nss" | grep libnss3 >/dev/null; then
    log "Debian's libsrtp2 does not link NSS here; the NSS label would be wrong"
    exit 1
  fi
  # shellcheck disable=SC2046
  cc "${cflags[@]}" -I"$prefix/include" "$harness" -o "$out/srtp-bench-openssl" \
    "$prefix/lib/libsrtp2.a" $(pkg-config --libs libcrypto)
  log "built $out/srtp-bench-nss and $out/srtp-bench-openssl" \
    "(libsrtp2 $(dpkg-query -W -f='${Version}' libsrtp2-dev), OpenSSL $(pkg-config --modversion libcrypto))"
}

case "${1:-build}" in
  build)
    build
    ;;
  run)
    shift
    build
    echo "# libsrtp + OpenSSL"
    "$out/srtp-bench-openssl" "$@"
    echo "# libsrtp + NSS (Debian)"
    "$out/srtp-bench-nss" "$@"
    ;;
  *)
    echo "usage: $0 build | run [run-seconds] [warm-up-seconds] [runs]" >&2
    exit 2
    ;;
esac
