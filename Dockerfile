# syntax=docker/dockerfile:1
# The ledger API. Build: compile TypeScript with the dev dependencies; runtime: production dependencies only, as the
# unprivileged `node` user of the official image.

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No scripts: `prepare` builds, and the sources are copied below.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
COPY events ./events
COPY projections ./projections
COPY test ./test
RUN npm run build

FROM node:20-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts at runtime: nothing we ship needs one (pg, @grpc/grpc-js and the EventStoreDB client are plain JS).
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
# The embedded PostgreSQL (used only without DATABASE_URL) keeps its data under ./.data, which `node` must own.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/main.js"]
