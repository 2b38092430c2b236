"""Decks: a presenter's sequence of chart views, kept in the URL, shown one per screen and downloaded as slides.

A deck is the query parameter ``views``: its items joined by commas, each item a chart view and its state as the
chart's own query (``map?indicator=refugees_hosted&year=2022``, ``sankey``) percent-encoded, so commas and
ampersands inside a state never split it (``deck_query`` writes it, ``parse_views`` reads it). Every chart card's
"Add to deck" button carries its item (``item``); assets/deck.js collects them in the browser and links to
``/deck?views=...`` (the page: layouts/deck.py).

Downloads (``/deck.pptx``, ``/deck.pdf``; share/routes.py) draw every view through the slide-image pipeline
(``images.cached_images``: cached, through the bounded render queue, one render at a time):

- ``pptx_bytes``: PowerPoint (python-pptx), one 16:9 slide per view: the title, the chart picture, the source
  line (and the UN map disclaimer on maps), the permalink, and the view's full citation in the speaker notes;
- ``pdf_bytes``: a PDF handout, one page per view: the slide PNGs as they are (title, source, URL and bundle
  version drawn in), written by Pillow.

A deck holds at most ``MAX_VIEWS`` views and its parameter at most ``MAX_CHARS`` characters; an unknown chart or
anything else malformed is a ``QueryError`` naming the item (a 400 with a message, never a 500).
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlencode

from .. import views
from ..store import QueryError

MAX_VIEWS = 10  # views per deck: a download draws each one (a few seconds per uncached image)
MAX_CHARS = 8000  # characters of the ``views`` parameter
_ITEM = re.compile(r"[a-z0-9][a-z0-9\-]{0,40}")


@dataclass(frozen=True)
class DeckView:
    view_id: str
    state: dict
    notices: tuple[str, ...] = ()

    @property
    def item(self) -> str:
        return item(self.view_id, self.state)


def item(view_id: str, state: dict) -> str:
    """One deck item: the view id and its state's query ('map?v=1&indicator=...', 'sankey')."""
    return view_id + views.query(view_id, state)


def deck_query(items: list[str], **extra) -> str:
    """'?views=...' (plus ``extra`` parameters that are not None) for a list of items."""
    params = {"views": ",".join(quote(i, safe="") for i in items), **{k: v for k, v in extra.items()
                                                                          if v is not None}}
    return "?" + urlencode(params)


def parse_views(raw: str | None) -> list[DeckView]:
    """The deck in a ``views`` parameter (already URL-decoded once, as a query parser gives it). Bad values inside
    a view's state fall back to its defaults with a notice (as on the pages); an unknown chart, an empty deck,
    too many views or a too long parameter are a QueryError."""
    raw = (raw or "").strip()
    if len(raw) > MAX_CHARS:
        raise QueryError("views", f"The deck parameter is {len(raw):,} characters long, more than the "
                                  f"{MAX_CHARS:,} allowed.", [])
    parts = [p for p in raw.split(",") if p.strip()]
    if not parts:
        raise QueryError("views", "The deck is empty: add views with 'Add to deck' under any chart, or pass "
                                  "views=<chart>?<query>,... (each item URL-encoded).", [])
    if len(parts) > MAX_VIEWS:
        raise QueryError("views", f"A deck holds at most {MAX_VIEWS} views; this one has {len(parts)}.", [])
    known = views.load_all()
    out = []
    for n, part in enumerate(parts, 1):
        text = unquote(part.strip())
        view_id, _, query = text.partition("?")
        if not _ITEM.fullmatch(view_id) or view_id not in known:
            shown = view_id[:40] + ("…" if len(view_id) > 40 else "")
            raise QueryError("views", f"View {n} of the deck is not a chart of this dashboard: {shown!r}.",
                             sorted(known))
        state, notices = views.parse(view_id, dict(parse_qsl(query, keep_blank_values=True)))
        out.append(DeckView(view_id, state, tuple(notices)))
    return out


# ------------------------------------------------------------------ PowerPoint and PDF

@dataclass(frozen=True)
class Slide:
    """What one deck slide shows: texts in the deck's language, the chart alone (PNG) for PowerPoint, the framed
    slide (PNG) for the handout, and the citation for the speaker notes."""
    title: str
    source: str
    permalink: str
    notes: str
    chart_png: bytes
    slide_png: bytes
    disclaimer: str = ""


SLIDE_W_IN, SLIDE_H_IN = 13.333, 7.5  # PowerPoint's 16:9


def pptx_bytes(slides: list[Slide], title: str, link_label: str) -> bytes:
    """A 16:9 PowerPoint deck, one slide per view: title (the slide's title placeholder), the chart picture
    (aspect kept, centred), the source line (+ map disclaimer), the permalink (a link), the citation in the
    speaker notes."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Emu, Inches, Pt
    from PIL import Image

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W_IN), Inches(SLIDE_H_IN)
    prs.core_properties.title = title
    layout = prs.slide_layouts[5]  # "Title Only"
    margin = Inches(0.4)
    width = prs.slide_width - 2 * margin
    for s in slides:
        slide = prs.slides.add_slide(layout)
        head = slide.shapes.title
        head.left, head.top, head.width, head.height = margin, Inches(0.2), width, Inches(1.05)
        head.text = s.title
        frame = head.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE  # a three-line title: PowerPoint fits it to its box
        for p in frame.paragraphs:
            for r in p.runs:
                r.font.size, r.font.bold = Pt(26), True
        # the chart: fit into the box between the title and the footer, aspect kept, centred
        top, bottom = Inches(1.3), Inches(5.95)
        box_w, box_h = int(width), int(bottom - top)
        with Image.open(io.BytesIO(s.chart_png)) as im:
            px_w, px_h = im.size
        scale = min(box_w / px_w, box_h / px_h)
        pic_w, pic_h = int(px_w * scale), int(px_h * scale)
        slide.shapes.add_picture(io.BytesIO(s.chart_png), Emu(int(margin) + (box_w - pic_w) // 2),
                                 Emu(int(top) + (box_h - pic_h) // 2), Emu(pic_w), Emu(pic_h))
        foot = slide.shapes.add_textbox(margin, Inches(6.0), width, Inches(1.3)).text_frame
        foot.word_wrap = True
        foot.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE  # a long source line stays on the slide
        foot.text = s.source
        foot.paragraphs[0].runs[0].font.size = Pt(12)
        if s.disclaimer:
            p = foot.add_paragraph()
            r = p.add_run()
            r.text, r.font.size = s.disclaimer, Pt(10)
        p = foot.add_paragraph()
        r = p.add_run()
        r.text = f"{link_label} {s.permalink}"
        r.font.size = Pt(11)
        r.font.color.rgb = RGBColor(0x0B, 0x57, 0xA4)
        r.hyperlink.address = s.permalink
        slide.notes_slide.notes_text_frame.text = s.notes
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def pdf_bytes(slides: list[Slide], title: str) -> bytes:
    """A PDF handout, one landscape page per view: the framed slide image (title, chart, source, URL, bundle)."""
    from PIL import Image

    pages = [Image.open(io.BytesIO(s.slide_png)).convert("RGB") for s in slides]
    out = io.BytesIO()
    # 200 dpi: a 3200 px wide slide is a 16 inch page; the PDF viewer scales it to the paper
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=200.0, title=title,
                  author="Migration Trends Dashboard")
    for p in pages:
        p.close()
    return out.getvalue()
