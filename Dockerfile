# keygate in a container, built from this source tree on Debian bookworm.
#   docker build -t keygate .
#   docker run -p 4000:4000 -v "$PWD/keygate.yaml:/etc/keygate/config.yaml:ro" \
#     -e KEYGATE_MASTER_KEY=... -e OPENAI_API_KEY=... keygate
# The stages only call the repository's scripts, which CI runs outside Docker too.

FROM debian:bookworm AS build
WORKDIR /src
COPY scripts/install-deps.sh scripts/
RUN scripts/install-deps.sh && rm -rf /var/lib/apt/lists/*
COPY . .
RUN KEYGATE_BUILD_DIR=/build scripts/build.sh -DKEYGATE_TESTS=OFF \
    && strip /build/keygate

FROM debian:bookworm AS runtime
COPY scripts/install-deps.sh /tmp/install-deps.sh
RUN /tmp/install-deps.sh --runtime && rm -rf /var/lib/apt/lists/* /tmp/install-deps.sh \
    && useradd --system --home-dir /var/lib/keygate --create-home --shell /usr/sbin/nologin keygate \
    && mkdir -p /etc/keygate
COPY --from=build /build/keygate /usr/local/bin/keygate
# A config that runs as is (the built-in mock provider) on 0.0.0.0:4000. Mount yours over it.
# With no key configured keygate will not listen beyond 127.0.0.1, so the port is unreachable
# from outside until the config has auth.master_key or auth.keys (docs/operations.md).
COPY deploy/docker/config.yaml /etc/keygate/config.yaml
USER keygate
WORKDIR /var/lib/keygate
EXPOSE 4000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD curl -fsS http://127.0.0.1:4000/health || exit 1
ENTRYPOINT ["/usr/local/bin/keygate"]
CMD ["--config", "/etc/keygate/config.yaml"]
