# syntax=docker/dockerfile:1
# The web console: its pages built with Vite, served by its own Node server as `make up` starts it:
#
#   docker build -f docker/web.Dockerfile -t cadre-platform/web:0.1.0 .
#   docker run --rm -p 8080:8080 -e GATEWAY_URL=http://gateway:8080/graphql -e OIDC_ISSUER=... cadre-platform/web:0.1.0
#
# The image keeps the repository's layout under /app: web/server/ and the built web/dist/. The
# server uses Node's standard library only, so no node_modules reach the final image.

ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY web/index.html web/vite.config.ts web/tsconfig.json ./
COPY web/public ./public
COPY web/src ./src
# The console maps an OpenID Connect token's groups with the gateway's rules.
COPY schemas/identity /app/schemas/identity
RUN npm run build

FROM ${NODE_IMAGE}
# npm and its bundled tools are only needed to build; the running server does without them.
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
      /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /opt/yarn-* \
      /usr/local/bin/yarn /usr/local/bin/yarnpkg \
 && groupadd --system --gid 10001 web \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin web
COPY web/package.json /app/web/package.json
COPY web/server /app/web/server
COPY schemas/identity/claim-mapping.json /app/schemas/identity/claim-mapping.json
COPY --from=build /app/web/dist /app/web/dist
ENV NODE_ENV=production \
    WEB_HOST=0.0.0.0 \
    WEB_PORT=8080
WORKDIR /app
USER 10001:10001
EXPOSE 8080
CMD ["node", "web/server/main.mjs"]
