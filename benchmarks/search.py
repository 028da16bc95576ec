"""`make bench` (search part): catalogue search quality and latency.

Quality: the judged queries in tests/data/search_queries.yml, scored with MRR@5 and recall@3
for our ranking (bot.catalogue.search), a plain BM25 baseline (rank-bm25 on the same fields,
lower-cased words) and a naive SQL `LIKE` search, all on the same catalogue in the same run.

Latency: p50/p95 of one search over the judged queries with the real catalogue, and with
10,000 and 100,000 synthetic resources made from the real catalogue's words.
"""

from __future__ import annotations

import argparse
import platform
import random
import re
import statistics
import time
from pathlib import Path

import sqlalchemy as sa
import yaml
from rank_bm25 import BM25Okapi

from bot.catalogue.loader import load_catalogue, read_catalogue
from bot.catalogue.model import ResourceInfo
from bot.catalogue.search import CatalogueIndex
from bot.db import get_engine, session_factory, upgrade

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "tests" / "data" / "search_queries.yml"
WORD = re.compile(r"[a-z0-9]+")


def load_queries(path: Path = QUERIES) -> list[tuple[str, list[str]]]:
    """The judged queries: (query, relevant ids)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(q["query"], list(q["relevant"])) for q in data["queries"]]


def scores(rankings: list[list[str]], judged: list[tuple[str, list[str]]]) -> tuple[float, float]:
    """MRR@5 and recall@3 (share of queries with a relevant id in the top 3)."""
    reciprocal, recall = 0.0, 0
    for ranking, (_, relevant) in zip(rankings, judged, strict=True):
        for rank, resource_id in enumerate(ranking[:5], start=1):
            if resource_id in relevant:
                reciprocal += 1 / rank
                break
        recall += any(r in relevant for r in ranking[:3])
    return reciprocal / len(judged), recall / len(judged)


def _fields(r: ResourceInfo) -> str:
    return " ".join([r.title, r.summary, r.publisher, " ".join(r.topics)])


def bm25_rankings(resources: list[ResourceInfo], judged: list[tuple[str, list[str]]]) -> list[list[str]]:
    """Plain BM25 (rank-bm25) over title, summary, publisher and topics."""
    model = BM25Okapi([WORD.findall(_fields(r).lower()) for r in resources])
    out = []
    for query, _ in judged:
        values = model.get_scores(WORD.findall(query.lower()))
        order = sorted(range(len(resources)), key=lambda i: (-values[i], resources[i].id))
        out.append([resources[i].id for i in order if values[i] > 0][:5])
    return out


def like_rankings(engine: sa.engine.Engine, judged: list[tuple[str, list[str]]]) -> list[list[str]]:
    """Naive SQL: count the query words (3+ letters) found with LIKE in title or summary."""
    out = []
    with session_factory(engine)() as session:
        for query, _ in judged:
            words = [w for w in WORD.findall(query.lower()) if len(w) >= 3][:20]
            if not words:
                out.append([])
                continue
            hits = []
            for i, word in enumerate(words):
                pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                hits.append(
                    sa.case(
                        (
                            sa.or_(
                                sa.func.lower(sa.column("title")).like(sa.bindparam(f"w{i}", pattern), escape="\\"),
                                sa.func.lower(sa.column("summary")).like(sa.bindparam(f"v{i}", pattern), escape="\\"),
                            ),
                            1,
                        ),
                        else_=0,
                    )
                )
            score = sum(hits[1:], hits[0]).label("score")
            rows = session.execute(
                sa.select(sa.column("id"), score)
                .select_from(sa.table("resources"))
                .order_by(sa.desc("score"), sa.column("id"))
                .limit(5)
            ).all()
            out.append([row.id for row in rows if row.score > 0])
    return out


def synthetic(resources: list[ResourceInfo], count: int, seed: int = 7) -> list[ResourceInfo]:
    """`count` made-up resources whose titles and summaries mix the real catalogue's words."""
    rng = random.Random(seed)
    words = sorted({w for r in resources for w in WORD.findall(_fields(r).lower()) if len(w) > 2})
    made = []
    for n in range(count):
        base = resources[n % len(resources)]
        made.append(
            ResourceInfo(
                id=f"synthetic-{n}",
                title=" ".join(rng.sample(words, 4)),
                url=f"https://example.org/{n}",
                url_confirmed=True,
                publisher=base.publisher,
                summary=" ".join(rng.sample(words, 25)),
                audience=base.audience,
                type=base.type,
                topics=tuple(" ".join(rng.sample(words, 2)) for _ in range(3)),
            )
        )
    return made


def latency(index: CatalogueIndex, judged: list[tuple[str, list[str]]], rounds: int) -> tuple[float, float]:
    """p50 and p95 of one search, in milliseconds."""
    times = []
    for _ in range(rounds):
        for query, _ in judged:
            started = time.perf_counter()
            index.search(query, limit=10)
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> int:
    """Prints quality and latency."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000", help="synthetic catalogue sizes for latency")
    args = parser.parse_args()
    judged = load_queries()
    resources = read_catalogue()
    engine = get_engine("sqlite://")
    upgrade(engine)
    load_catalogue(engine=engine)
    index = CatalogueIndex(resources)
    ours = [[h.resource.id for h in index.search(q, limit=5).hits] for q, _ in judged]
    print(f"Machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}")
    print(f"Search quality on {len(judged)} judged queries, {len(resources)} resources:")
    print(f"{'ranking':28} {'MRR@5':>6} {'recall@3':>9}")
    for name, rankings in (
        ("ours (bot.catalogue.search)", ours),
        ("BM25 (rank-bm25)", bm25_rankings(resources, judged)),
        ("SQL LIKE", like_rankings(engine, judged)),
    ):
        mrr, recall = scores(rankings, judged)
        print(f"{name:28} {mrr:6.3f} {recall:9.3f}")
    misses = [(q, rel, got[:3]) for (q, rel), got in zip(judged, ours, strict=True) if not set(got[:1]) & set(rel)]
    print(f"\nOur queries whose top hit is not relevant ({len(misses)}):")
    for query, relevant, got in misses:
        print(f"  {query!r}: want {relevant[0]}, got {got}")
    print("\nSearch latency (one query, ms):")
    p50, p95 = latency(index, judged, rounds=5)
    print(f"  real catalogue ({len(resources)}): p50 {p50:.2f}, p95 {p95:.2f}")
    for size in [int(s) for s in args.sizes.split(",") if s.strip()]:
        started = time.perf_counter()
        big = CatalogueIndex(resources + synthetic(resources, size))
        built = time.perf_counter() - started
        p50, p95 = latency(big, judged, rounds=1)
        print(f"  {size:,} synthetic + real: p50 {p50:.2f}, p95 {p95:.2f} (index built in {built:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
