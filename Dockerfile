# syntax=docker/dockerfile:1
# deskpulse in a container: the app built once in a build stage, served by a runtime stage that
# holds only production dependencies and never rebuilds. Run it behind a TLS proxy (docs/deploy.md):
#   docker build -t deskpulse .
#   docker run -d --name deskpulse -p 127.0.0.1:3000:3000 -v deskpulse-data:/data \
#     -e DESKPULSE_PUBLIC_URL=https://deskpulse.example.com -e DESKPULSE_TRUST_PROXY=1 deskpulse

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx vite build --logLevel warn

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# The built server keeps everything in `dependencies` external (DuckDB's native binding among
# them); the command line (bin/deskpulse.js, also the demo seeder) runs src/ through tsx.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/build ./build
COPY bin ./bin
COPY src ./src
COPY sql ./sql
COPY seeds ./seeds
COPY docs/mappings ./docs/mappings
# The app's files stay owned by root, so the app user can read but not change them; it writes
# only to /data: the database, its write-ahead log, DuckDB's spill folder and the uploads.
RUN mkdir -p /data && chown node:node /data
VOLUME /data
# DESKPULSE_NO_BUILD: serve the build above; bin/start.js would otherwise compare it with the
# sources' times (and could not write build/ as the node user anyway).
# HOST=0.0.0.0: the container's port must be reachable, so sign-in is on (DESKPULSE_AUTH).
# DESKPULSE_DEMO=off: a team's server starts empty; set it to on to try the demo data set.
ENV DESKPULSE_NO_BUILD=1 \
    DESKPULSE_DB=/data/deskpulse.duckdb \
    DESKPULSE_DEMO=off \
    DESKPULSE_AUTH=on \
    HOST=0.0.0.0 \
    PORT=3000
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/v1/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "bin/start.js"]
