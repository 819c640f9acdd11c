"""Made-up news pages for tests that fetch or extract HTML."""

from __future__ import annotations

PARAGRAPHS = (
    "The city council of Northhaven voted on Tuesday to rebuild the old harbour bridge, which closed last winter "
    "after inspectors found cracks in two of its steel supports.",
    "Engineers told the council that the repair would take about eighteen months and cost roughly forty million "
    "euros, most of it paid from the regional transport budget.",
    "Shop owners near the harbour said the closure had cut the number of visitors to the old town, and several "
    "asked the council to open a temporary ferry while the work goes on.",
    "The mayor said a ferry service would start in the spring and that the new bridge would carry cyclists and "
    "pedestrians as well as cars when it opens.",
)


def article_html(headline: str, *, canonical: str = "", published: str = "", extra: str = "") -> str:
    """A news page with a header, navigation and footer around a few paragraphs of made-up reporting."""
    head = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    if published:
        head += f'<meta property="article:published_time" content="{published}">'
    body = "".join(f"<p>{p} {extra}</p>" for p in PARAGRAPHS)
    return (
        f"<!DOCTYPE html><html><head><title>{headline} | Example Gazette</title>{head}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{headline}</h1>{body}</article>"
        "<footer>Copyright Example Gazette. All rights reserved.</footer></body></html>"
    )
