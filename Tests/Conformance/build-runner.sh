#!/usr/bin/env bash
# Builds protobuf's conformance runner from Debian's protobuf source package (3.21.12, the
# code of protobuf's v21.12) into OUT (default .build/conformance), as ../shared/CONFORMANCE.md
# describes: apt's source lists in a scratch folder of their own, so the machine's package
# lists are left alone. Prints the runner's path.
set -euo pipefail
OUT=${1:-.build/conformance}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
RUNNER="$OUT/conformance_test_runner"
if [ -x "$RUNNER" ]; then echo "$RUNNER"; exit 0; fi

APT="$OUT/apt"
mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$APT/none"
sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$APT/deb-src.sources"
OPTIONS=(-o "Dir::Etc::sourcelist=$APT/deb-src.sources" -o "Dir::Etc::sourceparts=$APT/none"
         -o "Dir::State::Lists=$APT/lists" -o "Dir::Cache=$APT/cache")
if ! ls "$APT"/protobuf_3.21.12.orig.tar.gz >/dev/null 2>&1; then
    apt-get "${OPTIONS[@]}" update -qq >&2
    (cd "$APT" && apt-get "${OPTIONS[@]}" source --download-only protobuf >&2)
fi
SRC="$OUT/protobuf-3.21.12"
[ -d "$SRC" ] || tar -xzf "$APT"/protobuf_3.21.12.orig.tar.gz -C "$OUT"

GEN="$OUT/gen"
mkdir -p "$GEN/google/protobuf/stubs"
protoc -I"$SRC/conformance" -I"$SRC/src" --cpp_out="$GEN" conformance.proto \
    google/protobuf/test_messages_proto2.proto google/protobuf/test_messages_proto3.proto
# The runner includes a header libprotobuf-dev does not install.
cp "$SRC/src/google/protobuf/stubs/stringprintf.h" "$GEN/google/protobuf/stubs/"
C="$SRC/conformance"
g++ -std=c++17 -O2 -I"$GEN" -I"$C" -I"$C/third_party/jsoncpp" -o "$RUNNER" \
    "$C/conformance_test_main.cc" "$C/conformance_test_runner.cc" "$C/conformance_test.cc" "$C/binary_json_conformance_suite.cc" \
    "$C/text_format_conformance_suite.cc" "$C/third_party/jsoncpp/jsoncpp.cpp" \
    "$GEN/conformance.pb.cc" "$GEN/google/protobuf/test_messages_proto2.pb.cc" \
    "$GEN/google/protobuf/test_messages_proto3.pb.cc" -lprotobuf -lpthread >&2
echo "$RUNNER"
