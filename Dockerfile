FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY drizzle ./drizzle
COPY src ./src
USER node
EXPOSE 4000
# One image, every role: `serve` (API) by default, `etl` for workers, `migrate` for a one-off.
ENTRYPOINT ["node", "--import", "tsx", "src/cli.ts"]
CMD ["serve"]
