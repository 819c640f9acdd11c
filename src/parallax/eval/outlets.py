"""Outlet resolution measured: names, countries and ownership of each record's outlet.

Records are JSON lines with ``url`` and optionally ``outlet``, ``language``, ``title``, ``text``,
``gold_country`` (ISO 3166-1 alpha-2) and ``gold_owner_type`` (state, public, private, party,
wire). Each is resolved as ingestion would: its page named from what it carries, then every
outlet resolved with the evidence of all its records (their languages as the records give them).
Gold labels may also come from a CSV of outlet facts (``domain,half,gold_country,gold_owner_type,
basis,note``) joined on the record's outlet host; ``half`` then keeps one half of it.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from parallax.errors import ConfigError
from parallax.ingest.outlets import OutletCatalog, load_catalog, parse_host
from parallax.ingest.outlets.identify import by_site, identify_outlets, is_catalog_name, name_page
from parallax.ingest.outlets.rows import DOMAIN
from parallax.models import Article, Outlet, Page

FIGURES = ("articles", "named", "country", "ownership", "country_accuracy", "ownership_accuracy")


def _records(path: Path) -> Iterator[tuple[int, dict]]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the evaluation file: {exc}") from None
    for number, line in enumerate(lines, start=1):
        try:
            record = json.loads(line) if line.strip() else None
        except json.JSONDecodeError:
            record = {}  # a broken line is still an article whose outlet is not known
        if record is not None:
            yield number, record if isinstance(record, dict) else {}


def _text(record: dict, key: str) -> str:
    value = record.get(key)
    return value.strip() if isinstance(value, str) else ""


def read_gold(path: Path, half: str = "") -> dict[str, dict[str, str]]:
    """Outlet facts by domain, from a gold CSV; only rows of ``half`` when it is given."""
    try:
        with Path(path).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the gold file: {exc.strerror or exc}") from None
    return {r["domain"].strip().lower(): r for r in rows if not half or r.get("half") == half}


def _host_key(record: dict) -> str:
    given = _text(record, "outlet").lower()
    return given if DOMAIN.match(given.removeprefix("www.")) else parse_host(_text(record, "url")).name


def _article(number: int, record: dict, item: str, catalog: OutletCatalog) -> Article:
    page = name_page(Page(url=_text(record, "url"), body="", outlet=_text(record, "outlet"), source=item), catalog)
    return Article(id=str(number), url=page.url, title="", text="", outlet=page.outlet, published=None,
                   language=_text(record, "language").lower(), content_hash="", source=item,
                   outlet_hints=page.outlet_hints)


def evaluate_outlets(path: Path, gold_csvs: tuple[Path, ...] = (), half: str = "",
                     predictions: Path | None = None, catalog: OutletCatalog | None = None) -> tuple[dict, dict]:
    """(figures, breakdown) over every record of ``path`` (those of ``half`` when gold CSVs are given)."""
    catalog = catalog or load_catalog()
    gold = {k: v for p in gold_csvs for k, v in read_gold(p, half).items()}
    rows = []
    for number, record in _records(path):
        facts = gold.get(_host_key(record).removeprefix("www."))
        if gold_csvs and facts is None and half:
            continue
        merged = {**record, **({"gold_country": facts["gold_country"], "gold_owner_type": facts["gold_owner_type"],
                                "basis": facts.get("basis", "")} if facts else {})}
        rows.append((merged, _article(number, merged, f"{path}:{number}", catalog)))
    rows = list(zip([r for r, _ in rows], by_site([a for _, a in rows], catalog)))
    outlets = {o.name: o for o in identify_outlets([a for _, a in rows], catalog)}
    scored = [(record, outlets.get(article.outlet) or Outlet(article.outlet)) for record, article in rows]
    if predictions:
        _write_predictions(predictions, scored)
    return figures(scored), {**breakdown(scored), "elsewhere": elsewhere(scored, catalog)}


def _named(outlet: Outlet) -> bool:
    fact = outlet.fact("name")
    return bool(outlet.name) and not DOMAIN.match(outlet.name.lower()) and (fact is None or fact.source not in
                                                                              ("url", ""))


def _accuracy(scored: list[tuple[dict, Outlet]], gold_key: str, attribute: str) -> float | None:
    judged = [(r[gold_key].strip(), getattr(o, attribute)) for r, o in scored if _text(r, gold_key)]
    return round(sum(g.upper() == p.upper() for g, p in judged) / len(judged), 4) if judged else None


def figures(scored: list[tuple[dict, Outlet]]) -> dict:
    """The six figures the issue names, shares over all articles, accuracies over the labelled ones."""
    n = len(scored)
    share = lambda test: round(sum(1 for _, o in scored if test(o)) / n, 4) if n else 0.0
    return {"articles": n, "named": share(_named), "country": share(lambda o: bool(o.country)),
            "ownership": share(lambda o: bool(o.ownership)),
            "country_accuracy": _accuracy(scored, "gold_country", "country"),
            "ownership_accuracy": _accuracy(scored, "gold_owner_type", "ownership")}


def _source(outlet: Outlet, attribute: str) -> str:
    fact = outlet.fact(attribute)
    return (fact.source or "not known") if fact else ("catalog" if getattr(outlet, attribute, "") else "not known")


def breakdown(scored: list[tuple[dict, Outlet]]) -> dict:
    """Where the answers came from, and accuracy split by catalog coverage and by how the gold was labelled."""
    in_catalog = [(r, o) for r, o in scored if _source(o, "name") == "catalog"]
    outside = [(r, o) for r, o in scored if _source(o, "name") != "catalog"]
    by_basis = {basis: [(r, o) for r, o in scored if r.get("basis") == basis]
                for basis in sorted({r.get("basis", "") for r, _ in scored} - {""})}
    answered = [(r, o) for r, o in scored if o.country]  # accuracy where a country is asserted (unknowns left out)
    split = {"catalog": in_catalog, "not in catalog": outside, "country given": answered,
             **{f"gold {b}": s for b, s in by_basis.items()}}
    return {
        "outlets": len({o.name for _, o in scored}),
        "sources": {a: dict(Counter(_source(o, a) for _, o in scored)) for a in ("name", "country", "ownership")},
        "accuracy": {label: {"articles": len(part), "country": _accuracy(part, "gold_country", "country"),
                             "ownership": _accuracy(part, "gold_owner_type", "ownership")}
                     for label, part in split.items()},
    }


def elsewhere(scored: list[tuple[dict, Outlet]], catalog: OutletCatalog) -> dict:
    """Records whose outlet is another site's (its row's domain is not the page's own, nor a host of the same
    catalog row), and of those the ones with a country: read from another host. A name the catalog knows is its
    outlet wherever it is published (a wire's copy on a portal), counted apart as 'catalog'."""
    found: Counter[str] = Counter()
    for record, outlet in scored:
        host = parse_host(_host_key(record))
        site = parse_host(outlet.domain).registrable if outlet.domain else ""
        if not host.name or not site or site == host.registrable:
            continue
        match = catalog.match_url(host.name)
        if match is None or match.row.outlet.name != outlet.name:
            kind = "catalog" if is_catalog_name(outlet.name, catalog) else "given"
            found[kind] += 1
            found[f"{kind} with a country"] += bool(outlet.country)
    return dict(found)


def _write_predictions(path: Path, scored: list[tuple[dict, Outlet]]) -> None:
    with Path(path).open("w", encoding="utf-8") as handle:
        handle.writelines(json.dumps({
                "url": record.get("url"), "outlet": outlet.name, "country": outlet.country,
                "ownership": outlet.ownership, "gold_country": record.get("gold_country"),
                "gold_owner_type": record.get("gold_owner_type"),
                "provenance": [[f.attribute, f.source, f.confidence, f.note] for f in outlet.provenance],
            }, ensure_ascii=False) + "\n" for record, outlet in scored)
