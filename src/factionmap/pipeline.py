"""Composition only: ingest → nlp → extract → resolve → store."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from factionmap.config import Config, dictionary_paths
from factionmap.errors import Errors, FactionmapError
from factionmap.extract.aliases import discover_aliases, nominal_bodies
from factionmap.extract.dates import resolve_dates
from factionmap.extract.events import extract_events
from factionmap.extract.quotes import extract_quotes
from factionmap.extract.relations import extract_relations
from factionmap.geo.locate import locate_mentions
from factionmap.geo.toponyms import PlaceResolver, default_resolver
from factionmap.ingest.cleaning import clean_article, document_id
from factionmap.ingest.readers import load_sidecar, read_articles
from factionmap.nlp.analysis import AnalyzedDocument
from factionmap.nlp.mentions import mentions_from_doc, merge_mentions
from factionmap.nlp.pipeline import build_pipeline, shared_pipeline
from factionmap.records import Document, Event, Geo, Quote, ReadFailure, Relation
from factionmap.resolve.across_docs import EntityIndex, KnownEntity, assign_global_ids
from factionmap.resolve.dictionary import (
    ActorDictionary,
    load_dictionary_files,
    packaged_dictionary,
    packaged_dictionary_paths,
)
from factionmap.resolve.within_doc import resolve_document
from factionmap.store.db import connect, has_document, load_alias_index, write_document


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything one document asserts, with document-local entity ids."""

    analyzed: AnalyzedDocument
    relations: tuple[Relation, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()


def analyze(doc: Doc, document: Document, dictionary: ActorDictionary) -> AnalyzedDocument:
    """Mentions, discovered aliases and within-document entities of a parsed document."""
    found = merge_mentions(mentions_from_doc(doc, document, dictionary), nominal_bodies(document))
    discovered, links = discover_aliases(document, found)
    # Re-typed copies of existing mentions replace them; new alias names are added.
    replaced = {(m.start, m.end): m for m in discovered}
    mentions = [replaced.pop((m.start, m.end), m) for m in found]
    mentions = merge_mentions(mentions, replaced.values())
    entities = resolve_document(document, mentions, links, dictionary)
    return AnalyzedDocument(document, doc, tuple(entities))


def analyze_text(
    text: str, published: str | None = None, nlp: Language | None = None
) -> AnalyzedDocument:
    """Analyse a text as a document (for tests and scripts): no cleaning, no store."""
    document = Document(id=document_id(text), text=text, file="<text>", published=published)
    pipeline = nlp or shared_pipeline()
    return analyze(pipeline(text), document, packaged_dictionary())


def extract_assertions(analyzed: AnalyzedDocument) -> Extraction:
    """Run every assertion extractor over one analysed document."""
    dates = resolve_dates(analyzed)
    quotes = extract_quotes(analyzed)
    return Extraction(
        analyzed,
        relations=tuple(extract_relations(analyzed, dates, quotes)),
        events=tuple(extract_events(analyzed, dates, quotes)),
        quotes=tuple(quotes),
    )


_WORDS = re.compile(r"\w{2,}")


@dataclass(slots=True)
class IngestReport:
    """What an ingest run did."""

    read: int = 0
    added: int = 0
    unchanged: int = 0
    failures: list[ReadFailure] = field(default_factory=list)


def iter_documents(
    paths: Iterable[Path], meta: Path | None, report: IngestReport
) -> Iterator[Document]:
    """Read and clean every article, recording failures in the report."""
    sidecar = load_sidecar(meta) if meta else None
    skip = {meta.resolve()} if meta else set()
    for item in read_articles(paths, sidecar, skip=skip):
        if isinstance(item, ReadFailure):
            report.failures.append(item)
            continue
        report.read += 1
        document = clean_article(item)
        if len(_WORDS.findall(document.text)) < 2:
            # Nothing an analyst could read: furniture only, or a stray byte sequence.
            message = FactionmapError(Errors.E008, item.file)
            report.failures.append(ReadFailure(item.file, str(message)))
            continue
        yield document


def process_documents(
    documents: Iterable[Document],
    nlp: Language | None = None,
    dictionary: ActorDictionary | None = None,
    batch_size: int = 8,
) -> Iterator[Extraction | ReadFailure]:
    """Parse documents in batches and extract what each asserts; failures are yielded."""
    pipeline = nlp or shared_pipeline()
    actors = dictionary or packaged_dictionary()
    pairs = ((d.text, d) for d in documents)
    for doc, document in pipeline.pipe(pairs, as_tuples=True, batch_size=batch_size):
        try:
            yield extract_assertions(analyze(doc, document, actors))
        except Exception as exc:  # one bad document must not stop the run
            yield ReadFailure(
                document.file, f"{document.file}: extraction failed ({type(exc).__name__}: {exc})"
            )


ProgressCallback = Callable[[Document], None]


def load_entity_index(conn: sqlite3.Connection) -> EntityIndex:
    """The knowledge base's entities, as cross-document resolution needs them."""
    stored, names = load_alias_index(conn)
    index = EntityIndex()
    for entity in stored.values():
        known = KnownEntity(entity.id, entity.name, entity.type, entity.actor_key)
        index.add(known, names.get(entity.id, []))
    return index


@dataclass(frozen=True, slots=True)
class Runtime:
    """The configured services one ingest run uses: NLP pipeline, actors, places."""

    nlp: Language
    dictionary: ActorDictionary
    places: PlaceResolver
    batch_size: int = 8


def build_runtime(config: Config | None = None) -> Runtime:
    """Services for a configuration; the packaged defaults are built once per process."""
    config = config or Config()
    if config.actor_dictionaries:
        paths = packaged_dictionary_paths() + dictionary_paths(config)
        dictionary = load_dictionary_files(paths)
        nlp = build_pipeline(dictionary)
    else:
        dictionary, nlp = packaged_dictionary(), shared_pipeline()
    default_places = default_resolver()
    places = (
        default_places
        if tuple(config.theatre) == default_places.preferred_countries
        else PlaceResolver(default_places.gazetteer, preferred_countries=config.theatre)
    )
    return Runtime(nlp, dictionary, places, config.batch_size)


def store_extraction(
    conn: sqlite3.Connection,
    extraction: Extraction,
    index: EntityIndex,
    runtime: Runtime | None = None,
) -> None:
    """Resolve one document's entities against the knowledge base and store it all."""
    analyzed = extraction.analyzed
    entities = list(analyzed.entities)
    global_ids, new_entities = assign_global_ids(entities, index)
    dictionary = runtime.dictionary if runtime else packaged_dictionary()
    located = locate_mentions(analyzed, runtime.places if runtime else None)
    extra: dict[str, dict] = {}
    for gid, entity in new_entities.items():
        entry = dictionary.by_key.get(entity.actor_key or "")
        extra[gid] = {
            "wikidata": entry.wikidata if entry else None,
            "geo": _as_dict(located.entities.get(entity.local_id)),
        }
    write_document(
        conn,
        analyzed.document,
        entities,
        global_ids,
        new_entities,
        extraction.relations,
        extraction.events,
        extraction.quotes,
        extra,
        {(m.start, m.end): asdict(geo) for m, geo in located.mentions.items()},
    )


def _as_dict(geo: Geo | None) -> dict | None:
    return asdict(geo) if geo is not None else None


def ingest(
    paths: Iterable[Path],
    db_path: Path,
    meta: Path | None = None,
    on_start: Callable[[int], None] | None = None,
    on_document: ProgressCallback | None = None,
    config: Config | None = None,
) -> IngestReport:
    """Read, analyse and store articles; documents already stored are skipped."""
    report = IngestReport()
    runtime = build_runtime(config)
    conn = connect(db_path)
    try:
        pending: dict[str, Document] = {}
        for document in iter_documents(paths, meta, report):
            if document.id in pending or has_document(conn, document.id):
                report.unchanged += 1
            else:
                pending[document.id] = document
        if on_start:
            on_start(len(pending))
        index = load_entity_index(conn)
        results = process_documents(
            pending.values(), runtime.nlp, runtime.dictionary, runtime.batch_size
        )
        for result in results:
            if isinstance(result, ReadFailure):
                report.failures.append(result)
                continue
            try:
                store_extraction(conn, result, index, runtime)
                report.added += 1
            except sqlite3.Error as exc:
                # The document's transaction rolled back; forget entities it would have added.
                report.failures.append(
                    ReadFailure(
                        result.analyzed.document.file,
                        f"{result.analyzed.document.file}: not stored ({exc})",
                    )
                )
                index = load_entity_index(conn)
            if on_document:
                on_document(result.analyzed.document)
    finally:
        conn.close()
    return report
