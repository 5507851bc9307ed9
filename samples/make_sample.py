"""Rebuild samples/corpus.jsonl: a few WCXB news articles rendered to plain text with html-text.

Run from the repository root, with the dev extras installed and the WCXB dev split beside the repo:

    .venv/bin/python samples/make_sample.py --data ../shared/data/wcxb-dev

It also rewrites samples/LICENSE-wcxb.md, which lists the source pages (CC-BY-4.0).
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

import html_text

# News articles of the WCXB dev split (page_type "article"), picked by hand for variety of sites.
PAGES = (
    "0031",  # abc7ny.com
    "0078",  # securityweek.com
    "0080",  # helpnetsecurity.com
    "0106",  # usatoday.com
    "0120",  # commercialappeal.com
    "0160",  # theatlantic.com
    "0161",  # npr.org
    "0221",  # statnews.com
    "0279",  # edweek.org
    "0395",  # bssnews.net
    "0401",  # newsweek.com
    "0471",  # nextgov.com
    "0480",  # itbrief.news
    "4370",  # theguardian.com
    "4560",  # npr.org
)

LICENSE_HEAD = """\
# Sample corpus: attribution

`samples/corpus.jsonl` holds plain-text renderings of {n} news pages from **WCXB, the Web Content
eXtraction Benchmark** (Murrough Foley, 2026), development split, licensed under the Creative Commons
Attribution 4.0 International License (CC-BY-4.0): https://creativecommons.org/licenses/by/4.0/

Changes made: each page's HTML was rendered to plain text with `html_text.extract_text(html,
guess_layout=True)` (html-text 0.7.1) by `samples/make_sample.py`; the text is otherwise unchanged.
The pages' contents remain the work of their publishers.

Source pages (WCXB file id, URL):

"""


def build(data: Path, out_dir: Path) -> None:
    """Write corpus.jsonl and LICENSE-wcxb.md into ``out_dir`` from the WCXB split at ``data``."""
    records = []
    for file_id in PAGES:
        truth = json.loads((data / "ground-truth" / f"{file_id}.json").read_text(encoding="utf-8"))
        if truth["_internal"]["page_type"]["primary"] != "article":
            raise SystemExit(f"{file_id} is not an article page")
        html = gzip.decompress((data / "html" / f"{file_id}.html.gz").read_bytes()).decode("utf-8", "replace")
        text = html_text.extract_text(html, guess_layout=True)
        records.append({"id": f"wcxb-{file_id}", "url": truth["url"], "text": text})
    with open(out_dir / "corpus.jsonl", "w", encoding="utf-8") as file:
        for record in records:
            file.write(json.dumps(record, ensure_ascii=False) + "\n")
    lines = [f"- {r['id'].removeprefix('wcxb-')}: {r['url']}" for r in records]
    (out_dir / "LICENSE-wcxb.md").write_text(LICENSE_HEAD.format(n=len(records)) + "\n".join(lines) + "\n")


def main() -> None:
    """Parse the command line and build the sample."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/wcxb-dev"), help="WCXB dev split")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent, help="output folder")
    args = parser.parse_args()
    build(args.data, args.out)


if __name__ == "__main__":
    main()
