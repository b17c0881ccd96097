//! Corpus-scale throughput, in one run:
//!
//! - `tmalign pipe` on 2 cores (`RAYON_NUM_THREADS=2`): document sets per
//!   second and sentences per second, ar/en/ru running text (segmentation
//!   included), and en-ru presegmented, the same task as the peer's;
//! - the same JSON Lines through `examples/spark/align_corpus.py` in Spark
//!   local mode (`local[2]`), and Spark's overhead as a ratio;
//! - hunalign (no dictionary) driven document pair by document pair with
//!   GNU parallel (`-j 2`) on the same en-ru documents, presegmented, as the
//!   peer, and the throughput ratio;
//! - a 1 GB JSON Lines stream through `pipe`, with its peak memory;
//! - on paper: core-hours for 10 million document pairs at the measured
//!   rate.
//!
//! The sets are NTREX-128 and TICO-19 documents cut into 6-line sets (as in
//! tests/spark.rs), repeated `REPEAT` times, read from `../shared`.
//! hunalign is found through `$TMALIGN_HUNALIGN`, else on the PATH; GNU
//! parallel on the PATH; Spark through `$TMALIGN_PYTHON` (or .venv) with
//! pyspark. A missing peer is reported and skipped.
//!
//! Run: `cargo bench --bench pipe` (`--quick`: one run each, no 1 GB stream).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

mod common;
use common::{python, shared_dir};

const SET_LINES: usize = 6;
const REPEAT: usize = 3;

struct Set {
    id: String,
    /// ar, en, ru lines.
    lines: [Vec<String>; 3],
}

fn sets() -> Vec<Set> {
    let shared = shared_dir();
    let mut out = Vec::new();
    for name in ["ntrex128", "tico19"] {
        let dir = shared.join("corpora").join(name);
        let langs: Vec<Vec<String>> = ["ar", "en", "ru"]
            .iter()
            .map(|l| {
                std::fs::read_to_string(dir.join(format!("{l}.txt")))
                    .expect("corpus in ../shared")
                    .lines()
                    .map(str::to_string)
                    .collect()
            })
            .collect();
        let docs = std::fs::read_to_string(dir.join("docs.tsv")).expect("docs.tsv");
        let mut n = 0;
        for row in docs.lines().skip(1) {
            let f: Vec<&str> = row.split('\t').collect();
            if f[0] == "CMU_1" {
                continue;
            }
            let (a, b): (usize, usize) = (f[1].parse().unwrap(), f[2].parse().unwrap());
            let ids: Vec<usize> = (a - 1..b).collect();
            for chunk in ids.chunks(SET_LINES).filter(|c| c.len() >= 2) {
                n += 1;
                out.push(Set {
                    id: format!("{name}-{n:04}"),
                    lines: [0, 1, 2].map(|k| chunk.iter().map(|&i| langs[k][i].clone()).collect()),
                });
            }
        }
    }
    out
}

fn jsonl(sets: &[Set], langs: &[usize], presegmented: bool) -> String {
    let names = ["ar", "en", "ru"];
    let mut out = String::new();
    for r in 0..REPEAT {
        for set in sets {
            let texts: Vec<String> = langs
                .iter()
                .map(|&k| {
                    let sep = if presegmented { "\n" } else { " " };
                    format!(
                        "{}:{}",
                        serde_json::json!(names[k]),
                        serde_json::json!(set.lines[k].join(sep))
                    )
                })
                .collect();
            let opts = if presegmented {
                r#","options":{"presegmented":true}"#
            } else {
                ""
            };
            out.push_str(&format!(
                "{{\"id\":\"{}-{r}\",\"texts\":{{{}}}{opts}}}\n",
                set.id,
                texts.join(",")
            ));
        }
    }
    out
}

/// Runs `tmalign pipe` on `input` with 2 threads: seconds and sentences.
fn run_pipe(input: &str) -> (f64, u64) {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tmalign"))
        .args(["pipe", "--force-langs"])
        .env("RAYON_NUM_THREADS", "2")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tmalign runs");
    let mut stdin = child.stdin.take().unwrap();
    let data = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(data.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let secs = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // "tmalign pipe: N lines, F failed; S sentences, U units"
    let sentences = stderr
        .split(';')
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (secs, sentences)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| Path::new(d).join(name))
        .find(|p| p.is_file())
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let runs = if quick { 1 } else { 3 };
    let sets = sets();
    let n = sets.len() * REPEAT;
    println!("corpus: {} sets (NTREX-128 + TICO-19, {SET_LINES} lines each) x {REPEAT} = {n} document sets", sets.len());
    let tmp = tempfile::tempdir().unwrap();

    let tri = jsonl(&sets, &[0, 1, 2], false);
    let pair = jsonl(&sets, &[1, 2], true);
    let mut tri_s = Vec::new();
    let mut pair_s = Vec::new();
    let (mut tri_sent, mut pair_sent) = (0, 0);
    for _ in 0..runs {
        let (s, k) = run_pipe(&tri);
        tri_s.push(s);
        tri_sent = k;
        let (s, k) = run_pipe(&pair);
        pair_s.push(s);
        pair_sent = k;
    }
    let (tri_t, pair_t) = (median(tri_s), median(pair_s));
    println!("\n| what (2 cores) | median s | sets/s | sentences/s |\n|---|---|---|---|");
    println!(
        "| tmalign pipe, ar+en+ru running text | {tri_t:.2} | {:.0} | {:.0} |",
        n as f64 / tri_t,
        tri_sent as f64 / tri_t
    );
    println!(
        "| tmalign pipe, en-ru presegmented | {pair_t:.2} | {:.0} | {:.0} |",
        n as f64 / pair_t,
        pair_sent as f64 / pair_t
    );

    // Spark local[2] around the same pipe.
    let py = python();
    let spark_ok = Command::new(&py)
        .args(["-c", "import pyspark"])
        .output()
        .is_ok_and(|o| o.status.success());
    let mut spark_t = None;
    if spark_ok {
        let input = tmp.path().join("sets.jsonl");
        std::fs::write(&input, &tri).unwrap();
        let mut times = Vec::new();
        for k in 0..runs {
            let out = tmp.path().join(format!("spark{k}"));
            let started = Instant::now();
            let status = Command::new(&py)
                .arg(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/examples/spark/align_corpus.py"
                ))
                .args([
                    "--master",
                    "local[2]",
                    "--partitions",
                    "4",
                    "--force-langs",
                    "--tmalign",
                    env!("CARGO_BIN_EXE_tmalign"),
                ])
                .arg(&input)
                .arg(&out)
                .env("PYSPARK_PYTHON", &py)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .unwrap();
            assert!(status.success(), "the Spark job failed");
            times.push(started.elapsed().as_secs_f64());
        }
        let t = median(times);
        spark_t = Some(t);
        println!("| Spark local[2] + tmalign pipe (JVM start and merge included) | {t:.2} | {:.0} | {:.0} |", n as f64 / t, tri_sent as f64 / t);
        println!("Spark overhead: {:.2}x the time of pipe alone", t / tri_t);
    } else {
        println!("Spark: skipped ({} cannot import pyspark)", py.display());
    }

    // hunalign, one en-ru document pair per job, through GNU parallel -j 2.
    let hunalign = std::env::var_os("TMALIGN_HUNALIGN")
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .or_else(|| which("hunalign"));
    let parallel = which("parallel");
    match (&hunalign, &parallel) {
        (Some(h), Some(p)) => {
            let dir = tmp.path().join("hun");
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("null.dic"), "").unwrap();
            let mut list = String::new();
            for r in 0..REPEAT {
                for set in &sets {
                    let base = dir.join(format!("{}-{r}", set.id));
                    std::fs::write(base.with_extension("en"), set.lines[1].join("\n") + "\n")
                        .unwrap();
                    std::fs::write(base.with_extension("ru"), set.lines[2].join("\n") + "\n")
                        .unwrap();
                    list.push_str(&format!("{}\n", base.display()));
                }
            }
            std::fs::write(dir.join("list"), list).unwrap();
            let mut times = Vec::new();
            for _ in 0..runs {
                let started = Instant::now();
                // hunalign writes translate.txt into its working folder.
                let status = Command::new(p)
                    .current_dir(&dir)
                    .args(["-j", "2", "--will-cite", "-a"])
                    .arg(dir.join("list"))
                    .arg(format!(
                        "{} -text {} {{}}.en {{}}.ru > {{}}.out",
                        h.display(),
                        dir.join("null.dic").display()
                    ))
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .unwrap();
                assert!(status.success(), "hunalign through parallel failed");
                times.push(started.elapsed().as_secs_f64());
            }
            let t = median(times);
            println!("| hunalign (no dictionary) via GNU parallel -j 2, en-ru presegmented | {t:.2} | {:.0} | {:.0} |", n as f64 / t, pair_sent as f64 / t);
            println!(
                "throughput ratio, tmalign pipe / hunalign+parallel (en-ru presegmented): {:.2}x",
                t / pair_t
            );
        }
        _ => println!(
            "hunalign: skipped ({})",
            if hunalign.is_none() {
                "not found: set TMALIGN_HUNALIGN or put hunalign on the PATH"
            } else {
                "GNU parallel is not on the PATH (apt-get install parallel)"
            }
        ),
    }

    // 1 GB stream in bounded memory.
    if !quick {
        let good = tri.lines().next().unwrap().to_string();
        let big = format!(
            r#"{{"id":"big","texts":{{"en":"{}"}}}}"#,
            "word ".repeat(209_715)
        );
        let lines = 1024;
        let big_len = big.len() as u64;
        let mut child = Command::new(env!("CARGO_BIN_EXE_tmalign"))
            .args(["pipe", "--quiet"])
            .env("RAYON_NUM_THREADS", "2")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let pid = child.id();
        let mut stdin = child.stdin.take().unwrap();
        let started = Instant::now();
        let writer = std::thread::spawn(move || {
            for k in 0..lines {
                let line = if k % 64 == 0 { &good } else { &big };
                if stdin
                    .write_all(line.as_bytes())
                    .and_then(|()| stdin.write_all(b"\n"))
                    .is_err()
                {
                    break;
                }
            }
        });
        let mut peak = 0u64;
        while child.try_wait().unwrap().is_none() {
            if let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
                if let Some(kb) = status
                    .lines()
                    .find(|l| l.starts_with("VmHWM:"))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|v| v.parse::<u64>().ok())
                {
                    peak = peak.max(kb);
                }
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        writer.join().unwrap();
        println!(
            "\n1 GB stream ({} MB in {lines} lines): {:.1} s, peak RSS {} MB",
            (lines as u64 * big_len) >> 20,
            started.elapsed().as_secs_f64(),
            peak >> 10
        );
    }

    // On paper: 10 million document pairs.
    let per_core = n as f64 / tri_t / 2.0;
    let pair_per_core = n as f64 / pair_t / 2.0;
    println!(
        "\n10M document sets at the measured rate: {:.0} core-hours (ar+en+ru, {per_core:.0} sets/s per core), {:.0} core-hours (en-ru presegmented, {pair_per_core:.0}/s per core); sets of {SET_LINES} lines (~{:.0} sentences per language)",
        1e7 / per_core / 3600.0,
        1e7 / pair_per_core / 3600.0,
        tri_sent as f64 / n as f64 / 3.0
    );
    if let Some(t) = spark_t {
        println!(
            "  under Spark local mode: {:.0} core-hours",
            1e7 / (n as f64 / t / 2.0) / 3600.0
        );
    }
}
