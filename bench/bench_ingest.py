"""Benchmark: analysis and extraction cost relative to the bare spaCy model, in one process.

Prints words per second for the bare model (the baseline) and for factionmap's whole
per-document path (ruler, mentions, aliases, resolution, extractors), and their ratio.
Never run as a test: timings on shared machines are only comparable within one run.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import spacy

from factionmap.ingest.cleaning import clean_article
from factionmap.ingest.readers import read_articles
from factionmap.nlp.pipeline import MODEL_PACKAGE, shared_pipeline
from factionmap.pipeline import process_documents
from factionmap.records import RawArticle

ROOT = Path(__file__).resolve().parents[1]


def sample_documents(copies: int) -> list:
    """The bundled sample articles, repeated with a marker so each is a distinct document."""
    articles = [
        a for a in read_articles([ROOT / "examples" / "articles"]) if isinstance(a, RawArticle)
    ]
    documents = []
    for number in range(copies):
        for article in articles:
            text = f"{article.text}\n\nCopy {number}."
            documents.append(clean_article(RawArticle(text=text, file=f"{article.file}#{number}")))
    return documents


def words_per_second(function, documents: list) -> float:
    words = sum(len(d.text.split()) for d in documents)
    start = time.perf_counter()
    function(documents)
    return words / (time.perf_counter() - start)


def main() -> int:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    documents = sample_documents(copies)
    bare = spacy.load(MODEL_PACKAGE, exclude=["lemmatizer"])
    ours = shared_pipeline()
    bare(documents[0].text), list(process_documents(documents[:1], ours))  # warm both up
    baseline = words_per_second(lambda ds: list(bare.pipe(d.text for d in ds)), documents)
    factionmap = words_per_second(lambda ds: list(process_documents(ds, ours)), documents)
    print(f"documents: {len(documents)}")
    print(f"bare {MODEL_PACKAGE}: {baseline:,.0f} words/s (baseline)")
    print(f"factionmap analysis + extraction: {factionmap:,.0f} words/s")
    print(f"ratio factionmap/baseline: {factionmap / baseline:.2f} (1.00 = no overhead)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
