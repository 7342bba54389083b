# syntax=docker/dockerfile:1

# ---- build: restore (cached on the project files alone), then publish
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/PilotReadiness.Domain/PilotReadiness.Domain.csproj src/PilotReadiness.Domain/
COPY src/PilotReadiness.Web/PilotReadiness.Web.csproj src/PilotReadiness.Web/
RUN dotnet restore src/PilotReadiness.Web/PilotReadiness.Web.csproj
COPY src/ src/
RUN dotnet publish src/PilotReadiness.Web/PilotReadiness.Web.csproj \
    -c Release -o /app --no-restore -p:UseAppHost=false

# ---- runtime: ASP.NET Core only, non-root
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
ENV ASPNETCORE_HTTP_PORTS=8080
COPY --from=build /app .
# APP_UID is the non-root "app" user defined by the .NET base images.
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["dotnet", "PilotReadiness.Web.dll"]
