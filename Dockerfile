# syntax=docker/dockerfile:1
# Two images from one file (docker-compose.yml builds both):
#   docker build --target backend .   the app under gunicorn, non-root, no compilers
#   docker build --target nginx .     nginx with the React build
# Each stage copies what changes least first, so a code change rebuilds only its last layers.

# ---- The React build ----
FROM node:20-slim AS spa
WORKDIR /frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

# ---- Wheels of the Python dependencies, built apart so no build tool reaches the backend ----
FROM python:3.11-slim AS wheels
WORKDIR /build
# setup.cfg is the one place dependencies are declared; only its list is read here, so
# editing the code (or the README setup.cfg points at) reuses this layer.
COPY setup.cfg ./
RUN python -c "import configparser; c = configparser.ConfigParser(); c.read('setup.cfg'); print(c['options']['install_requires'])" > requirements.txt \
    && pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt

# ---- The API: gunicorn + ticketsvc ----
FROM python:3.11-slim AS backend
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin ticketsvc
# Mounted, not copied: the wheels leave no layer behind.
RUN --mount=type=bind,from=wheels,source=/wheels,target=/wheels \
    pip install --no-cache-dir --no-index --find-links=/wheels /wheels/*.whl
# The package is imported from /app, not installed: create_app finds migrations/ beside
# ticketsvc/ (PROJECT_ROOT), and the files stay root-owned, read-only to the app.
WORKDIR /app
COPY migrations/ migrations/
COPY wsgi.py gunicorn.conf.py ./
COPY ticketsvc/ ticketsvc/
USER ticketsvc
EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"]

# ---- nginx: the SPA and the /api/ proxy ----
FROM nginx:1.28-alpine AS nginx
# nginx.conf keeps every file nginx writes under /tmp/nginx/, so it runs unprivileged;
# it includes no conf.d/, and without default.conf the image's entrypoint edits nothing.
RUN rm /etc/nginx/conf.d/default.conf \
    && mkdir /tmp/nginx && chown nginx:nginx /tmp/nginx
COPY nginx/nginx.conf /etc/nginx/nginx.conf
COPY --from=spa /frontend/dist /usr/share/nginx/html
USER nginx
EXPOSE 3000
