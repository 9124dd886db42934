# The build stage compiles TypeScript with the development tools; the image keeps only its output,
# so no compiler is installed or loaded at run time.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json vite-web.config.ts ./
COPY src ./src
COPY web ./web
COPY scripts ./scripts
RUN npm run build

FROM node:20-slim
WORKDIR /app
# HOST: a container is reached through its network interface, never its loopback.
# DATA_DIR: the embedded database (no DATABASE_URL) writes where the node user may.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    DATA_DIR=/app/data
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY drizzle ./drizzle
COPY schema.graphql ./
COPY --from=build /app/dist ./dist
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME /app/data
# 4000: the API (serve); 4001: /healthz and /metrics of an ETL worker (etl).
EXPOSE 4000 4001
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=6 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# One image, every role: `serve` (API) by default, `etl` for workers, `migrate` for a one-off.
ENTRYPOINT ["node", "dist/cli.js"]
CMD ["serve"]
