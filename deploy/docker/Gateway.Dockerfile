# The WebSocket gateway (an Orleans client of the silos). Build from the repository root:
#   docker build -f deploy/docker/Gateway.Dockerfile -t conversations-gateway:1.0.0 .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first, so that the restore layer is reused while only code changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Grains.Interfaces/Grains.Interfaces.csproj Grains.Interfaces/
COPY Grains/Grains.csproj Grains/
# The gateway takes its web hosting (health, /metrics, dashboard, the embedded silo) from the silo project.
COPY Silo/Silo.csproj Silo/
COPY Gateway/Gateway.csproj Gateway/
RUN dotnet restore Gateway/Gateway.csproj
COPY Grains.Interfaces/ Grains.Interfaces/
COPY Grains/ Grains/
COPY Silo/ Silo/
COPY Gateway/ Gateway/
COPY deploy/sql/ deploy/sql/
RUN dotnet publish Gateway/Gateway.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# Listen on every interface inside the container; Kubernetes sets the same.
ENV Urls=http://+:8080
EXPOSE 8080
# The official images' unprivileged user (UID 1654). Nothing is written to the image's filesystem, so the
# root filesystem can be mounted read-only (give the process a writable /tmp).
USER 1654:1654
# The runtime image has no curl or wget: bash's /dev/tcp asks /health and looks for a 200.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# SIGTERM starts the drain: clients are told to reconnect, then sockets close with 1012.
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "Conversations.Gateway.dll"]
