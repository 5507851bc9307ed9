"""Quote and speaker benchmark: copydesk's attribution beside textacy's ``direct_quotations``.

    python bench/quotes.py                  # ggt dev half, ggt full set, PolNeAR dev: the report table
    python bench/quotes.py --sets ggt-tune --errors 40   # tuning: show misses on the tune half only

Prints, per data set: quote detection P/R/F1 at 30% and 80% character overlap (direct and indirect
apart), speaker accuracy over all gold quotes by how the gold speaker is mentioned, and articles per
CPU-second (process time, so the rate per core holds on a busy machine). See quotes_data.py for the
fixed tune/dev split.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quotes_data import GoldArticle, load_ggt, load_polnear  # noqa: E402
from quotes_metrics import Pred, Tally, same_speaker, score_article  # noqa: E402

from copydesk.attribute import Attributor  # noqa: E402

System = Callable[[str], list[Pred]]
SETS = {
    "ggt-dev": lambda: load_ggt("dev"),
    "ggt-tune": lambda: load_ggt("tune"),
    "ggt-all": lambda: load_ggt(None),
    "polnear-dev": lambda: load_polnear("dev"),
    "polnear-train": lambda: load_polnear("train"),
}


def copydesk_system() -> System:
    """copydesk's attribution: the answer is the resolved speaker, else the mention as written."""
    attributor = Attributor()
    attributor.warm_up()

    def run(text: str) -> list[Pred]:
        quotes, _ = attributor(text)
        return [Pred(q.start, q.end, q.kind, q.speaker or q.speaker_mention) for q in quotes]

    return run


def textacy_system() -> System:
    """textacy 0.13 ``direct_quotations`` over the full en_core_web_sm pipeline (the speaker as written)."""
    import importlib

    from textacy.extract.triples import direct_quotations

    from copydesk.attribute.parse import MODEL_MODULES

    module = next(importlib.import_module(m) for m in MODEL_MODULES if importlib.util.find_spec(m))
    nlp = module.load()

    def run(text: str) -> list[Pred]:
        doc = nlp(text)
        preds = []
        try:
            triples = list(direct_quotations(doc))
        except ValueError:  # textacy gives up on an odd number of quote marks: it finds nothing there
            triples = []
        for triple in triples:
            content = triple.content
            speaker = " ".join(t.text for t in triple.speaker) if triple.speaker else None
            preds.append(Pred(content.start_char, content.end_char, "direct", speaker))
        return preds

    return run


def evaluate(
    system: System, articles: list[GoldArticle], gold_filter: str | None = None
) -> tuple[Tally, Tally, float, list[list[Pred]]]:
    """Run ``system`` on every article; return tallies at 30% and 80%, articles per second, predictions."""
    t30, t80 = Tally(), Tally()
    outputs = []
    elapsed = 0.0
    if articles:
        system(articles[0].text)  # warm-up: model loading is not attribution time
    for art in articles:
        t0 = time.process_time()  # CPU time of every thread: the rate per core, whatever else runs
        preds = system(art.text)
        elapsed += time.process_time() - t0
        outputs.append(preds)
        score_article(art, preds, 0.3, t30, speakers=gold_filter is None, gold_filter=gold_filter)
        score_article(art, preds, 0.8, t80, speakers=False, gold_filter=gold_filter)
    return t30, t80, len(articles) / elapsed if elapsed else 0.0, outputs


def _row(name: str, kind: str, t30: Tally, t80: Tally) -> str:
    p3, r3, f3 = t30.prf(kind)
    p8, r8, f8 = t80.prf(kind)
    return f"  {name:<9} {kind:<9} {p3:6.3f} {r3:6.3f} {f3:6.3f}   {p8:6.3f} {r8:6.3f} {f8:6.3f}"


def report(set_name: str, articles: list[GoldArticle], systems: dict[str, System]) -> None:
    """Print the tables for one data set."""
    polnear = set_name.startswith("polnear")
    filters = (
        [("quote-marked contents", "marked"), ("all speech attributions", "speech")]
        if polnear
        else [(None, None)]
    )
    n_gold = sum(len(a.quotes) for a in articles)
    print(f"\n== {set_name}: {len(articles)} articles, {n_gold} gold attributions ==")
    for label, gold_filter in filters:
        results = {name: evaluate(run, articles, gold_filter) for name, run in systems.items()}
        first = next(iter(results.values()))[0]
        counts = ", ".join(f"{first.gold[k]} {k}" for k in ("direct", "indirect") if first.gold[k])
        print(f"-- quote detection{' on ' + label if label else ''} ({counts} gold)")
        print(
            f"  {'system':<9} {'kind':<9} {'P@30':>6} {'R@30':>6} {'F1@30':>6}"
            f"   {'P@80':>6} {'R@80':>6} {'F1@80':>6}"
        )
        kinds = ("all",) if polnear else ("direct", "indirect", "all")
        for name, (t30, t80, _, _) in results.items():
            for kind in kinds:
                print(_row(name, kind, t30, t80))
        if not polnear:
            print("-- speaker accuracy over all gold quotes (matched at 30%), by gold mention")
            types = ("all", "name", "pronoun", "description", "none")
            print(f"  {'system':<9} " + " ".join(f"{t:>16}" for t in types))
            for name, (t30, _, _, _) in results.items():
                cells = []
                for t in types:
                    acc, total = t30.accuracy(t)
                    cells.append(f"{acc:7.3f} (n={total:>4})")
                print(f"  {name:<9} " + " ".join(f"{c:>16}" for c in cells))
        print("-- speed (articles per CPU-second; copydesk: attribution; textacy: spaCy + extraction)")
        for name, (_, _, rate, _) in results.items():
            print(f"  {name:<9} {rate:8.1f} articles/s")


def show_errors(articles: list[GoldArticle], system: System, limit: int) -> None:
    """Print gold quotes that were missed or given the wrong speaker (for tuning on the tune half)."""
    shown = 0
    for art in articles:
        preds = system(art.text)
        for g in art.quotes:
            best = max(preds, key=lambda p: min(g.end, p.end) - max(g.start, p.start), default=None)
            ov = (
                0
                if best is None
                else max(0, min(g.end, best.end) - max(g.start, best.start)) / max(1, g.end - g.start)
            )
            ok_span = ov > 0.3
            ok_spk = ok_span and best is not None and same_speaker(best.speaker, g.reference, art)
            if ok_span and ok_spk:
                continue
            what = "MISS" if not ok_span else f"SPEAKER {best.speaker!r}"  # type: ignore[union-attr]
            print(f"[{art.id[:8]}] {what} gold={g.reference!r} mention={g.mention!r} ({g.kind})")
            print("   ", art.text[max(0, g.start - 80) : g.end + 60].replace("\n", " / "))
            shown += 1
            if shown >= limit:
                return
        for p in preds:
            if not any(
                max(0, min(g.end, p.end) - max(g.start, p.start)) / max(1, g.end - g.start) > 0.3
                for g in art.quotes
            ):
                print(
                    f"[{art.id[:8]}] FALSE {p.kind} speaker={p.speaker!r}: "
                    f"{art.text[p.start : p.end][:150]!r}"
                )
                shown += 1


def main(argv: list[str] | None = None) -> None:
    """Entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sets", nargs="+", default=["ggt-dev", "ggt-all", "polnear-dev"], choices=sorted(SETS)
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip textacy")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors of copydesk instead")
    args = parser.parse_args(argv)
    systems: dict[str, System] = {"copydesk": copydesk_system()}
    if args.errors:
        for set_name in args.sets:
            show_errors(SETS[set_name](), systems["copydesk"], args.errors)
        return
    if not args.no_baseline:
        systems["textacy"] = textacy_system()
    for set_name in args.sets:
        report(set_name, SETS[set_name](), systems)


if __name__ == "__main__":
    main()
