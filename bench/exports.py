"""Every export at 50,000 programs: answered within the limits, no 5xx, workers' memory flat.

    .venv/bin/python bench/exports.py                    # 50,000 synthetic programs, 3 rounds
    .venv/bin/python bench/exports.py --programs 5000 --rounds 2

Starts a throwaway PostgreSQL 15 (``bench/load.py``), migrates, fills it with
``manage.py generate_scale_data --programs N --participants 0 --cities 5000``, and runs gunicorn with
``gunicorn.conf.py`` in production mode (2 sync workers, the 30 s worker timeout, recycling off so that
memory is that of workers that served every request). Then, ``--rounds`` times, it downloads each export
(the whole registry as CSV and JSON, the .xlsx of the whole registry — refused with the
``EXPORT_XLSX_MAX_ROWS`` message — and of a selection under that limit, filtered CSV, the statistics in
three formats) and prints per request the status, seconds and bytes, and the workers' resident memory
(VmRSS from /proc) after each round. The first round builds the large files (kept per registry
generation in ``EXPORT_CACHE_DIR``); later rounds are served from them. The report is also written to
``bench/results/``. The exit status is 1 on any 5xx, any request over 30 s, or worker memory growing by
more than 50 MB between the first and the last round.
"""

import argparse
import http.client
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lb  # noqa: E402 (bench/lb.py, beside this file)
import load  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"


def download(port, url):
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", url, headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"})
    response = connection.getresponse()
    size = 0
    while chunk := response.read(1 << 16):
        size += len(chunk)
    connection.close()
    return response.status, time.monotonic() - started, size, response.headers.get("Content-Disposition", "")


def rss_mb(instance):
    sizes = []
    for pid in instance.workers_pids():
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def fill_scale_data(database, workdir, programs):
    """Initialises ``database`` and fills it with ``programs`` synthetic programs (no participants, 5,000
    cities), vacuumed and analysed, static files collected into ``workdir``.

    Returns the environment of manage.py and gunicorn (production mode, the export cache in ``workdir``,
    worker recycling off) and the seconds that writing the data took, migrations not counted.
    """
    environment = {
        **load.production_environment(database.url, workdir),
        "EXPORT_CACHE_DIR": str(workdir / "exports"),
        "GUNICORN_MAX_REQUESTS": "0",
    }
    database.initialise()
    load.manage(environment, "migrate", "--noinput", "-v0")
    started = time.monotonic()
    load.manage(
        environment,
        "generate_scale_data",
        f"--programs={programs}",
        "--participants=0",
        "--cities=5000",
        "-v0",
    )
    database.query("VACUUM ANALYZE")
    load.manage(environment, "collectstatic", "--noinput", "-v0")
    return environment, time.monotonic() - started


def write_report(kind, programs, ok):
    """Says the result and writes the report (``lb.LINES``) to ``bench/results/<kind>-<programs>-<UTC time>.md``."""
    lb.say(f"RESULT: {'pass' if ok else 'FAIL'}")
    RESULTS.mkdir(exist_ok=True)
    name = f"{kind}-{programs}-{datetime.now(UTC):%Y%m%dT%H%M%S}.md"
    (RESULTS / name).write_text("\n".join(lb.LINES) + "\n")
    print(f"written to bench/results/{name}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--programs", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="portal-exports."))
    database = load.PostgreSQL()
    server = None
    ok = True
    try:
        environment, filled = fill_scale_data(database, workdir, options.programs)
        year = int(database.query("SELECT max(year) FROM programs_program")[0][0])
        per_year = int(database.query(f"SELECT count(*) FROM programs_program WHERE year = {year}")[0][0])
        server = lb.Instance(environment, 2, workdir / "gunicorn.log", load.free_port())
        lb.say(f"# bench/exports.py — {options.programs:,} programs, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
        lb.say()
        lb.say(
            f"Scale data written in {filled:.0f} s; gunicorn 2 sync workers; "
            f"the newest year {year}: {per_year:,} programs."
        )
        urls = [
            "/programs/export.csv",
            "/programs/export.json",
            "/programs/export.xlsx",
            f"/programs/export.xlsx?year={year}",
            f"/programs/export.csv?year_min={year - 3}",
            "/stats/export.csv",
            "/stats/export.json",
            "/stats/export.xlsx",
        ]
        lb.say()
        lb.say(f"workers' RSS at start: {', '.join(f'{mb:.0f}' for mb in rss_mb(server))} MB")
        memory = []
        for round_number in range(1, options.rounds + 1):
            lb.say()
            lb.say(f"| round {round_number} | status | seconds | bytes | file name |")
            lb.say("| --- | ---: | ---: | ---: | --- |")
            for url in urls:
                status, seconds, size, disposition = download(server.port, url)
                name = disposition.partition("filename=")[2].strip('"')
                lb.say(f"| `{url}` | {status} | {seconds:.2f} | {size:,} | {name} |")
                ok &= status < 500 and seconds < 30
            sizes = rss_mb(server)
            memory.append(max(sizes))
            lb.say(f"\nworkers' RSS after round {round_number}: {', '.join(f'{mb:.0f}' for mb in sizes)} MB")
        growth = memory[-1] - memory[0]
        lb.say(f"\nlargest worker RSS: {' → '.join(f'{mb:.0f}' for mb in memory)} MB (growth {growth:+.0f} MB)")
        ok &= growth < 50
        status, _, body, _ = download(server.port, "/programs/export.xlsx")
        lb.say(f"the whole registry as .xlsx: {status} (EXPORT_XLSX_MAX_ROWS)")
    finally:
        if server:
            server.stop()
        database.remove()
    write_report("exports", options.programs, ok)
    shutil.rmtree(workdir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
