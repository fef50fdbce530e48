"""Composition only: ingest → nlp → extract → resolve → store."""

from __future__ import annotations

import itertools
import os
import pickle
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import asdict, dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from factionmap.config import Config, dictionary_paths
from factionmap.errors import Errors, FactionmapError
from factionmap.extract.aliases import discover_aliases, nominal_bodies, spelled_out_acronyms
from factionmap.extract.dates import resolve_dates
from factionmap.extract.events import extract_events
from factionmap.extract.quotes import extract_quotes
from factionmap.extract.relations import extract_relations
from factionmap.geo.locate import locate_mentions
from factionmap.geo.toponyms import PlaceResolver, default_resolver
from factionmap.ingest.cleaning import (
    clean_article,
    document_id,
    published_from_url,
    valid_published,
)
from factionmap.ingest.engines import open_engine
from factionmap.ingest.near_duplicates import CopyFinder, CopyOf, Signature, signature
from factionmap.ingest.readers import ReadLimits, load_sidecar, read_articles
from factionmap.nlp.analysis import AnalyzedDocument
from factionmap.nlp.descriptions import description_mentions
from factionmap.nlp.mentions import mentions_from_doc, merge_mentions
from factionmap.nlp.pipeline import build_pipeline, shared_pipeline
from factionmap.nlp.places import default_place_names
from factionmap.records import DocEntity, Document, Event, Quote, ReadFailure, Relation
from factionmap.resolve.across_docs import EntityIndex, KnownEntity, assign_global_ids
from factionmap.resolve.appositions import appositive_descriptions
from factionmap.resolve.dictionary import (
    ActorDictionary,
    load_dictionary_files,
    packaged_dictionary,
    packaged_dictionary_paths,
)
from factionmap.resolve.offices import office_mentions
from factionmap.resolve.within_doc import resolve_document
from factionmap.store.db import (
    connect,
    has_document,
    load_alias_index,
    stored_signatures,
    transaction,
    write_copy,
    write_document,
    writer_lock,
)
from factionmap.store.decisions import all_decisions, apply_decisions, kept_apart, own_names


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything one document asserts, with document-local entity ids."""

    analyzed: AnalyzedDocument
    relations: tuple[Relation, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()


def analyze(doc: Doc, document: Document, dictionary: ActorDictionary) -> AnalyzedDocument:
    """Mentions, discovered aliases and within-document entities of a parsed document."""
    named = mentions_from_doc(doc, document, dictionary)
    # Curated names first, then posts named by title, then what the model and cues found.
    curated = [m for m in named if m.source == "dictionary"]
    described = description_mentions(document, named, dictionary, default_place_names())
    found = merge_mentions(
        curated, office_mentions(document, dictionary), described, named, nominal_bodies(document)
    )
    # "the Syria Recovery Trust Fund (SRTF)": the spelled-out name wins over its fragments.
    spelled, spelled_links = spelled_out_acronyms(document, found)
    found = merge_mentions(spelled, found)
    discovered, links = discover_aliases(document, found)
    links = [*spelled_links, *links]
    # Re-typed copies of existing mentions replace them; new alias names are added.
    replaced = {(m.start, m.end): m for m in discovered}
    mentions = [replaced.pop((m.start, m.end), m) for m in found]
    # An alias read whole replaces the part of it the model found ("DDG 72" over "DDG").
    widened = [
        m for m in replaced.values() if any(m.start <= f.start and f.end <= m.end for f in found)
    ]
    mentions = merge_mentions(widened, mentions, replaced.values())
    # "Gen. Joseph L. Votel, U.S. Central Command commander": the description beside a name.
    described, description_links = appositive_descriptions(doc, document, mentions)
    mentions = merge_mentions(mentions, described)
    kept = set(mentions)
    links += [link for link in description_links if link.second in kept]
    entities = resolve_document(document, mentions, links, dictionary)
    return AnalyzedDocument(document, doc, tuple(entities))


def analyze_text(
    text: str, published: str | None = None, nlp: Language | None = None
) -> AnalyzedDocument:
    """Analyse a text as a document (for tests and scripts): no cleaning, no store."""
    document = Document(id=document_id(text), text=text, file="<text>", published=published)
    pipeline = nlp or shared_pipeline()
    return analyze(pipeline(text), document, packaged_dictionary())


ProgressCallback = Callable[[Document], None]


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


Item = TypeVar("Item")
_WORDS = re.compile(r"\w{2,}")


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """What one document asserts, ready for the writer; no parse attached, so it pickles."""

    document: Document
    entities: tuple[DocEntity, ...]
    relations: tuple[Relation, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    located: dict[str, dict] = field(default_factory=dict)  # local id → geo
    wikidata: dict[str, str] = field(default_factory=dict)  # local id → Wikidata id
    mention_geo: dict[tuple[int, int], dict] = field(default_factory=dict)  # span → geo


@dataclass(slots=True)
class IngestReport:
    """What an ingest run did."""

    read: int = 0
    added: int = 0
    unchanged: int = 0
    failures: list[ReadFailure] = field(default_factory=list)
    warnings: list[ReadFailure] = field(default_factory=list)
    copies: int = 0  # near-duplicates linked to an earlier article instead of analysed
    decisions: int = 0  # analyst decisions re-applied after the writes
    unresolved: int = 0  # of those, decisions whose entities are no longer in the store


def iter_documents(
    paths: Iterable[Path],
    meta: Path | None,
    report: IngestReport,
    config: Config | None = None,
    on_problem: Callable[[ReadFailure, bool], None] | None = None,
) -> Iterator[Document]:
    """Read and clean every article, one at a time, recording problems in the report.

    `on_problem(problem, fatal)` hears of each failure (fatal) or warning as it happens."""
    config = config or Config()
    limits = ReadLimits(max_file_bytes=config.max_file_bytes)

    def fail(problem: ReadFailure) -> None:
        report.failures.append(problem)
        if on_problem:
            on_problem(problem, True)

    sidecar = load_sidecar(meta) if meta else None
    skip = {meta.resolve()} if meta else set()
    for item in read_articles(paths, sidecar, skip=skip, limits=limits):
        if isinstance(item, ReadFailure):
            fail(item)
            continue
        report.read += 1
        document = clean_article(item)
        if len(document.text) > config.max_document_chars:
            size, limit = len(document.text), config.max_document_chars
            fail(
                ReadFailure(
                    item.file, str(FactionmapError(Errors.E042, item.file, size=size, limit=limit))
                )
            )
            continue
        if len(_WORDS.findall(document.text)) < 2:
            # Nothing an analyst could read: furniture only, or a stray byte sequence.
            fail(ReadFailure(item.file, str(FactionmapError(Errors.E008, item.file))))
            continue
        if document.published and not valid_published(document.published):
            warning = FactionmapError(Errors.E048, item.file, value=document.published)
            report.warnings.append(ReadFailure(item.file, str(warning)))
            if on_problem:
                on_problem(report.warnings[-1], False)
            document = replace(document, published=published_from_url(document.url))
        yield document


def facts_of(doc: Doc, document: Document, runtime: Runtime) -> DocumentFacts:
    """Analyse one parsed document and extract everything it asserts."""
    extraction = extract_assertions(analyze(doc, document, runtime.dictionary))
    analyzed = extraction.analyzed
    wikidata = {}
    for entity in analyzed.entities:
        entry = runtime.dictionary.by_key.get(entity.actor_key or "")
        if entry and entry.wikidata:
            wikidata[entity.local_id] = entry.wikidata
    located = locate_mentions(analyzed, runtime.places)
    return DocumentFacts(
        document,
        analyzed.entities,
        extraction.relations,
        extraction.events,
        extraction.quotes,
        {local_id: asdict(geo) for local_id, geo in located.entities.items()},
        wikidata,
        {(m.start, m.end): asdict(geo) for m, geo in located.mentions.items()},
    )


def _failed(document: Document, exc: BaseException) -> ReadFailure:
    return ReadFailure(
        document.file, f"{document.file}: extraction failed ({type(exc).__name__}: {exc})"
    )


def process_batch(
    documents: list[Document], runtime: Runtime | None = None
) -> list[DocumentFacts | ReadFailure]:
    """Parse a batch and extract what each document asserts; failures are returned, not raised."""
    runtime = runtime or build_runtime()
    if not documents:
        return []
    results: list[DocumentFacts | ReadFailure] = []
    try:
        pairs = ((d.text, d) for d in documents)
        for doc, document in runtime.nlp.pipe(pairs, as_tuples=True, batch_size=len(documents)):
            try:
                results.append(facts_of(doc, document, runtime))
            except (Exception, RecursionError) as exc:  # one bad document must not stop the run
                results.append(_failed(document, exc))
    except Exception as exc:
        if len(documents) == 1:
            return [_failed(documents[0], exc)]
        # The parser failed on the batch as a whole: parse one by one to isolate the culprit.
        results = []
        for document in documents:
            results += process_batch([document], runtime)
    return results


_RUNTIMES: dict[bytes, Runtime] = {}


def analyse_batch(
    config: Config, items: Sequence[Document | CopyOf]
) -> list[DocumentFacts | ReadFailure | CopyOf]:
    """process_batch with the runtime of a configuration, built once per worker process.

    Copies pass through unanalysed, in their place, so the writer sees input order."""
    documents = [item for item in items if isinstance(item, Document)]
    if documents:
        key = pickle.dumps(config)
        if key not in _RUNTIMES:
            _RUNTIMES[key] = build_runtime(config)
        analysed = iter(process_batch(documents, _RUNTIMES[key]))
    results: list[DocumentFacts | ReadFailure | CopyOf] = []
    for item in items:
        results.append(next(analysed) if isinstance(item, Document) else item)
    return results


# Names an actor, a place, a date and a claim: analysing it loads every lazily built part.
_WARM_UP_TEXT = (
    "Fighters of the Syrian Democratic Forces said on Monday that Turkish drones struck a "
    'checkpoint near Manbij. "We will respond," a commander told Reuters in Damascus.'
)


def warm_runtime(config: Config | None = None) -> None:
    """Build a configuration's runtime now, before worker processes are forked from this one,
    and analyse one short text with it: the gazetteer, lexicons and caches that analysis
    builds on first use are then built once here, not again in every worker."""
    config = config or Config()
    key = pickle.dumps(config)
    if key not in _RUNTIMES:
        _RUNTIMES[key] = build_runtime(config)
        text = _WARM_UP_TEXT
        warm = Document(id=document_id(text), text=text, file="<warm-up>", published="2020-01")
        process_batch([warm], _RUNTIMES[key])


def load_entity_index(conn: sqlite3.Connection) -> EntityIndex:
    """The knowledge base's entities, as cross-document resolution needs them."""
    stored, names = load_alias_index(conn)
    index = EntityIndex()
    for entity in stored.values():
        known = KnownEntity(entity.id, entity.name, entity.type, entity.actor_key)
        index.add(known, names.get(entity.id, []))
    for decision, first, second in kept_apart(conn):
        index.keep_apart(first, second, *own_names(decision))
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
    # Longer articles are refused before parsing (max_document_chars), so spaCy's own
    # guard must not fire first with an error of its own.
    nlp.max_length = max(nlp.max_length, config.max_document_chars + 1)
    default_places = default_resolver()
    places = (
        default_places
        if tuple(config.theatre) == default_places.preferred_countries
        else PlaceResolver(default_places.gazetteer, preferred_countries=config.theatre)
    )
    return Runtime(nlp, dictionary, places, config.batch_size)


def store_facts(
    conn: sqlite3.Connection,
    facts: DocumentFacts,
    index: EntityIndex,
    signature: Signature | None = None,
    ingested_at: str | None = None,
) -> None:
    """Resolve one document's entities against the knowledge base and store it all
    (`ingested_at`: the first ingest's time, kept by a re-extraction)."""
    entities = list(facts.entities)
    global_ids, new_entities = assign_global_ids(entities, index)
    extra: dict[str, dict] = {}
    for gid, entity in new_entities.items():
        extra[gid] = {
            "wikidata": facts.wikidata.get(entity.local_id),
            "geo": facts.located.get(entity.local_id),
        }
    write_document(
        conn,
        facts.document,
        entities,
        global_ids,
        new_entities,
        facts.relations,
        facts.events,
        facts.quotes,
        extra,
        mention_geo=facts.mention_geo,
        signature=(signature.to_bytes(), signature.bands()) if signature else None,
        ingested_at=ingested_at,
    )
    # The index now knows every name just stored, exactly as one reloaded from the store
    # would: a run resumed after a crash then resolves like an uninterrupted one.
    for entity in entities:
        known = index.entities[global_ids[entity.local_id]]
        index.add(known, [entity.name, *entity.aliases, *entity.former_names])


def _batches(items: Iterable[Item], size: int, words: int = 0) -> Iterator[list[Item]]:
    """Batches of at most `size` items and, when `words` is set, about `words` words of
    documents to analyse (copies weigh nothing): workers given even shares finish together,
    so no core idles at the end of a run while one worker finishes a long batch."""
    batch: list[Item] = []
    weight = 0
    for item in items:
        batch.append(item)
        if words and isinstance(item, Document):
            weight += len(item.text.split())
        if len(batch) >= max(size, 1) or (words and weight >= words):
            yield batch
            batch, weight = [], 0
    if batch:
        yield batch


def ingest(
    paths: Iterable[Path],
    db_path: Path,
    meta: Path | None = None,
    on_document: ProgressCallback | None = None,
    config: Config | None = None,
    on_problem: Callable[[ReadFailure, bool], None] | None = None,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
) -> IngestReport:
    """Read, analyse and store articles as a stream; documents already stored are skipped.

    Analysis runs on `workers` processes (or a Dask cluster); this process alone writes,
    one transaction per document, in input order, holding the store's writer lock."""
    config = config or Config()
    report = IngestReport()
    with writer_lock(db_path):
        conn = connect(db_path)
        try:
            seen: set[str] = set()
            copies = CopyFinder(config.near_duplicates, partial(stored_signatures, conn))

            def fresh(documents: Iterable[Document]) -> Iterator[Document | CopyOf]:
                for document in documents:
                    if document.id in seen or has_document(conn, document.id):
                        report.unchanged += 1
                        continue
                    seen.add(document.id)
                    sig = signature(document.text) if config.near_duplicates > 0 else None
                    if sig is not None:
                        earlier = copies.find(sig)
                        if earlier is not None:
                            yield CopyOf(document, *earlier)
                            continue
                        copies.add(document.id, sig)
                    yield document

            documents = fresh(iter_documents(paths, meta, report, config, on_problem))
            batches = _batches(documents, config.batch_size, config.batch_words)
            # Starting workers costs a model load each: a run of one or two batches stays here.
            head = list(itertools.islice(batches, 2))
            if len(head) < 2 and engine == "local":
                workers = 1
            index = load_entity_index(conn)
            work = partial(analyse_batch, config)
            preload = ("factionmap.ingest.warm",)
            with open_engine(work, workers, engine, scheduler, preload) as run:
                for results in run(itertools.chain(head, batches)):
                    for result in results:
                        if isinstance(result, ReadFailure):
                            report.failures.append(result)
                            if on_problem:
                                on_problem(result, True)
                            continue
                        if isinstance(result, CopyOf):
                            _store_copy(conn, result, report, on_problem)
                        else:
                            sig = copies.settle(result.document.id)
                            index = _store_one(conn, result, index, report, on_problem, sig)
                        if on_document:
                            on_document(result.document)
            if report.added:
                _reapply(conn, report)
        finally:
            conn.close()
    return report


def _reapply(conn: sqlite3.Connection, report: IngestReport) -> None:
    """Make the freshly written store agree with the analyst's decisions again."""
    applied = apply_decisions(conn)
    report.decisions = len(all_decisions(conn))
    report.unresolved = len(applied.unresolved)


def reextract(
    db_path: Path,
    config: Config | None = None,
    on_document: ProgressCallback | None = None,
) -> IngestReport:
    """Re-run extraction over every stored document and re-apply the analyst's decisions.

    The new store is built beside the old one and replaces it only when complete, so an
    interrupted run loses nothing. A document whose extraction fails keeps its text (with no
    facts) and is reported."""
    config = config or Config()
    with writer_lock(db_path):
        with closing(connect(db_path)) as old:
            stored = old.execute("SELECT * FROM documents ORDER BY ingested_at, rowid").fetchall()
            decided = [dict(r) for r in old.execute("SELECT * FROM decisions ORDER BY id")]
            # Near-duplicate links stay: copies are never analysed, so nothing rebuilds them.
            kept = {
                table: [dict(r) for r in old.execute(f"SELECT * FROM {table}")]  # noqa: S608
                for table in _KEPT_BY_REEXTRACT
            }
        documents = [
            Document(
                id=r["id"], text=r["text"], file=r["file"], url=r["url"], outlet=r["outlet"],
                title=r["title"], published=r["published"], language=r["language"],
                author=r["author"], verified=bool(r["verified"]),
                translated_from=r["translated_from"],
            )
            for r in stored
        ]  # fmt: skip
        first_ingest = {r["id"]: r["ingested_at"] for r in stored}
        fresh = db_path.with_name(db_path.name + ".reextract")
        for leftover in (fresh, *(fresh.with_name(fresh.name + s) for s in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
        report = IngestReport(read=len(documents))
        conn = connect(fresh)
        try:
            _insert_rows(conn, "decisions", decided)
            index = load_entity_index(conn)
            done: set[str] = set()
            for batch in _batches(documents, config.batch_size):
                for result in analyse_batch(config, batch):
                    if not isinstance(result, DocumentFacts):  # stored documents are no copies
                        if isinstance(result, ReadFailure):
                            report.failures.append(result)
                        continue
                    store_facts(conn, result, index, ingested_at=first_ingest[result.document.id])
                    done.add(result.document.id)
                    report.added += 1
                    if on_document:
                        on_document(result.document)
            for document in documents:
                if document.id not in done:
                    write_document(conn, document, [], {}, {}, (), (), (),
                                   ingested_at=first_ingest[document.id])  # fmt: skip
            with transaction(conn):
                for table, rows in kept.items():
                    _insert_rows(conn, table, rows)
            _reapply(conn, report)
        except BaseException:
            conn.close()
            fresh.unlink(missing_ok=True)
            raise
        conn.close()  # the last connection to close folds the WAL into the file
        os.replace(fresh, db_path)
    return report


# Tables a re-extraction copies as they are (their table names are constants, never input).
_KEPT_BY_REEXTRACT = ("document_signatures", "signature_bands", "document_copies")


def _insert_rows(conn: sqlite3.Connection, table: str, rows: list[dict]) -> None:
    if rows:
        columns = list(rows[0])
        conn.executemany(
            f"INSERT INTO {table} ({', '.join(columns)})"  # noqa: S608
            f" VALUES ({', '.join('?' * len(columns))})",
            [tuple(row[c] for c in columns) for row in rows],
        )


def _store_one(
    conn: sqlite3.Connection,
    facts: DocumentFacts,
    index: EntityIndex,
    report: IngestReport,
    on_problem: Callable[[ReadFailure, bool], None] | None,
    signature: Signature | None = None,
) -> EntityIndex:
    try:
        store_facts(conn, facts, index, signature=signature)
        report.added += 1
        return index
    except (sqlite3.Error, UnicodeEncodeError) as exc:
        file = facts.document.file
        failure = ReadFailure(file, f"{file}: not stored ({exc})")
        report.failures.append(failure)
        if on_problem:
            on_problem(failure, True)
        # The document's transaction rolled back; forget entities it would have added.
        return load_entity_index(conn)


def _store_copy(
    conn: sqlite3.Connection,
    copy: CopyOf,
    report: IngestReport,
    on_problem: Callable[[ReadFailure, bool], None] | None,
) -> None:
    try:
        write_copy(conn, copy.document, copy.original, copy.similarity)
        report.copies += 1
    except sqlite3.Error as exc:  # the original failed to store: nothing to link to
        file = copy.document.file
        failure = ReadFailure(file, f"{file}: not stored (a copy of an article not stored: {exc})")
        report.failures.append(failure)
        if on_problem:
            on_problem(failure, True)
