# Production image: gunicorn (web), Celery worker and beat all run from it (docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VAR_DIR=/app/var

WORKDIR /app
RUN useradd --system --home-dir /app --shell /usr/sbin/nologin app
# pg_dump and pg_restore for `manage.py sicherung_erstellen` / `sicherung_einspielen`.
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client \
 && rm -rf /var/lib/apt/lists/*

COPY requirements.lock .
RUN pip install --no-cache-dir --require-hashes -r requirements.lock

COPY . .
# Static files are collected (hashed, compressed) into the image; WhiteNoise serves them.
# The values below only let the settings load for this build step.
RUN DEBUG=0 SECRET_KEY="build-only-$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" ALLOWED_HOSTS=build DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    CELERY_BROKER_URL=memory:// EMAIL_HOST=build DEFAULT_FROM_EMAIL=build@example.org \
    SITE_URL=https://build.example.org python manage.py collectstatic --noinput \
 && mkdir -p /app/var/media && chown -R app /app/var

USER app
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
