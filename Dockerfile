# syntax=docker/dockerfile:1
# Build with the Maven wrapper (for release 17) and run on Java 25, the current LTS: its C2 compiles the
# engine's Vector API kernels much better than 17's (README, "Benchmarks"). The full JDK image is used at run
# time because the engine's SIMD kernels need the jdk.incubator.vector module, which a JRE image may not carry.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY openapi openapi
RUN ./mvnw -B -q package -DskipTests && cp target/hourglass-*.jar /src/hourglass.jar

FROM eclipse-temurin:25-jdk
RUN useradd --system --uid 10001 --home-dir /app hourglass && mkdir -p /app/data && chown -R hourglass /app
WORKDIR /app
COPY --from=build /src/hourglass.jar /app/hourglass.jar
USER hourglass
EXPOSE 8080
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "-XX:MaxRAMPercentage=75", "-jar", "/app/hourglass.jar"]
