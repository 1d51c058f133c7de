"""Review in place over the API: POST /api/events/{id}/review (mark verified / wrong, correct fields) and
GET /api/events/{id}/reviews (the event's current review and who did what when; a path of its own, as one path
with two methods in two handlers answers OPTIONS with only the first one's Allow). Writing needs an API key, as
POST /api/articles does; the key's name is recorded as who reviewed (with the reviewer the client names, if any).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Request

from rasd.api.keys import ApiKeyInfo
from rasd.api.models import ErrorOut, ReviewIn, ReviewOut
from rasd.api.routes import Repo, reject_unknown_parameters, require_key
from rasd.api.routes import _errors as common_errors  # the error answers every /api route documents
from rasd.review import history, record, summary_of

router = APIRouter(prefix="/api", tags=["review"], responses=common_errors,
                   dependencies=[Depends(reject_unknown_parameters)])
EventId = Annotated[str, Path(max_length=200)]


def _answer(repo: Any, event_id: str) -> dict[str, Any]:
    return {"event_id": event_id, "review": summary_of(repo, event_id), "acts": history(repo, event_id)}


@router.get("/events/{event_id}/reviews", response_model=ReviewOut,
            summary="An event's current review (verified / wrong / corrected fields) and who did what when",
            responses={404: {"model": ErrorOut, "description": "No such event"}})
def get_review(repo: Repo, event_id: EventId) -> dict[str, Any]:
    if repo.get_event(event_id) is None:
        raise HTTPException(404, f"no event {event_id!r} in this store")
    return _answer(repo, event_id)


@router.post("/events/{event_id}/review", response_model=ReviewOut,
             summary="Review an event in place: mark it verified or wrong, or correct fields (needs an API key)",
             responses={401: {"model": ErrorOut, "description": "No API key"},
                        403: {"model": ErrorOut, "description": "Invalid or revoked API key"},
                        404: {"model": ErrorOut, "description": "No such event"}})
def post_review(request: Request, repo: Repo, event_id: EventId, body: ReviewIn,
                key: Annotated[ApiKeyInfo, Depends(require_key)]) -> dict[str, Any]:
    if body.verdict is None and not body.corrections:
        raise HTTPException(422, "give a verdict or corrections")
    if repo.get_event(event_id) is None:
        raise HTTPException(404, f"no event {event_id!r} in this store")
    signer = key.name or f"key {key.key_id}"
    who = f"{body.reviewer.strip()} (via {signer})" if body.reviewer and body.reviewer.strip() else signer
    record(repo, event_id, who, verdict=body.verdict, corrections=body.corrections, note=body.note)
    # A corrected field changes totals, stats and rendered pages: every cache of the app starts afresh.
    for name in ("aggregates", "pages", "kept"):
        cache = getattr(request.app.state, name, None)
        if cache is not None:
            cache.clear()
    return _answer(repo, event_id)
