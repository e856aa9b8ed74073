#!/bin/sh
# Installs everything libe911 needs to build and test, from Debian bookworm packages.
# Run as root (or through sudo). Safe to run again: apt skips what is already there.
set -eu
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  cmake make g++ pkg-config \
  libboost-regex-dev nlohmann-json3-dev libyaml-cpp-dev libfyaml-dev libsimdjson-dev libicu-dev \
  libphonenumber-dev libvalijson-dev libcli11-dev libzip-dev libabsl-dev \
  catch2 pybind11-dev python3-dev python3-pytest \
  libbenchmark-dev mypy python3-dask python3-distributed \
  clang-14 libclang-rt-14-dev \
  pre-commit git python3-build python3-wheel python3-setuptools python3-venv \
  chromium libxml2-utils >/dev/null
echo "install-deps: ok"
