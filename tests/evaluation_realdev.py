"""The real development set (issue 7): news excerpts nobody on the team wrote, annotated by
hand before the extractor ever ran on them.

Only the manifests (url, outlet, date, the search that returned the text, its sha256) and the
gold files are committed; the texts live in the git-ignored tests/data/realdev/texts/ and are
rebuilt there with `python tests/realdev.py --from DIR`. A quarter of the set is blind: it is
scored only at the end of a piece of work, never tuned on.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.evaluation import TIME_RIGHT, ingest_and_export, load_json, score

REALDEV = Path(__file__).parent / "data" / "realdev"
TEXTS = REALDEV / "texts"
GOLD = REALDEV / "gold"
SPLITS = ("dev", "blind")
MANIFEST_FIELDS = ("id", "url", "outlet", "published", "title", "query", "rank", "sha256", "split")


class RealdevError(ValueError):
    """A manifest or gold file that cannot be used, named with its file and problem."""


@dataclass(frozen=True, slots=True)
class Article:
    """One manifest line: where the text came from and how to check a rebuilt copy."""

    id: str
    url: str
    outlet: str
    published: str
    title: str
    sha256: str
    split: str


def manifest_articles(folder: Path = REALDEV) -> list[Article]:
    """Every article listed in the folder's manifest-*.jsonl files, in id order."""
    found: dict[str, Article] = {}
    for manifest in sorted(folder.glob("manifest-*.jsonl")):
        lines = manifest.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{manifest.name}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise RealdevError(f"{where}: not valid JSON ({exc.msg})") from None
            missing = [f for f in MANIFEST_FIELDS if f not in row]
            if missing:
                raise RealdevError(f"{where}: missing {', '.join(missing)}")
            if row["split"] not in SPLITS:
                raise RealdevError(f"{where}: split {row['split']!r} is not dev or blind")
            if row["id"] in found:
                raise RealdevError(f"{where}: id {row['id']} listed twice")
            found[row["id"]] = Article(
                **{f: str(row[f]) for f in Article.__slots__}  # type: ignore[arg-type]
            )
    return [found[k] for k in sorted(found)]


def sha256_of(path: Path) -> str:
    """The hex sha256 of a file's bytes (the manifest records it of the UTF-8 text)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def text_problem(article: Article, texts: Path = TEXTS) -> str | None:
    """Why the article's text cannot be used as annotated (absent, or not the same bytes)."""
    path = texts / f"{article.id}.txt"
    if not path.is_file():
        return f"{path}: missing ({article.outlet}, {article.url})"
    if sha256_of(path) != article.sha256:
        return f"{path}: sha256 differs from the manifest; the text is not the one annotated"
    return None


def copy_texts(source: Path, articles: list[Article], texts: Path = TEXTS) -> list[str]:
    """Copy each article's text from source when its sha256 matches; one line per problem."""
    texts.mkdir(parents=True, exist_ok=True)
    problems = []
    for article in articles:
        problem = text_problem(article, source)
        if problem:
            problems.append(problem)
        else:
            shutil.copyfile(source / f"{article.id}.txt", texts / f"{article.id}.txt")
    return problems


def available(articles: list[Article], split: str, texts: Path = TEXTS) -> list[Article]:
    """The split's articles whose text is present and is the text annotated."""
    return [a for a in articles if a.split == split and text_problem(a, texts) is None]


def article_gold(article: Article, gold_dir: Path = GOLD) -> Path:
    """The article's gold file, checked to describe exactly that article."""
    path = gold_dir / f"{article.id}.json"
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise RealdevError(f"{path}: cannot read the gold file ({exc})") from None
    if gold.get("docs") != {article.id: {"published": article.published, "url": article.url}}:
        raise RealdevError(
            f"{path}: docs must be exactly {article.id} with the manifest's date and url"
        )
    return path


def write_sidecar(articles: list[Article], path: Path) -> Path:
    """The manifest's metadata as an ingest sidecar keyed by the text file's name."""
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            row = {"id": a.id, "file": f"{a.id}.txt", "url": a.url, "outlet": a.outlet}
            out.write(json.dumps({**row, "published": a.published, "title": a.title}) + "\n")
    return path


def load_scorer(path: Path) -> ModuleType:
    """The shared scorer as a module, so its name matching is reused, never copied."""
    spec = importlib.util.spec_from_file_location("shared_score", path)
    assert spec and spec.loader, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def event_time_right(scorer: ModuleType, gold: dict, kb: dict) -> tuple[int, int]:
    """Of the gold events with a time that some predicted event matches (the scorer's rule:
    same document, accepted type, a shared source, a shared target when the gold has one),
    how many are matched by an event whose date starts with the gold time."""
    kb = scorer.remap_documents(kb, gold)
    gold_ids: dict[str, set[str]] = {}
    for entity in gold["entities"]:
        for name in entity["names"]:
            gold_ids.setdefault(scorer.norm(name), set()).add(entity["id"])
    mapped: dict[str, str | None] = {}
    for e in kb["entities"]:
        hits: dict[str, int] = {}
        for name in [e.get("name", ""), *(e.get("aliases") or [])]:
            for gid in gold_ids.get(scorer.norm(name), ()):
                hits[gid] = hits.get(gid, 0) + 1
        mapped[e["id"]] = max(hits, key=lambda g: hits[g]) if hits else None
    right = total = 0
    for g in gold["events"]:
        if not g.get("time") or not g.get("required", True):
            continue
        dates = []
        for e in kb["events"]:
            source = {mapped.get(x) for x in e.get("source") or []}
            target = {mapped.get(x) for x in e.get("target") or []}
            if (
                g["doc"] in scorer.ev_docs(e)
                and e.get("type") in {g["type"], *g.get("accept_types", [])}
                and source & set(g["source"])
                and (not g["target"] or target & set(g["target"]))
            ):
                dates.append(str((e.get("time") or {}).get("date") or ""))
        if dates:
            total += 1
            right += any(d.startswith(str(g["time"])) for d in dates)
    return right, total


LAYER_COUNTS = re.compile(
    r"^(?P<layer>entities|relations|events|quotes)\s+P=.*?"
    r"\(tp=(?P<tp>\d+) fp=(?P<fp>\d+) fn=(?P<fn>\d+)",
    re.MULTILINE,
)
LAYERS = {"entities": "entity", "relations": "relation", "events": "event", "quotes": "quote"}


def f1(tp: int, fp: int, fn: int) -> float:
    """The harmonic mean of precision and recall (0 when either is)."""
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def evaluate(
    scorer_path: Path, articles: list[Article], folder: Path, texts: Path = TEXTS
) -> dict[str, Any]:
    """Ingest the articles with the real pipeline into one fresh SQLite store, export JSON and
    score it with the shared scorer article by article, summing its counts (the scorer maps
    each predicted entity to one gold id over the whole gold file, so articles annotated
    separately are scored separately); adds event time, which the scorer does not give."""
    golds = [article_gold(a) for a in articles]  # before ingest: never run on unannotated text
    inputs = folder / "articles"
    inputs.mkdir(parents=True)
    for a in articles:
        shutil.copyfile(texts / f"{a.id}.txt", inputs / f"{a.id}.txt")
    export = ingest_and_export(inputs, write_sidecar(articles, folder / "meta.jsonl"), folder)
    kb = json.loads(export.read_text(encoding="utf-8"))
    scorer = load_scorer(scorer_path)
    counts = {layer: [0, 0, 0] for layer in LAYERS.values()}
    timed = {"relations": [0, 0], "events": [0, 0]}
    reports = []
    for a, gold_path in zip(articles, golds, strict=True):
        _, report = score(scorer_path, gold_path, export)
        reports.append(f"== {a.id} ({a.outlet}, {a.published})\n{report}")
        for m in LAYER_COUNTS.finditer(report):
            for i, key in enumerate(("tp", "fp", "fn")):
                counts[LAYERS[m["layer"]]][i] += int(m[key])
        if match := TIME_RIGHT.search(report):
            timed["relations"][0] += int(match["right"])
            timed["relations"][1] += int(match["total"])
        right, total = event_time_right(scorer, load_json(gold_path), kb)
        timed["events"][0] += right
        timed["events"][1] += total
    with_time = timed["relations"][1] + timed["events"][1]
    return {
        **{layer: f1(*c) for layer, c in counts.items()},
        "counts": {
            layer: dict(zip(("tp", "fp", "fn"), c, strict=True)) for layer, c in counts.items()
        },
        "articles": len(articles),
        "outlets": len({a.outlet for a in articles}),
        "time_right_relations": "{}/{}".format(*timed["relations"]),
        "time_right_events": "{}/{}".format(*timed["events"]),
        "time_right": (timed["relations"][0] + timed["events"][0]) / with_time
        if with_time
        else None,
        "report": "\n".join(reports),
    }
