# One image for the worker and the API (docker-compose.yml chooses the command).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY activities ./activities
COPY api ./api
COPY auth ./auth
COPY client ./client
COPY codec ./codec
COPY config ./config
COPY db ./db
COPY domain ./domain
COPY report ./report
COPY scripts ./scripts
COPY web ./web
COPY worker ./worker
COPY workflows ./workflows
COPY tsconfig.json ./
USER node
CMD ["npx", "tsx", "api/main.ts"]
