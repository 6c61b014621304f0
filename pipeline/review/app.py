"""The review web app: server-rendered pages over a Session, and the one write, saving a document's gold.

Safety, for a server any local page can reach: only Host 127.0.0.1 or localhost is answered (a DNS rebinding
page gets 400); every request that is not a GET needs the session's token in the X-Smarak-Token header,
which only the app's own pages carry (403 otherwise); documents are looked up by record id among the loaded
records and page images by the names the sidecar module writes, resolved inside the pages folder, so no path
from the browser reaches a file outside the gold and pages folders (404).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel
from starlette.middleware.trustedhost import TrustedHostMiddleware

from pipeline import score as scoring
from pipeline.pages import IMAGE_NAME, Sidecar, image_path
from pipeline.review.draft import DEADLINE_KINDS, DOC_TYPES, FIELDS, Draft, DraftError
from pipeline.review.gold import Conflict, GoldError
from pipeline.review.locate import Box, Segment, boxes, draft_marks, segments
from pipeline.review.session import Entry, Session

HERE = Path(__file__).parent
TOKEN_HEADER = "X-Smarak-Token"
HOSTS = ["127.0.0.1", "localhost"]


class SaveRequest(BaseModel):
    """A save: the form's state and the version of the gold file it was loaded with."""

    version: str
    draft: Draft


@dataclass(frozen=True)
class PageView:
    """A page of the document as the template shows it."""

    number: int
    method: str
    segments: list[Segment]
    image: str | None
    width: int | None
    height: int | None
    boxes: list[Box]


def create_app(session: Session) -> FastAPI:
    """The app serving one review session."""
    app = FastAPI(title="smarak review", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=HOSTS)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")

    @app.middleware("http")
    async def writes_need_the_token(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if request.method not in ("GET", "HEAD") and not session.token_ok(request.headers.get(TOKEN_HEADER)):
            return JSONResponse({"detail": "missing or wrong session token: reload the page"}, status_code=403)
        return await call_next(request)

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request) -> Response:
        return templates.TemplateResponse(request, "index.html", _index_context(session))

    @app.get("/doc/{doc_id}", response_class=HTMLResponse)
    def document(request: Request, doc_id: str) -> Response:
        entry = _entry(session, doc_id)
        try:
            draft, gold = session.draft(entry)
        except GoldError as error:
            raise HTTPException(500, f"the gold file of this document cannot be used: {error}") from error
        previous, following = session.neighbours(doc_id)
        context = {
            "entry": entry,
            "draft": draft,
            "version": gold.version,
            "gold_name": f"{entry.key}.json",
            "pages": _page_views(entry, session.sidecar(entry), draft),
            "has_pages": session.pages is not None,
            "previous": previous,
            "next": following,
            "token": session.token,
            "fields": FIELDS,
            "doc_types": DOC_TYPES,
            "deadline_kinds": DEADLINE_KINDS,
        }
        return templates.TemplateResponse(request, "document.html", context)

    @app.post("/doc/{doc_id}/gold")
    def save(doc_id: str, body: SaveRequest) -> dict[str, Any]:
        entry = _entry(session, doc_id)
        try:
            gold, document = session.save(entry, body.draft, body.version)
        except Conflict as error:
            raise HTTPException(409, str(error)) from error
        except DraftError as error:
            raise HTTPException(422, error.problems) from error
        except GoldError as error:
            raise HTTPException(500, str(error)) from error
        return {"version": gold.version, "saved": f"{entry.key}.json", "checked": list(document)}

    @app.get("/pages/{name}")
    def page_image(name: str) -> FileResponse:
        match = IMAGE_NAME.fullmatch(name)
        if session.pages is None or match is None or match["sha"] not in session.page_shas:
            raise HTTPException(404, "no such page image")
        root = session.pages.resolve()
        path = image_path(root, name)
        if path.resolve().parent != root or not path.is_file():
            raise HTTPException(404, "no such page image")
        return FileResponse(path, media_type="image/png")

    return app


def _entry(session: Session, doc_id: str) -> Entry:
    entry = session.entries.get(doc_id)
    if entry is None:
        raise HTTPException(404, "no such document in this batch")
    return entry


def _index_context(session: Session) -> dict[str, Any]:
    scores = session.scores()
    checked: dict[str, int] = {}
    for doc_id, entry in session.entries.items():
        try:
            documents = session.gold.read(entry.key).documents
        except GoldError:
            continue
        if entry.position < len(documents):
            checked[doc_id] = len(documents[entry.position])
    return {
        "session": session,
        "entries": list(session.entries.items()),
        "checked": checked,
        "scores": scores,
        "rows": _score_rows(scores.now, scores.before_last_save),
    }


def _score_rows(now: scoring.ScoreReport, before: scoring.ScoreReport | None) -> list[dict[str, Any]]:
    """Per field and overall: the counts now, F1, and its change since just before the last save."""
    rows = []
    for name, counts in [*now.fields.items(), ("overall", now.overall)]:
        earlier = None if before is None else before.overall if name == "overall" else before.fields[name]
        rows.append(
            {
                "name": name,
                "counts": counts,
                "scored": counts.tp + counts.fp + counts.fn > 0,
                "change": None if earlier is None else counts.f1 - earlier.f1,
                "gold_change": None if earlier is None else (counts.tp + counts.fn) - (earlier.tp + earlier.fn),
            }
        )
    return rows


def _page_views(entry: Entry, sidecar: Sidecar | None, draft: Draft) -> list[PageView]:
    """The document's pages with its fields and decisions highlighted (none without a sidecar)."""
    if sidecar is None:
        return []
    pages = {page.page: page for page in sidecar.pages if page.page in entry.record.source.pages}
    marks = draft_marks(draft, {number: page.text for number, page in pages.items()}, entry.record)
    views = []
    for number, page in pages.items():
        on_page = [mark for mark in marks if mark.page == number]
        views.append(
            PageView(
                number,
                page.method,
                segments(page.text, on_page),
                f"/pages/{page.image}" if page.image else None,
                page.width,
                page.height,
                boxes(page, on_page),
            )
        )
    return views
