# syntax=docker/dockerfile:1
# One image per service, built from the repository:
#   docker build --build-arg SERVICE=stock-reservation -t orderpool/stock-reservation .
# SERVICE: order-intake, fraud-check, stock-reservation, shipping-scheduler, carrier-sink, shop-sync, ops-dashboard.

FROM eclipse-temurin:17-jdk AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN test -n "${SERVICE}" \
 && ./mvnw -B -q --no-transfer-progress install -DskipTests -pl "${SERVICE}" -am \
 && cp "${SERVICE}/target/${SERVICE}-"*"-exec.jar" /app.jar

FROM eclipse-temurin:17-jre
ARG SERVICE
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system orderpool \
 && useradd --system --gid orderpool --home-dir /var/lib/orderpool --shell /usr/sbin/nologin orderpool \
 && mkdir -p /var/lib/orderpool \
 && chown orderpool:orderpool /var/lib/orderpool
COPY --from=build /app.jar /app/app.jar
USER orderpool
WORKDIR /var/lib/orderpool
ENV SERVER_PORT=8080 \
    ORDERPOOL_STATE_DIR=/var/lib/orderpool \
    SERVICE_NAME=${SERVICE}
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD curl -fsS "http://localhost:${SERVER_PORT}/actuator/health" || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
