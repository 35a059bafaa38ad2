# Three images from one file; docker-compose.yml picks the target:
#   app       the worker and the API (the command chooses which)
#   temporal  the Temporal server v1.29.1 built from the Go module proxy, with its schema tool and
#             schemas, run by scripts/cluster/temporal-service.ts exactly as `npm run cluster` runs it

FROM golang:1.25-bookworm AS temporal-build
ARG TEMPORAL_SERVER_VERSION=v1.29.1
ENV CGO_ENABLED=0 GOBIN=/opt/temporal
RUN go install go.temporal.io/server/cmd/server@${TEMPORAL_SERVER_VERSION} \
 && go install go.temporal.io/server/cmd/tools/sql@${TEMPORAL_SERVER_VERSION} \
 && cp -r "$(go env GOMODCACHE)/go.temporal.io/server@${TEMPORAL_SERVER_VERSION}/schema/postgresql/v12" /opt/temporal/schema

FROM node:20-bookworm-slim AS app
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY activities ./activities
COPY api ./api
COPY app ./app
COPY auth ./auth
COPY config ./config
COPY crypto ./crypto
COPY db ./db
COPY domain ./domain
COPY http ./http
COPY idp ./idp
COPY report ./report
COPY scripts ./scripts
COPY server ./server
COPY web ./web
COPY worker ./worker
COPY workflows ./workflows
COPY tsconfig.json ./
# The journal of sent e-mail (README: Backup and restore) lives on a volume mounted here.
RUN mkdir -p /var/lib/udmeld/backups && chown node:node /var/lib/udmeld/backups
USER node
CMD ["npx", "tsx", "server/main.ts"]

FROM app AS temporal
COPY --from=temporal-build /opt/temporal /opt/temporal
ENV TEMPORAL_SERVER_HOME=/opt/temporal TEMPORAL_HOME=/var/lib/temporal
USER root
RUN mkdir -p /var/lib/temporal && chown node:node /var/lib/temporal
USER node
CMD ["npx", "tsx", "scripts/cluster/temporal-service.ts"]

# The default target: the app.
FROM app
