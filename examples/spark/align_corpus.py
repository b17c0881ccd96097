#!/usr/bin/env python3
"""Align a corpus of document sets on Apache Spark with `tmalign pipe`.

Each partition of document sets is streamed through `tmalign pipe` with
`RDD.pipe`; the results are saved as JSON Lines, then merged into one TMX
(optionally split by size) with `tmalign tmx merge`.

Input is either
  - a folder with one sub-folder per language (`corpus/ar/news1.txt`,
    `corpus/en/news1.txt`, ...), paired by file name as `tmalign batch`
    pairs them (a language code in the name is ignored: `news1.en.txt`); or
  - JSON Lines (a file, a folder or a glob), one document set per line:
    {"id": "...", "texts": {"ar": "...", "en": "..."}}.

Local run:
  spark-submit --master 'local[2]' examples/spark/align_corpus.py \
      --tmalign target/release/tmalign --langs ar,en,ru corpus/ out/
Cluster run: see the README, "Aligning a corpus on Spark".

Outputs: OUT/jsonl/part-*  (one result line per set, in input order)
         OUT/corpus.tmx    (or corpus.001.tmx, ... with --split-size)
Exit status 1 when any document set failed (its error line is kept in the
JSONL; the merge skips it).
"""

import argparse
import json
import os
import re
import shlex
import subprocess
import sys

from pyspark import SparkConf, SparkContext, SparkFiles

LANG_CODE = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$")


def pairing_key(name):
    """`news.ar.txt` -> `news`: the extension and a final language code go."""
    parts = name.split(".")
    if len(parts) > 1:
        parts.pop()
    if len(parts) > 1 and LANG_CODE.match(parts[-1]) and len(parts[-1]) <= 3:
        parts.pop()
    return ".".join(parts)


def document_sets(sc, folder, langs, partitions):
    """One JSON line per set from FOLDER/LANG/*, sorted by name."""
    order = {lang: k for k, lang in enumerate(langs)}
    # One read over all language folders, one shuffle to group each set.
    glob = os.path.join(folder, "{" + ",".join(langs) + "}")
    files = sc.wholeTextFiles(glob, minPartitions=partitions)

    def keyed(kv):
        path, text = kv
        lang = os.path.basename(os.path.dirname(path))
        name = os.path.basename(path)
        if name.startswith(".") or lang not in order:
            return []
        return [(pairing_key(name), (order[lang], lang, text))]

    def to_line(kv):
        key, texts = kv
        # The texts keep the order of --langs: the first is the source.
        texts = sorted(texts)
        return json.dumps({"id": key, "texts": {l: t for _, l, t in texts}}, ensure_ascii=False)

    return (
        files.flatMap(keyed)
        .groupByKey(numPartitions=partitions)
        .filter(lambda kv: len(kv[1]) == len(langs))
        # Sorted by name, as `tmalign batch` orders its sets.
        .sortByKey(numPartitions=partitions)
        .map(to_line)
    )


def tmalign_command(driver_path, pipe_args, word_pairs=None):
    """The command each task runs. On a cluster, `--files` (or addFile)
    puts the binary in the executor's working directory; in local mode the
    executors share the driver's files, so the driver's SparkFiles path
    works; last, `tmalign` on the PATH. A word-pairs file, given as
    (its file name, the driver's SparkFiles path), is found the same way."""
    args = " ".join(shlex.quote(a) for a in pipe_args)
    pairs = ""
    if word_pairs:
        name, driver_pairs = word_pairs
        pairs = (
            f'w=./{shlex.quote(name)}; [ -f "$w" ] || w={shlex.quote(driver_pairs)}; '
            'set -- --word-pairs "$w"; '
        )
    script = (
        f'{pairs}'
        'for b in ./tmalign ' + shlex.quote(driver_path) + ' "$(command -v tmalign)"; do '
        '[ -n "$b" ] && [ -f "$b" ] && { [ -x "$b" ] || chmod +x "$b" 2>/dev/null; } && '
        f'[ -x "$b" ] && exec "$b" pipe {args} "$@"; done; '
        'echo "tmalign: binary not found on this executor" >&2; exit 127'
    )
    return "sh -c " + shlex.quote(script)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", help="folder of language folders, or JSON Lines (file, folder or glob)")
    p.add_argument("output", help="output folder (must not exist)")
    p.add_argument("--tmalign", default="tmalign", help="the tmalign binary to ship to the executors")
    p.add_argument("--langs", default="ar,en,ru", help="language folders, in order (folder input)")
    p.add_argument("--partitions", type=int, default=0,
                   help="partitions (default: 4 per core of the cluster)")
    p.add_argument("--threads", type=int, default=0,
                   help="threads of each tmalign pipe (default: spark.task.cpus)")
    p.add_argument("--min-score", default=None)
    p.add_argument("--pairs", action="store_true")
    p.add_argument("--force-langs", action="store_true",
                   help="accept texts whose script contradicts their language")
    p.add_argument("--word-pairs", default=None,
                   help="word pairs for every worker, from `tmalign batch --lexical-pass --save-word-pairs`")
    p.add_argument("--split-size", default=None, help="split the TMX, e.g. 900M")
    p.add_argument("--keep-duplicates", action="store_true")
    p.add_argument("--master", default=None, help="e.g. local[2] (default: spark-submit's)")
    a = p.parse_args()

    conf = SparkConf().setAppName("tmalign align_corpus").set("spark.ui.showConsoleProgress", "false")
    if a.master:
        conf = conf.setMaster(a.master)
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")

    binary = a.tmalign
    if os.sep not in binary:
        from shutil import which
        binary = which(binary) or binary
    sc.addFile(os.path.abspath(binary))
    driver_path = SparkFiles.get(os.path.basename(binary))

    partitions = a.partitions or 4 * sc.defaultParallelism
    threads = a.threads or int(sc.getConf().get("spark.task.cpus", "1"))
    pipe_args = ["-j", str(threads), "--quiet"]
    if a.min_score is not None:
        pipe_args += ["--min-score", a.min_score]
    if a.pairs:
        pipe_args.append("--pairs")
    if a.force_langs:
        pipe_args.append("--force-langs")

    langs = [l for l in a.langs.split(",") if l]
    if os.path.isdir(a.input) and all(os.path.isdir(os.path.join(a.input, l)) for l in langs):
        lines = document_sets(sc, a.input, langs, partitions)
    else:
        lines = sc.textFile(a.input, minPartitions=partitions).filter(lambda l: l.strip())

    word_pairs = None
    if a.word_pairs:
        sc.addFile(os.path.abspath(a.word_pairs))
        name = os.path.basename(a.word_pairs)
        word_pairs = (name, SparkFiles.get(name))

    results = lines.pipe(tmalign_command(driver_path, pipe_args, word_pairs))
    jsonl = os.path.join(a.output, "jsonl")
    results.saveAsTextFile(jsonl)

    # An error line has "error" and no "units"; a result line may quote
    # '"error":' inside a text, so the candidates are parsed to check.
    failed = (
        sc.textFile(jsonl)
        .filter(lambda l: '"error":' in l)
        .map(json.loads)
        .filter(lambda o: "error" in o)
        .map(lambda o: (o.get("id"), o["error"]))
    )
    n_errors = failed.count()
    errors = failed.take(5)
    sc.stop()

    merge = [os.path.abspath(binary), "tmx", "merge", os.path.join(a.output, "corpus.tmx"), jsonl]
    if re.match(r"^[a-z][a-z0-9+.-]*://", a.output) and not a.output.startswith("file://"):
        # tmx merge reads local files: fetch the JSONL first (hdfs dfs -get).
        print("align_corpus: the output is not on a local file system; merge with:\n  "
              + " ".join(shlex.quote(m) for m in merge), file=sys.stderr)
        return 1 if n_errors else 0
    if a.split_size:
        merge += ["--split-size", a.split_size]
    if a.keep_duplicates:
        merge.append("--keep-duplicates")
    subprocess.run(merge, check=True)

    if n_errors:
        print(f"align_corpus: {n_errors} document sets failed, e.g.:", file=sys.stderr)
        for id, error in errors:
            print(f"  {id}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
