# syntax=docker/dockerfile:1
# The federation gateway (Hive Gateway), started as `make up` starts it:
#
#   docker build -f docker/gateway.Dockerfile -t cadre-platform/gateway:0.1.0 .
#   docker run --rm -p 8080:8080 -e JWT_PUBLIC_KEY=... cadre-platform/gateway:0.1.0
#
# The image keeps the repository's layout under /app: gateway/ with its node modules, and the
# checked-in supergraph in schemas/exported/, the claim mapping in schemas/identity/.

ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app/gateway
COPY gateway/package.json gateway/package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error
COPY gateway/*.mjs gateway/*.ts ./
COPY schemas/exported /app/schemas/exported
# The claim mapping of people's OpenID Connect tokens (docs/identity.md).
COPY schemas/identity /app/schemas/identity

FROM ${NODE_IMAGE}
# npm and its bundled tools are only needed to install; the running gateway does without them.
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
      /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /opt/yarn-* \
      /usr/local/bin/yarn /usr/local/bin/yarnpkg \
 && groupadd --system --gid 10001 gateway \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin gateway
COPY --from=build /app /app
ENV NODE_ENV=production \
    GATEWAY_PORT=8080 \
    SUPERGRAPH_PATH=/app/schemas/exported/supergraph.graphql
WORKDIR /app
USER 10001:10001
EXPOSE 8080
CMD ["node", "gateway/serve.mjs", "supergraph", "/app/schemas/exported/supergraph.graphql", "--host", "0.0.0.0", "--port", "8080"]
