"""Settings for every environment, read from environment variables (see .env.example).

`make run` and `make test` set DEBUG=1 for the embedded run (SQLite, filesystem broker, mails in
a folder). Production sets DEBUG=0 and must provide the variables named in REQUIRED_IN_PRODUCTION.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF

from config.env import env_bool, env_int, env_list, env_str, load_dotenv, require

BASE_DIR = Path(__file__).resolve().parent.parent
load_dotenv(BASE_DIR / ".env")

# pytest (>= 8.2) sets PYTEST_VERSION; the test run keeps its own database file and broker
# folder so that a running `make run` worker never picks up a test's task.
TESTING = "PYTEST_VERSION" in os.environ
VAR_DIR = Path(env_str("VAR_DIR") or BASE_DIR / ("var/test" if TESTING else "var"))
# Parallel test processes (pytest-xdist: gw0, gw1, …) each keep their own files, database file
# and broker, so that a worker one test starts never takes another process's task. The
# workers and beats the tests start inherit these variables and land in the same place.
TESTPROZESS = os.environ.get("PYTEST_XDIST_WORKER", "") if TESTING else ""
if TESTPROZESS:
    VAR_DIR = VAR_DIR / TESTPROZESS

DEBUG = env_bool("DEBUG", TESTING)

REQUIRED_IN_PRODUCTION = [
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "EMAIL_HOST",
    "DEFAULT_FROM_EMAIL",
    "SITE_URL",
]
if not DEBUG:
    require(REQUIRED_IN_PRODUCTION)

SECRET_KEY = env_str("SECRET_KEY") or "nur-fuer-die-entwicklung-" + "x" * 40
if not DEBUG:
    schwach_weil = (
        "der Beispielwert aus .env.example"
        if SECRET_KEY == "bitte-durch-einen-langen-zufallswert-ersetzen"  # noqa: S105 (refused)
        or SECRET_KEY.startswith("nur-fuer-die-entwicklung")
        else f"zu kurz ({len(SECRET_KEY)} Zeichen, mindestens 50)"
        if len(SECRET_KEY) < 50
        else "zu gleichförmig (weniger als 10 verschiedene Zeichen)"
        if len(set(SECRET_KEY)) < 10
        else ""
    )
    if schwach_weil:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"SECRET_KEY ist {schwach_weil}. Bitte einen langen Zufallswert setzen: "
            'python3 -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Absolute base address for links in e-mails (no request exists in a Celery task).
SITE_URL = (env_str("SITE_URL") or "http://127.0.0.1:8000").rstrip("/")
# Shown in the header and on documents; the city is configuration, not code.
STADT_NAME = env_str("STADT_NAME") or ""

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "axes",
    "csp",
    "rules",
    "import_export",
    "simple_history",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # The rooms, bottom to top (docs/architektur.md); each imports only from rooms below it.
    "core",
    "stammdaten",
    "notifications",
    "freigabe",
    "massnahmen",
    "empfehlungen",
    "wirkung",
    "weltcafe",
    "strategiepapier",
    "controlling",
    "ratsinfo",
    "transparenz",
    "api",
    "start",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.sitzung.SitzungMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "core.protokoll.AnfrageMerken",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "start.context_processors.navigation",
                "notifications.context_processors.ungelesen",
            ],
        },
    },
]

# Inputs, selects and text areas written in Python, the same HTML as Django's templates.
FORM_RENDERER = "core.formular.Renderer"

# --- Database ------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # Web and worker write to the same file: WAL and IMMEDIATE transactions avoid
    # "database is locked"; the test database is a file so a worker process can share it.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "stammdaten.User"

# --- Sign-in and sessions ---------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # The city's directory first (does nothing without LDAP_SERVER_URI), then local accounts.
    "stammdaten.verzeichnis.VerzeichnisBackend",
    # Rule names are no model permissions: answered without ModelBackend's two queries.
    "core.rechte.NurEchteModellrechte",
    "django.contrib.auth.backends.ModelBackend",
]
# --- Sign-in through the directory (LDAP / Active Directory; stammdaten/verzeichnis.py) ---
LDAP_SERVER_URI = env_str("LDAP_SERVER_URI") or ""  # ldaps://ad.stadt.example or ldap://…
LDAP_STARTTLS = env_bool("LDAP_STARTTLS", False)
LDAP_TLS_PRUEFEN = env_bool("LDAP_TLS_PRUEFEN", True)
LDAP_TLS_CA_DATEI = env_str("LDAP_TLS_CA_DATEI") or ""
LDAP_BIND_DN = env_str("LDAP_BIND_DN") or ""
LDAP_BIND_PASSWORT = env_str("LDAP_BIND_PASSWORT") or ""
LDAP_BENUTZER_BASIS = env_str("LDAP_BENUTZER_BASIS") or ""
LDAP_BENUTZER_FILTER = env_str("LDAP_BENUTZER_FILTER") or "(sAMAccountName={username})"
LDAP_GRUPPEN_BASIS = env_str("LDAP_GRUPPEN_BASIS") or LDAP_BENUTZER_BASIS
LDAP_GRUPPEN_FILTER = env_str("LDAP_GRUPPEN_FILTER") or "(member={dn})"
LDAP_ATTR_BENUTZERNAME = env_str("LDAP_ATTR_BENUTZERNAME") or "sAMAccountName"
LDAP_ATTR_VORNAME = env_str("LDAP_ATTR_VORNAME") or "givenName"
LDAP_ATTR_NACHNAME = env_str("LDAP_ATTR_NACHNAME") or "sn"
LDAP_ATTR_EMAIL = env_str("LDAP_ATTR_EMAIL") or "mail"
LDAP_ZEITLIMIT = env_int("LDAP_ZEITLIMIT", 5)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Hashing strength is not under test; MD5 keeps thousands of logins in the suite fast.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "anmelden"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "anmelden"

# Idle timeout: a request renews the 30 minutes, writing the session at most once a minute
# (core/sitzung.py) instead of on every page view.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_ERNEUERN_SEKUNDEN = env_int("SESSION_ERNEUERN_SEKUNDEN", 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"  # Strict would drop the session when a mail link is opened
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Throttle guessing: five failures per user name and address, then a 15-minute pause.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/gesperrt.html"
AXES_VERBOSE = False
# Behind the TLS proxy the client address comes from X-Forwarded-For, as appended by the
# VERTRAUTE_PROXYS trusted proxies (core/netz.py); otherwise every client would share the
# proxy's address and five wrong passwords would lock out a name for everyone.
AXES_CLIENT_IP_CALLABLE = "core.netz.client_adresse"

# --- Security headers ---------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # container health checks speak plain HTTP
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
VERTRAUTE_PROXYS = env_int("VERTRAUTE_PROXYS", 1)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}

# --- Language, time, formats ------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch")]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static files: served by the app itself (WhiteNoise), never from a CDN ---------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "media"
# Without collectstatic (development, tests) WhiteNoise finds files in the apps directly.
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
WHITENOISE_USE_FINDERS = DEBUG or TESTING
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- E-mail -------------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND") or (
    "django.core.mail.backends.filebased.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH") or VAR_DIR / "mail"
EMAIL_HOST = env_str("EMAIL_HOST") or "localhost"
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
# A mail is tried this often (each claim by a worker counts), then marked failed with its reason.
MAIL_MAX_VERSUCHE = env_int("MAIL_MAX_VERSUCHE", 6)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL") or "sozialplanung@localhost"
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery -------------------------------------------------------------------------------------
# Default: kombu's filesystem transport (in and out are the same folder), so the embedded run
# needs no Redis. Production points CELERY_BROKER_URL at Redis.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or "filesystem://localhost//"
if TESTPROZESS and CELERY_BROKER_URL.startswith("redis"):
    # gw0 keeps the given Redis database, gw1 takes the next one, … Derived from the URL the
    # run began with (a worker started by a test inherits both variables), and written back
    # because Celery reads the variable before this setting.
    _teile = urlsplit(os.environ.setdefault("TEST_BROKER_BASIS", CELERY_BROKER_URL))
    _db = int(_teile.path.strip("/") or 0) + int(TESTPROZESS.removeprefix("gw"))
    CELERY_BROKER_URL = os.environ["CELERY_BROKER_URL"] = _teile._replace(path=f"/{_db}").geturl()
CELERY_FILESYSTEM_DIR = VAR_DIR / "celery"
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_FILESYSTEM_DIR / "queue"),
        "data_folder_out": str(CELERY_FILESYSTEM_DIR / "queue"),
        "control_folder": str(CELERY_FILESYSTEM_DIR / "control"),
        "processed_folder": str(CELERY_FILESYSTEM_DIR / "processed"),
        "store_processed": False,
        "polling_interval": 0.1,
    }
    _default_result_backend = f"file://{CELERY_FILESYSTEM_DIR / 'results'}"
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_connect_timeout": 3}
    _default_result_backend = CELERY_BROKER_URL
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND") or _default_result_backend
CELERY_RESULT_EXPIRES = timedelta(hours=1)
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 3
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE: dict = {
    # Opens the quarter, reminds, escalates; hourly, so a pass lost with its worker is redone
    # within the hour (nothing goes twice: each reminder is logged under a unique key).
    "controlling-tageslauf": {
        "task": "controlling.tageslauf",
        "schedule": crontab(minute=7),
    },
    # Wirkungsprüfungen that became due (a Prüfungstag reached, an Empfehlung umgesetzt).
    "wirkung-pruefungen": {
        "task": "wirkung.an_pruefungen_erinnern",
        "schedule": crontab(hour=6, minute=17),
    },
    # Mails whose task never reached the broker, or whose worker died while sending.
    "benachrichtigungen-nachsenden": {
        "task": "notifications.offene_mails_nachsenden",
        "schedule": timedelta(minutes=5),
    },
    # Import previews nobody confirmed (IMPORT_ABLAGE_STUNDEN).
    "import-ablagen-aufraeumen": {
        "task": "core.ablagen_aufraeumen",
        "schedule": crontab(minute=23),
    },
    # Audit log entries past PROTOKOLL_AUFBEWAHRUNG_TAGE.
    "protokoll-aufraeumen": {
        "task": "core.protokoll_aufraeumen",
        "schedule": crontab(hour=2, minute=11),
    },
    # Linked council papers fetched again from the OParl server.
    "ratsinfo-abrufen": {
        "task": "ratsinfo.alle_abrufen",
        "schedule": crontab(hour=5, minute=43),
    },
    # The public copy of the published items, checked against them every night.
    "transparenz-abgleichen": {
        "task": "transparenz.abgleichen",
        "schedule": crontab(hour=3, minute=17),
    },
    # Previews and event PDFs (DOKUMENT_AUFBEWAHRUNG_STUNDEN).
    "dokumente-aufraeumen": {
        "task": "core.dokumente_aufraeumen",
        "schedule": crontab(minute=41),
    },
}
# A document build ends with a German message after this many seconds: the controlling report
# (PDF and XLSX of a whole city), every other document (a Strategiepapier, an event's PDF).
BERICHT_ZEITLIMIT = env_int("BERICHT_ZEITLIMIT", 600)
DOKUMENT_ZEITLIMIT = env_int("DOKUMENT_ZEITLIMIT", 300)
# A preview's file is kept this long for its download, then removed (beat).
DOKUMENT_AUFBEWAHRUNG_STUNDEN = env_int("DOKUMENT_AUFBEWAHRUNG_STUNDEN", 24)
HEALTHZ_WORKER_TIMEOUT = float(env_str("HEALTHZ_WORKER_TIMEOUT") or 3)
# How long /healthz keeps the worker's answer (each web process for itself).
HEALTHZ_CACHE_SEKUNDEN = env_int("HEALTHZ_CACHE_SEKUNDEN", 10)

# --- History -----------------------------------------------------------------------------------
# Versions are read-only: the admin shows them, never restores them behind the workflow.
SIMPLE_HISTORY_REVERT_DISABLED = True

# Similarity hints on an Anregung's page are ranked once and kept this long (ids only; the
# items themselves are read fresh): a new similar card shows up after at most this.
AEHNLICHKEIT_CACHE_SEKUNDEN = env_int("AEHNLICHKEIT_CACHE_SEKUNDEN", 300)

# --- Imports ------------------------------------------------------------------------------------
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 10 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 50_000)
# An XLSX is a ZIP: what it may unpack to in total, and how many characters all its cells
# (or a CSV's) may hold; beyond that the file is refused before it costs memory.
IMPORT_MAX_ENTPACKT = env_int("IMPORT_MAX_ENTPACKT", 50 * 1024 * 1024)
IMPORT_MAX_ZEICHEN = env_int("IMPORT_MAX_ZEICHEN", 20_000_000)
# Previews waiting for their confirmation: removed after this many hours by beat, at most
# this many per session, and this much on disk in all.
IMPORT_ABLAGE_STUNDEN = env_int("IMPORT_ABLAGE_STUNDEN", 2)
IMPORT_ABLAGE_JE_SITZUNG = env_int("IMPORT_ABLAGE_JE_SITZUNG", 5)
IMPORT_ABLAGE_MAX_BYTES = env_int("IMPORT_ABLAGE_MAX_BYTES", 500 * 1024 * 1024)
# Request bodies: form fields (not files) in memory up to this size; a file above
# FILE_UPLOAD_MAX_MEMORY_SIZE goes to a temporary file, and one beyond IMPORT_MAX_BYTES is
# counted but not kept (core.uploads). The proxy in front limits the whole body (README).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
FILE_UPLOAD_HANDLERS = [
    "core.uploads.GroessenbegrenzterUpload",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# --- Transparenz (public pages, open data) ---------------------------------------------------
# Off unless switched on (production: a decision of the city); on in development and the demo.
TRANSPARENZ_AKTIV = env_bool("TRANSPARENZ_AKTIV", DEBUG)
# How long browsers and proxies may keep a public page before asking again (ETag answers 304).
TRANSPARENZ_CACHE_SEKUNDEN = env_int("TRANSPARENZ_CACHE_SEKUNDEN", 300)
# Changes written past the models (bulk updates) reach the public pages after at most this.
TRANSPARENZ_STAND_SEKUNDEN = env_int("TRANSPARENZ_STAND_SEKUNDEN", 30)
TRANSPARENZ_SEITE_MAX_BYTES = env_int("TRANSPARENZ_SEITE_MAX_BYTES", 2 * 1_048_576)
# Up to this many items are copied to the public pages right after the commit; more (a whole
# paper) are copied by the worker, so that publishing does not wait for it.
TRANSPARENZ_SOFORT_HOECHSTENS = env_int("TRANSPARENZ_SOFORT_HOECHSTENS", 20)
# DCAT-AP.de catalogue: publisher, contact, licence, place. The licence is a URI of the
# dcat-ap.de licence list; the contributor ID one of http://dcat-ap.de/def/contributors/.
TRANSPARENZ_HERAUSGEBER = env_str("TRANSPARENZ_HERAUSGEBER") or (
    f"Stadt {STADT_NAME}" if STADT_NAME else "Sozialplanung"
)
TRANSPARENZ_KONTAKT_EMAIL = env_str("TRANSPARENZ_KONTAKT_EMAIL") or "sozialplanung@localhost"
TRANSPARENZ_LIZENZ = env_str("TRANSPARENZ_LIZENZ") or "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
TRANSPARENZ_CONTRIBUTOR_ID = env_str("TRANSPARENZ_CONTRIBUTOR_ID") or ""
# Amtlicher Gemeindeschlüssel (8 digits) for dcatde:politicalGeocodingURI / dcterms:spatial.
TRANSPARENZ_GEMEINDESCHLUESSEL = env_str("TRANSPARENZ_GEMEINDESCHLUESSEL") or ""

# --- Audit log ------------------------------------------------------------------------------
PROTOKOLL_AUFBEWAHRUNG_TAGE = env_int("PROTOKOLL_AUFBEWAHRUNG_TAGE", 365)

# --- REST API (/api/v1/) -------------------------------------------------------------------
# A shared cache (Redis) keeps the throttling counters of all web processes together; without
# CACHE_URL each process counts for itself.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("CACHE_URL")}
        if env_str("CACHE_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# With a shared cache a signed-in page view reads its session from Redis, not the database
# (written through to both). A per-process cache would let one process keep a session another
# has ended, so without CACHE_URL the sessions stay in the database alone.
if env_str("CACHE_URL"):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
API_TOKEN_TAGE = env_int("API_TOKEN_TAGE", 180)
API_ANONYM_JE_MINUTE = env_int("API_ANONYM_JE_MINUTE", 120)
API_ANGEMELDET_JE_MINUTE = env_int("API_ANGEMELDET_JE_MINUTE", 600)
KNOX_TOKEN_MODEL = "api.ApiToken"  # noqa: S105 (a model name, not a secret)
# knox's own token model is swapped out for api.ApiToken; its migrations would still create
# an unused table referencing the users (which also blocks flushing the test database).
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=API_TOKEN_TAGE),
    "AUTH_HEADER_PREFIX": "Token",
    # A recognisable prefix lets secret scanners find a token pasted where it does not belong.
    "TOKEN_PREFIX": "sozp_",
    "TOKEN_LIMIT_PER_USER": 20,
    "AUTO_REFRESH": False,
}
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.auth.TokenAuthentication",
        # Signed-in staff may try the API in the browser (Swagger UI); unsafe methods need CSRF.
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.seiten.Seiten",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": f"{API_ANONYM_JE_MINUTE}/min",
        "user": f"{API_ANGEMELDET_JE_MINUTE}/min",
    },
    "EXCEPTION_HANDLER": "api.fehler.behandeln",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sozialplanung – API",
    "DESCRIPTION": (
        "Öffentlich (ohne Anmeldung): veröffentlichte Handlungsempfehlungen, Maßnahmen und "
        "Strategiepapiere mit Umsetzungsstand – dieselben Daten wie die Transparenzseiten. "
        "Mit Token (Kopfzeile `Authorization: Token …`, erstellt unter „API-Zugang“): was die "
        "Person in der Anwendung sehen darf, und Sachstandsmeldungen einreichen. Fehler kommen "
        'als JSON mit deutscher Meldung: `{"fehler": …, "felder": {…}}`.'
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# --- Ratsinformationssystem (OParl 1.1) ------------------------------------------------------
# The System URL of the city's OParl server; only URLs on this server are fetched. Empty: council
# papers are entered by hand.
OPARL_URL = env_str("OPARL_URL") or ""
OPARL_ZEITLIMIT = float(env_str("OPARL_ZEITLIMIT") or 10)
# A slow or failing server is asked again after this, then doubling (5 tries).
OPARL_WIEDERHOLUNG_SEKUNDEN = env_int("OPARL_WIEDERHOLUNG_SEKUNDEN", 60)

# --- World-Café -----------------------------------------------------------------------------
# A Bekanntheit rate from fewer dots than this is shown as "unsicher".
BEKANNTHEIT_MIN_ANTWORTEN = env_int("BEKANNTHEIT_MIN_ANTWORTEN", 10)
# Live rounds: how often one phone may answer one question (the planner may set 1 to 10 per
# round), and the flood guard per address. A hall's Wi-Fi puts every phone behind one
# address, so the guard is generous: it stops scripts, not a room of 100.
LIVE_ANTWORTEN_JE_GERAET = env_int("LIVE_ANTWORTEN_JE_GERAET", 1)
LIVE_JE_MINUTE_UND_ADRESSE = env_int("LIVE_JE_MINUTE_UND_ADRESSE", 600)
# Where phones reach the short links (/l/<code>/) when the app itself sits in the closed city
# network, e.g. "https://beteiligung.example.de"; empty: the address the projector page is on.
LIVE_BASIS_URL = (env_str("LIVE_BASIS_URL") or "").rstrip("/")

# --- Logging ------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL") or "INFO"},
    "loggers": {"axes": {"level": "WARNING"}},
}
