"""The web UI and JSON API over one claimgraph database: ``create_app(db)`` and ``serve(db)``.

Server-rendered (Jinja2, autoescaped) pages with no JavaScript at all, so the
Content-Security-Policy can forbid every script; assets ship in the package (no CDN). The app
is read-only: only GET and HEAD are answered, and the database is never written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

try:
    from fastapi import FastAPI, Request
    from fastapi.encoders import jsonable_encoder
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
    from fastapi.staticfiles import StaticFiles
    from fastapi.templating import Jinja2Templates
    from jinja2 import Environment, FileSystemLoader
    from starlette.datastructures import MutableHeaders
    from starlette.exceptions import HTTPException
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.types import ASGIApp, Message, Receive, Scope, Send
except ModuleNotFoundError as exc:  # the web UI is an optional extra
    raise ModuleNotFoundError(
        f"the claimgraph web UI needs {exc.name!r}: pip install 'claimgraph[web]'", name=exc.name
    ) from exc

from claimgraph.report import STATUS_LABEL, STATUS_ORDER
from claimgraph.web import views
from claimgraph.web.data import Reader
from claimgraph.web.jsonapi import router as api_router

HERE = Path(__file__).parent
LOOPBACK = ("127.0.0.1", "localhost", "::1")
# A symbol beside each status label, so the badges differ by shape as well as by colour.
STATUS_SHORT = {"conflicting": "≠", "disputed": "⇄", "corroborated": "✓", "single_source": "○"}

# No script may run at all (the pages have none); styles and images only from this server.
CSP = (
    "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


class ReadOnlySecurity:
    """Sends the security headers on every answer and refuses every method but GET/HEAD."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        head = scope["method"] == "HEAD"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}  # HEAD: the GET answer's headers only
            await send(message)

        if scope["method"] not in ("GET", "HEAD"):
            refuse = PlainTextResponse("read-only: GET only", 405, headers={"Allow": "GET, HEAD"})
            await refuse(scope, receive, send_with_headers)
            return
        # FastAPI routes answer GET only; a HEAD is served as that GET without its body.
        inner = {**scope, "method": "GET"} if head else scope
        await self.app(inner, receive, send_with_headers)


def check_database(db: str) -> None:
    """Refuse a missing file or one that is not a claimgraph store, before opening it with
    ``SQLiteStore`` (which would create or migrate it: a web server must not write)."""
    path = Path(db)
    if not path.is_file():
        raise FileNotFoundError(
            f"{db}: no such database (create it with: claimgraph run PATH --db {db})"
        )
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ValueError(f"{db}: not a claimgraph database ({exc})") from exc
    if row is None:
        raise ValueError(f"{db}: not a claimgraph database (no schema)")


def create_app(db: str, allowed_hosts: Sequence[str] | None = None) -> FastAPI:
    """The app for one database. ``allowed_hosts`` limits the Host header (``serve`` sets it
    to the loopback names when bound to 127.0.0.1, against DNS-rebinding pages)."""
    check_database(db)
    reader = Reader(db)
    reader.snapshot()  # load now: a broken store fails at start, and the first page is fast

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        reader.close()

    app = FastAPI(
        title="claimgraph",
        summary="Stories, facts and their sources, read from a claimgraph database.",
        version="1",
        docs_url=None,  # FastAPI's own pages load Swagger UI from a CDN: ours is local
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.reader = reader
    app.state.templates = _templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api_router)
    _add_pages(app)
    _add_error_pages(app)
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(ReadOnlySecurity)  # added last: outermost, so every answer has headers
    return app


def serve(db: str, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Serve the UI and API until interrupted (binds to loopback unless told otherwise)."""
    try:
        import uvicorn
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError(
            "claimgraph serve needs 'uvicorn': pip install 'claimgraph[web]'", name="uvicorn"
        ) from exc
    hosts = [*LOOPBACK, "[::1]"] if host in LOOPBACK else None
    app = create_app(db, allowed_hosts=hosts)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)


# -- templates -------------------------------------------------------------------------------
def _templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every page shows hostile article text: escape by default, always
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        STATUS_LABEL=STATUS_LABEL, STATUS_ORDER=STATUS_ORDER, STATUS_SHORT=STATUS_SHORT
    )
    env.filters["nice_date"] = nice_date
    env.filters["plural"] = plural
    env.filters["clip"] = clip
    return Jinja2Templates(env=env)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def nice_date(iso: str | None) -> str:
    """'2025-03-04' -> '4 Mar 2025' (and '2025-03' -> 'Mar 2025'); other text unchanged."""
    if not iso:
        return ""
    parts = iso.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return iso


def clip(text: str | None, limit: int = 80) -> str:
    """Long values (a whole clause, for a text value) cut to fit a chip or a table cell."""
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {words or word + 's'}"


def _render(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    snap = request.app.state.reader.snapshot()
    context.setdefault("counts", snap.counts)
    return templates.TemplateResponse(request, name, context, status_code=status_code)


# -- pages -----------------------------------------------------------------------------------
def _add_pages(app: FastAPI) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(
        request: Request,
        q: str = "",
        status: str = "",
        outlet: str = "",
        date_from: str = "",
        date_to: str = "",
        offset: int = 0,
    ) -> Response:
        status = status if status in STATUS_LABEL else ""
        f = views.Filters(q.strip()[:500], status, outlet, date_from, date_to)
        offset = max(0, offset)
        page = views.home(request.app.state.reader, f, offset)
        snap = request.app.state.reader.snapshot()
        return _render(
            request, "home.html", page=page, filters=f, outlets=snap.outlets, offset=offset,
            prev_url=_page_url(f, offset - views.PAGE_SIZE) if offset > 0 else None,
            next_url=_page_url(f, offset + views.PAGE_SIZE)
            if offset + views.PAGE_SIZE < page.total else None,
            page_size=views.PAGE_SIZE,
        )  # fmt: skip

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story(request: Request, story_id: str) -> Response:
        page = views.story_page(request.app.state.reader, story_id)
        if page is None:
            raise HTTPException(404, "There is no story with this id.")
        return _render(request, "story.html", page=page)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article(request: Request, article_id: str) -> Response:
        page = views.article_page(request.app.state.reader, article_id)
        if page is None:
            raise HTTPException(404, "There is no article with this id.")
        return _render(request, "article.html", page=page)

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity(request: Request, entity_id: str) -> Response:
        page = views.entity_page(request.app.state.reader, entity_id)
        if page is None:
            raise HTTPException(404, "There is no entity with this id.")
        return _render(request, "entity.html", page=page)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs(request: Request) -> Response:
        return _render(request, "docs.html", endpoints=_endpoints(app.openapi()))


def _page_url(f: views.Filters, offset: int) -> str:
    params = {
        "q": f.q, "status": f.status, "outlet": f.outlet, "date_from": f.date_from,
        "date_to": f.date_to, "offset": str(max(0, offset)) if offset > 0 else "",
    }  # fmt: skip
    query = urlencode({k: v for k, v in params.items() if v})
    return f"/?{query}" if query else "/"


def _endpoints(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The OpenAPI paths as rows for the docs page (method, path, summary, parameters)."""
    rows = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p["name"],
                    "where": p.get("in", ""),
                    "required": p.get("required", False),
                    "type": _type_name(p.get("schema", {})),
                    "default": p.get("schema", {}).get("default"),
                    "description": p.get("description") or p.get("schema", {}).get("description"),
                }
                for p in op.get("parameters", [])
            ]
            ok = op.get("responses", {}).get("200", {})
            ref = ok.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")
            rows.append({
                "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "description": op.get("description", ""), "params": params,
                "returns": ref.rsplit("/", 1)[-1] if ref else "",
            })  # fmt: skip
    return rows


def _type_name(schema: dict[str, Any]) -> str:
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    if "anyOf" in schema:
        return " | ".join(_type_name(s) for s in schema["anyOf"] if s.get("type") != "null")
    return str(schema.get("type", ""))


def _add_error_pages(app: FastAPI) -> None:
    """API paths answer errors in JSON; pages answer with an HTML page."""

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith(("/api/", "/static/", "/openapi")):
            return JSONResponse({"detail": exc.detail}, exc.status_code, headers=exc.headers)
        code = exc.status_code
        return _render(request, "error.html", code, code=code, message=exc.detail)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": jsonable_encoder(exc.errors())}, 422)
        message = "The address has a parameter this page cannot read."
        return _render(request, "error.html", 400, code=400, message=message)
