# volback's container image: `volback serve` with the Docker socket (docs/install.md, "Compose").
#   mvn -B -q package -DskipTests && docker build -t volback .
# BASE is any image with a Java 17+ `java` on PATH and bash. The tests build on a Debian base made locally
# (scripts/make-base-image.sh), since no registry can be reached there.
ARG BASE=eclipse-temurin:17-jre
FROM ${BASE}

# OCI labels: docker build --build-arg VERSION=0.1.0 --build-arg REVISION=$(git rev-parse HEAD) ...
ARG TITLE=volback
ARG DESCRIPTION="Backs up Docker volumes into a deduplicated, encrypted repository (local folder or S3), restores them and drills their recovery"
ARG SOURCE=""
ARG LICENSES=NOASSERTION
ARG VERSION=dev
ARG REVISION=unknown
LABEL org.opencontainers.image.title="${TITLE}" \
      org.opencontainers.image.description="${DESCRIPTION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="${LICENSES}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}"

# bin/volback is the launcher, with its JVM flags (serial GC, bounded heap, C1 only but for serve,
# class-data archive in ~/.cache/volback). The metadata cache of S3 repositories goes to
# /var/cache/volback, the service's run history to /var/lib/volback.
# One COPY, one layer (each layer is a whole copy of the file system on some storage drivers).
ENV VOLBACK_JAR=/opt/volback/volback.jar \
    VOLBACK_CACHE_DIR=/var/cache/volback \
    PATH=/opt/volback/bin:$PATH
COPY target/volback.jar bin/volback /opt/volback/

SHELL ["/bin/bash", "-c"]
# The class-data archive, made now so that the first start has it: a `serve` with the launcher's
# flags on a throw-away local repository (no Docker host: a warning), asked for its health,
# metrics and API, then stopped; its classes are archived where bin/volback looks for them
# (~/.cache/volback/volback-SIZE-MTIME.jsa of the jar). Runs with no network but loopback.
RUN set -eu; \
    mkdir /opt/volback/bin; mv /opt/volback/volback /opt/volback/bin/volback; chmod 755 /opt/volback/bin/volback; \
    jar=/opt/volback/volback.jar; \
    archive="$HOME/.cache/volback/volback-$(stat -c %s-%Y "$jar").jsa"; \
    mkdir -p "$(dirname "$archive")"; \
    tmp=$(mktemp -d); \
    printf 'image-build\n' >"$tmp/password"; \
    opts="-XX:+UseSerialGC -Xmx128m -Xss512k -Djdk.nio.maxCachedBufferSize=1048576 -XX:ReservedCodeCacheSize=48m -Xlog:disable -Xlog:all=error:stderr"; \
    java $opts -XX:TieredStopAtLevel=1 -jar "$jar" -q -r "$tmp/repo" --password-file "$tmp/password" init >/dev/null; \
    DOCKER_HOST=unix:///nonexistent.sock java $opts -XX:ArchiveClassesAtExit="$archive" -jar "$jar" \
      -r "$tmp/repo" --password-file "$tmp/password" serve --listen 127.0.0.1:18080 --state-dir "$tmp/state" >"$tmp/serve.log" 2>&1 & \
    pid=$!; \
    for i in $(seq 1 120); do grep -q 'listening on' "$tmp/serve.log" && break; sleep 0.5; done; \
    for path in /healthz /readyz /metrics /api/v1/jobs /api/v1/policies /api/v1/runs /api/v1/volumes /api/v1/drills; do \
      exec 3<>/dev/tcp/127.0.0.1/18080; printf 'GET %s HTTP/1.0\r\n\r\n' "$path" >&3; cat <&3 >/dev/null; exec 3<&-; \
    done; \
    kill -TERM "$pid"; wait "$pid" || { cat "$tmp/serve.log" >&2; exit 1; }; \
    test -s "$archive" || { cat "$tmp/serve.log" >&2; echo "no class-data archive made" >&2; exit 1; }; \
    rm -rf "$tmp"

VOLUME ["/var/lib/volback", "/var/cache/volback"]

# /healthz on the port of server.listen (default 8080): set VOLBACK_HEALTH_PORT (and
# VOLBACK_HEALTH_HOST unless it listens on 127.0.0.1 or 0.0.0.0) when the configuration says another.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/${VOLBACK_HEALTH_HOST:-127.0.0.1}/${VOLBACK_HEALTH_PORT:-8080} && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && read -r -t 5 _ code _ <&3 && [ \"$code\" = 200 ]"]

ENTRYPOINT ["/opt/volback/bin/volback"]
CMD ["serve", "--config", "/etc/volback/volback.yml"]
