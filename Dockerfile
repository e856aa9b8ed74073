# e911 in a small Debian bookworm image:
#   docker build -t e911 .
#   docker run --rm -v "$PWD:/repo" e911 lint voice/main.yaml
# Stage 1 builds the CLI (Release, no tests, no Python); stage 2 holds the binary, the schema and
# exactly the shared libraries it links (found with ldd + dpkg -S, so the list cannot go stale).
FROM debian:bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends cmake make g++ pkg-config \
      libboost-regex-dev nlohmann-json3-dev libyaml-cpp-dev libfyaml-dev libsimdjson-dev libicu-dev libphonenumber-dev libvalijson-dev libcli11-dev libabsl-dev libzip-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY CMakeLists.txt ./
COPY cmake cmake
COPY libe911 libe911
COPY cli cli
COPY schemas schemas
COPY docs/rules docs/rules
RUN cmake -S . -B /build -DCMAKE_BUILD_TYPE=Release -DE911_BUILD_TESTS=OFF -DE911_BUILD_PYTHON=OFF \
 && cmake --build /build -j"$(nproc)" --target e911_cli \
 && cmake --install /build --prefix /opt/e911 --strip \
 && for lib in $(ldd /opt/e911/bin/e911 | awk '/=> \//{print $3}'); do \
      dpkg -S "$(realpath "$lib")" 2>/dev/null || dpkg -S "/usr$(realpath "$lib")" 2>/dev/null || dpkg -S "$lib"; \
    done | cut -d: -f1 | sort -u > /opt/e911/runtime-packages \
 && /opt/e911/bin/e911 --version

FROM debian:bookworm-slim
COPY --from=build /opt/e911/runtime-packages /tmp/runtime-packages
RUN apt-get update \
 && apt-get install -y --no-install-recommends $(cat /tmp/runtime-packages) \
 && rm -rf /var/lib/apt/lists/* /tmp/runtime-packages
COPY --from=build /opt/e911/bin/e911 /usr/local/bin/e911
COPY --from=build /opt/e911/share/e911 /usr/local/share/e911
WORKDIR /repo
ENTRYPOINT ["e911"]
CMD ["--help"]
