#!/usr/bin/env bash
# kcat signs in to Kafka 4 with SCRAM only on librdkafka 2.6.1 or newer (older ones repeat the client nonce,
# which Kafka 4 rightly refuses). Debian 12's kcat links librdkafka 2.0.2, so this builds librdkafka 2.8.0
# from Debian 13's source package into .tools/librdkafka and puts a kcat wrapper that uses it in .tools/bin.
# Usage: bash .ci/librdkafka.sh   (then put .tools/bin first on PATH; .ci/run does both)
set -euo pipefail
cd "$(dirname "$0")/.."

version=2.8.0
sha256=5bd1c46f63265f31c6bfcedcde78703f77d28238eadf23821c2b43fc30be3e25
prefix="$PWD/.tools/librdkafka"
if [ ! -f "$prefix/lib/librdkafka.so.1" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  echo "building librdkafka $version for kcat (about a minute)"
  curl -fsSL -o "$work/src.tgz" "https://deb.debian.org/debian/pool/main/libr/librdkafka/librdkafka_${version}.orig.tar.gz"
  echo "$sha256  $work/src.tgz" | sha256sum -c --quiet
  tar -xzf "$work/src.tgz" -C "$work"
  (
    cd "$work/librdkafka-$version"
    ./configure --prefix="$prefix" --disable-gssapi --disable-zstd --disable-lz4-ext --disable-curl >"$work/configure.log" 2>&1 ||
      { tail -20 "$work/configure.log"; exit 1; }
    make -j"$(nproc)" -C src >"$work/make.log" 2>&1 || { tail -20 "$work/make.log"; exit 1; }
    make -C src install >/dev/null
  )
fi
mkdir -p .tools/bin
cat >.tools/bin/kcat <<WRAPPER
#!/bin/sh
LD_LIBRARY_PATH="$prefix/lib\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}" exec /usr/bin/kcat "\$@"
WRAPPER
chmod +x .tools/bin/kcat
.tools/bin/kcat -V | grep -o 'librdkafka [0-9.]*'
