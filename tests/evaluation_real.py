"""Scorers for public annotated real text kept in tests/data: PLOVER's gold-standard event
records and Dstl's re3d relations. Independent of the project's code: they read only the
JSON export (and the documents' cleaned text, which every offset refers to)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
PLOVER = DATA / "plover" / "PLOVER_GSR_dev.json"
RE3D = DATA / "re3d"
# PLOVER's older categories, as our ontology names them.
PLOVER_TYPE = {
    "DEMAND": "REQUEST",
    "FIGHT": "ASSAULT",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
}
RE3D_PREDICATES = {
    "BelongsTo": {"member_of", "part_of", "leader_of"},
    "InChargeOf": {"leader_of"},
    "AlliesOf": {"allied_with"},
    "FightingAgainst": {"hostile_to"},
}
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "them"}


def words(text: str) -> set[str]:
    """Lower-case content words, for matching an actor's text to a predicted entity."""
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in {"the", "of", "a", "an"}}


def plover_records() -> list[dict[str, Any]]:
    """The coded sentences (the DOCUMENT record describes the format and is skipped)."""
    return [r for r in json.loads(PLOVER.read_text(encoding="utf-8")) if r["event"] != "DOCUMENT"]


def write_plover_articles(target: Path) -> Path:
    """Each record as a one-sentence article, for ingest as JSONL."""
    with target.open("w", encoding="utf-8") as out:
        for number, record in enumerate(plover_records()):
            line = {
                "id": f"p{number:03d}",
                "text": record["text"],
                "published": "2015-01-01",
                "outlet": "plover-gsr",
            }
            out.write(json.dumps(line) + "\n")
    return target


def _entity_words(kb: dict[str, Any]) -> dict[str, list[set[str]]]:
    found: dict[str, list[set[str]]] = {}
    for e in kb["entities"]:
        names = [e["name"], *e.get("aliases", []), *(m["text"] for m in e["mentions"])]
        found[e["id"]] = [words(n) for n in names if words(n)]
    return found


def _actor_matches(
    gold: list[dict], predicted: list[str], names: dict[str, list[set[str]]]
) -> bool:
    """A gold actor ("Israeli troops") is found when a predicted actor's name shares its
    head words ("Israel" does not match "Israeli": demonym states are named as such)."""
    for actor in gold:
        wanted = words(actor.get("actorText", ""))
        for entity in predicted:
            for name in names.get(entity, []):
                if wanted and name and (name <= wanted or wanted <= name):
                    return True
                if _demonym_match(wanted, name):
                    return True
    return False


def _demonym_match(wanted: set[str], name: set[str]) -> bool:
    # "Israeli troops" names Israel the state acting; "Iraqi" → "Iraq".
    stems = {w[:-1] if w.endswith(("i", "n")) else w for w in wanted}
    return (
        bool(name)
        and len(name) == 1
        and any(next(iter(name)).startswith(s) for s in stems if len(s) > 3)
    )


def plover_figures(kb: dict[str, Any], texts: dict[str, str]) -> dict[str, float]:
    """Share of records with an event of the gold type; of those, right source and target."""
    records = plover_records()
    doc_of_text = {text.strip(): doc for doc, text in texts.items()}
    events: dict[str, list[dict]] = defaultdict(list)
    for event in kb["events"]:
        for evidence in event["evidence"]:
            events[evidence["doc"]].append(event)
    names = _entity_words(kb)
    typed = source_right = target_right = with_target = 0
    for record in records:
        wanted = PLOVER_TYPE.get(record["event"], record["event"])
        found = [
            e
            for e in events.get(doc_of_text.get(record["text"].strip(), ""), [])
            if e["type"] == wanted
        ]
        if not found:
            continue
        typed += 1
        source_right += any(
            _actor_matches(record.get("source") or [], e["source"], names) for e in found
        )
        if record.get("target"):
            with_target += 1
            target_right += any(_actor_matches(record["target"], e["target"], names) for e in found)
    return {
        "records": len(records),
        "type": typed / len(records),
        "source": source_right / typed if typed else 0.0,
        "target": target_right / with_target if with_target else 0.0,
    }


def re3d_documents() -> list[dict[str, Any]]:
    """Every re3d document kept in tests/data, with its folder's gold relations."""
    found = []
    for folder in sorted(p for p in RE3D.iterdir() if p.is_dir()):
        relations: dict[str, list[dict]] = defaultdict(list)
        for line in (folder / "relations.json").read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                relations[row["documentId"]].append(row)
        for line in (folder / "documents.json").read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc = json.loads(line)
                found.append({**doc, "folder": folder.name, "relations": relations[doc["_id"]]})
    return found


def write_re3d_articles(target: Path) -> Path:
    """Every re3d document as an undated article, for ingest as JSONL."""
    with target.open("w", encoding="utf-8") as out:
        for doc in re3d_documents():
            line = {
                "id": doc["_id"],
                "text": doc["text"],
                "title": doc.get("title"),
                "outlet": doc["folder"],
                "url": doc.get("sourceUrl"),
            }
            out.write(json.dumps(line) + "\n")
    return target


def _proper(value: str) -> bool:
    return bool(value) and value[0].isupper() and value.lower() not in PRONOUNS


_PARTICLES = {"of", "the", "and", "in", "for", "al", "el", "bin", "ibn", "de", "du"}
_OFFICE_WORDS = {
    "minister", "commander", "general", "director", "secretary", "president", "leader",
    "chief", "head", "spokesman", "ambassador", "envoy", "governor", "mayor",
}  # fmt: skip


def _is_name(value: str) -> bool:
    """A proper name ("DDG 72", "State Board of Antiquities and Heritage"), not a
    description or a post ("U.S. Central Command commander", "Minister of Foreign Affairs
    of Iraq"): every content word capitalised or a number, and no office word."""
    content = [w for w in re.findall(r"[\w’'.-]+", value) if w.lower() not in _PARTICLES]
    return (
        _proper(value)
        and bool(content)
        and all(w[0].isupper() or w[0].isdigit() for w in content)
        and not any(w.lower().strip(".") in _OFFICE_WORDS for w in content)
    )


def _span_in(text: str, value: str, near: int) -> tuple[int, int] | None:
    """Where a gold string sits in our cleaned text: the occurrence nearest its offset."""
    starts = [m.start() for m in re.finditer(re.escape(value), text)]
    if not starts:
        return None
    start = min(starts, key=lambda s: abs(s - near))
    return start, start + len(value)


def re3d_figures(kb: dict[str, Any], texts: dict[str, str]) -> dict[str, float]:
    """Relation recall (overall, and where both entities are found), a precision lower bound,
    synonym pairs held by one entity (all, and name↔name), and gold persons typed ORG among
    the 20 most frequent."""
    doc_by_file = {d["id"]: d["file"].rsplit("#", 1)[-1] for d in kb["documents"]}
    ours = {gold_id: doc for doc, gold_id in doc_by_file.items()}
    mentions: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    for e in kb["entities"]:
        for m in e["mentions"]:
            mentions[m["doc"]].append((m["start"], m["end"], e["id"], e["type"]))
    predicted: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for r in kb["relations"]:
        if r.get("polarity", "asserted") == "asserted":
            predicted[r["evidence"][0]["doc"]].add((r["subject"], r["predicate"], r["object"]))

    def entity_at(doc: str, value: str, near: int) -> tuple[str, str] | None:
        span = _span_in(texts.get(doc, ""), value, near)
        if span is None:
            return None
        hits = [(eid, t) for s, e, eid, t in mentions[doc] if s < span[1] and span[0] < e]
        return hits[0] if hits else None

    total = found_both = recalled = synonyms = synonym_pairs = name_synonyms = name_pairs = 0
    matched_predictions: set[tuple[str, tuple[str, str, str]]] = set()
    person_types: dict[str, list[str]] = defaultdict(list)
    for gold in re3d_documents():
        doc = ours.get(gold["_id"])
        if doc is None:
            continue
        seen: set[tuple] = set()
        for rel in gold["relations"]:
            if rel.get("confidence", 1) < 0.5 or not (
                _proper(rel["source"]) and _proper(rel["target"])
            ):
                continue
            a = entity_at(doc, rel["source"], rel["sourceBegin"])
            b = entity_at(doc, rel["target"], rel["targetBegin"])
            if rel["type"] == "IsSynonymOf":
                if a and b:
                    synonym_pairs += 1
                    synonyms += a[0] == b[0]
                    if _is_name(rel["source"]) and _is_name(rel["target"]):
                        name_pairs += 1
                        name_synonyms += a[0] == b[0]
                continue
            if rel["type"] not in RE3D_PREDICATES:
                continue
            key = (rel["type"], *sorted((rel["source"], rel["target"])))
            if key in seen:  # re3d lists relations in both directions
                continue
            seen.add(key)
            total += 1
            if not (a and b) or a[0] == b[0]:
                continue
            found_both += 1
            hit = [
                p
                for p in predicted[doc]
                if p[1] in RE3D_PREDICATES[rel["type"]] and {p[0], p[2]} == {a[0], b[0]}
            ]
            if hit:
                recalled += 1
                matched_predictions.update((doc, p) for p in hit)
        for line in (
            (RE3D / gold["folder"] / "entities.json").read_text(encoding="utf-8").splitlines()
        ):
            row = json.loads(line) if line.strip() else None
            if (
                row
                and row["documentId"] == gold["_id"]
                and row["type"] == "Person"
                and _proper(row["value"])
            ):
                hit = entity_at(doc, row["value"], row["begin"])
                person_types[row["value"]].append(hit[1] if hit else "missed")
    frequent = sorted(person_types, key=lambda name: -len(person_types[name]))[:20]
    as_org = [
        name for name in frequent if person_types[name].count("ORG") > len(person_types[name]) / 2
    ]
    all_predicted = sum(len(v) for d, v in predicted.items() if d in ours.values())
    return {
        "gold_relations": total,
        "recall": recalled / total if total else 0.0,
        "recall_both_found": recalled / found_both if found_both else 0.0,
        "both_found": found_both,
        "precision_lower_bound": len(matched_predictions) / all_predicted if all_predicted else 0.0,
        "synonyms_one_entity": synonyms / synonym_pairs if synonym_pairs else 0.0,
        # Issue 8's measure: name↔name pairs only (a post or a description is no name).
        "synonym_names_one_entity": name_synonyms / name_pairs if name_pairs else 0.0,
        "persons_as_org": len(as_org),
    }
