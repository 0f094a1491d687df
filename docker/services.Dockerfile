# syntax=docker/dockerfile:1
# One image for the three Python services and their jobs; its argument names the module to run,
# exactly as `make up` runs it (`python -m services.<name>`):
#
#   docker build -f docker/services.Dockerfile -t cadre-platform/services:0.1.0 .
#   docker run --rm cadre-platform/services:0.1.0 services.indicator
#
# The Kubernetes manifests pass the same arguments: services.<name>, services.<name>.migrate,
# services.development.retrain.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /build
COPY requirements.lock pyproject.toml docker/runtime_requirements.py ./
# Wheels only: nothing is compiled, so the build needs no compiler either. pip itself leaves the
# virtualenv once it has installed everything.
RUN python runtime_requirements.py requirements.lock pyproject.toml > runtime-requirements.txt \
 && python -m venv /opt/venv \
 && /opt/venv/bin/pip install --no-deps --only-binary=:all: -r runtime-requirements.txt \
 && /opt/venv/bin/python -m pip uninstall --yes pip setuptools
# The services run from their source tree, not from an installed wheel: Alembic's env.py, its
# versions and script template, and the exported schemas are not Python packages and would not
# be in a wheel.
COPY pyproject.toml /app/
COPY schemas /app/schemas
COPY services /app/services
# Compiled now, because at run time the root filesystem is read-only.
RUN /opt/venv/bin/python -m compileall -q /app/schemas /app/services

FROM ${PYTHON_IMAGE}
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin app
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    APP_ENV=production \
    SERVICE_HOST=0.0.0.0 \
    SERVICE_PORT=8080
WORKDIR /app
# Numeric, so that Kubernetes can verify runAsNonRoot without reading /etc/passwd.
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["python", "-m"]
