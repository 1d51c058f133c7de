"""The API's event model is the output contract: the same fields, in the same order, as `rasd.model.EVENT_FIELDS`
(DESIGN.md section 4). A field added to the data model without the API (or the reverse) fails here."""

from rasd.api.models import EventOut
from rasd.model import EVENT_FIELDS, Article, Event, Span


def test_event_out_declares_every_contract_field_in_order():
    assert tuple(EventOut.model_fields) == EVENT_FIELDS


def test_a_pipeline_event_round_trips_through_the_api_model():
    text = "قتل جنديان أمس في هجوم على حاجز للجيش في مدينة الرمادي."
    article = Article(text=text)
    ev = Event(event_id="e1", article_ids=[article.article_id], event_type="Battles", sub_event_type="Armed clash",
               fatalities=2, evidence={"fatalities": Span.of(text, 0, 11)}, missing={"actor1": "no actor named"})
    out = EventOut.model_validate(ev.to_dict())
    assert out.model_dump(exclude_unset=False)["fatalities"] == 2
    assert out.model_dump()["evidence"]["fatalities"]["text"] == "قتل جنديان "
