//! Speed and memory of the aligner at 1k, 20k and 200k sentences a side,
//! beside NLTK's Gale-Church (quadratic; run at 1k only) and hunalign
//! (without a dictionary; up to 20k), in one run; then three documents
//! (Arabic, English and Russian from NTREX-128, cycled, with lines dropped
//! from the Russian) aligned jointly at 1k and 20k, beside the two-text
//! time of the same Arabic and English; `--million` adds 1M a side.
//!
//! hunalign is found through `TMALIGN_HUNALIGN` or the `PATH`; its time and
//! memory are the child's (wall clock, maximum resident size, from
//! `/usr/bin/time`).
//!
//! Inputs are the Text+Berg German and French documents (dev and test0..6)
//! concatenated, repeated and cut to the size, read from `../shared`. Peak
//! memory is the growth of the process's resident high-water mark over the
//! run (reset between runs through `/proc/self/clear_refs`); NLTK's is the
//! child's maximum resident size.
//!
//! Run: `cargo bench --bench align` (set `TMALIGN_SHARED` when the corpora
//! are not in `../shared`, `TMALIGN_PYTHON` for another Python; `--quick`
//! skips the 200k size).

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Instant;
use tmalign::{Aligner, Document};

mod common;
use common::{hunalign, python, shared_dir};

const DOCS: [&str; 8] = [
    "dev", "test0", "test1", "test2", "test3", "test4", "test5", "test6",
];

/// The Text+Berg documents as (German, French) pairs of line lists.
fn corpus() -> Vec<[Vec<String>; 2]> {
    let dir = shared_dir().join("corpora").join("textberg");
    DOCS.iter()
        .map(|doc| {
            ["de", "fr"].map(|lang| {
                let path = dir.join(format!("{doc}.{lang}"));
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                text.lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(String::from)
                    .collect()
            })
        })
        .collect()
}

/// A parallel pair of about `n` sentences a side: whole document pairs,
/// cycled, so that both sides stay translations of each other.
fn documents(corpus: &[[Vec<String>; 2]], n: usize) -> [Document; 2] {
    let mut texts = [String::new(), String::new()];
    let mut count = 0;
    for pair in corpus.iter().cycle() {
        if count >= n {
            break;
        }
        for (text, lines) in texts.iter_mut().zip(pair) {
            for line in lines {
                text.push_str(line);
                text.push('\n');
            }
        }
        count += pair[0].len();
    }
    let [de, fr] = texts;
    [
        Document::presegmented("de", de),
        Document::presegmented("fr", fr),
    ]
}

/// Peak resident memory (VmHWM) of this process, in bytes.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Current resident memory (VmRSS) of this process, in bytes.
fn rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Resets the high-water mark, so that the next `peak_rss` is this run's.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

struct Measure {
    seconds: f64,
    megabytes: Option<f64>,
}

fn measure_tmalign(docs: &[&Document], runs: usize) -> Measure {
    let aligner = Aligner::new();
    let mut times = Vec::new();
    let mut peak: Option<f64> = None;
    for _ in 0..runs {
        let can_reset = reset_peak();
        let before = rss();
        let start = Instant::now();
        let alignment = aligner.align(docs).expect("two or three documents");
        times.push(start.elapsed().as_secs_f64());
        if let (true, Some(b), Some(p)) = (can_reset, before, peak_rss()) {
            let mb = p.saturating_sub(b) as f64 / 1e6;
            peak = Some(peak.map_or(mb, |q: f64| q.max(mb)));
        }
        assert!(!alignment.beads.is_empty());
    }
    Measure {
        seconds: median(times),
        megabytes: peak,
    }
}

const NLTK_SCRIPT: &str = r#"
import resource, sys, time
from nltk.translate.gale_church import align_blocks
lines = sys.stdin.read().split("\n")
n, m = (int(x) for x in lines[0].split())
a = [int(x) for x in lines[1:1 + n]]
b = [int(x) for x in lines[1 + n:1 + n + m]]
start = time.perf_counter()
align_blocks(a, b)
seconds = time.perf_counter() - start
print(seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
"#;

/// NLTK's Gale-Church on the same sentence lengths (in characters).
fn measure_nltk(de: &Document, fr: &Document) -> Result<Measure, String> {
    let lens = |d: &Document| -> Vec<String> {
        (0..d.len())
            .map(|i| d.sentence_text(i).chars().count().to_string())
            .collect()
    };
    let (a, b) = (lens(de), lens(fr));
    let input = format!(
        "{} {}\n{}\n{}\n",
        a.len(),
        b.len(),
        a.join("\n"),
        b.join("\n")
    );
    let mut child = Command::new("timeout")
        .arg("600")
        .arg(python())
        .arg("-c")
        .arg(NLTK_SCRIPT)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start python: {e}"))?;
    child
        .stdin
        .take()
        .ok_or("no stdin")?
        .write_all(input.as_bytes())
        .map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text.split_whitespace();
    let seconds: f64 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or("bad output")?;
    let bytes: f64 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or("bad output")?;
    Ok(Measure {
        seconds,
        megabytes: Some(bytes / 1e6),
    })
}

/// hunalign on the same sentences, with an empty dictionary.
fn measure_hunalign(
    binary: &std::path::Path,
    de: &Document,
    fr: &Document,
) -> Result<Measure, String> {
    let dir = std::env::temp_dir().join(format!("tmalign-bench-hunalign-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let write = |name: &str, d: &Document| -> Result<std::path::PathBuf, String> {
        let path = dir.join(name);
        let text: String = (0..d.len())
            .map(|i| format!("{}\n", d.sentence_text(i)))
            .collect();
        std::fs::write(&path, text).map_err(|e| e.to_string())?;
        Ok(path)
    };
    let (a, b, dic, times) = (
        write("a.txt", de)?,
        write("b.txt", fr)?,
        write("empty.dic", &Document::presegmented("de", String::new()))?,
        dir.join("time"),
    );
    // hunalign writes translate.txt into its working folder.
    let status = Command::new("/usr/bin/time")
        .current_dir(&dir)
        .arg("-f")
        .arg("%e %M")
        .arg("-o")
        .arg(&times)
        .arg(binary)
        .arg(&dic)
        .arg(&a)
        .arg(&b)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("cannot start /usr/bin/time: {e}"))?;
    let report = std::fs::read_to_string(&times).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    if !status.success() {
        return Err(format!("hunalign exited with {status}"));
    }
    let mut parts = report.split_whitespace();
    let seconds: f64 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or("bad time output")?;
    let kb: f64 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or("bad time output")?;
    Ok(Measure {
        seconds,
        megabytes: Some(kb * 1024.0 / 1e6),
    })
}

/// NTREX-128's Arabic, English and Russian, cycled to `n` lines, with every
/// 37th line dropped from the Russian (so that the search has gaps to find).
fn three_languages(n: usize) -> [Document; 3] {
    let dir = shared_dir().join("corpora").join("ntrex128");
    ["ar", "en", "ru"].map(|lang| {
        let path = dir.join(format!("{lang}.txt"));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let lines: Vec<&str> = text.lines().collect();
        let mut out = String::new();
        for (k, line) in lines.iter().cycle().take(n).enumerate() {
            if lang == "ru" && k % 37 == 5 {
                continue;
            }
            out.push_str(line);
            out.push('\n');
        }
        Document::presegmented(lang, out)
    })
}

fn mb(m: Option<f64>) -> String {
    m.map_or("n/a".to_string(), |m| format!("{m:.1} MB"))
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let million = std::env::args().any(|a| a == "--million");
    let corpus = corpus();
    let mut sizes: Vec<usize> = if quick {
        vec![1_000, 20_000]
    } else {
        vec![1_000, 20_000, 200_000]
    };
    if million {
        sizes.push(1_000_000);
    }
    let hunalign = hunalign();
    if hunalign.is_none() {
        println!("hunalign not found (set TMALIGN_HUNALIGN or put it on the PATH): its columns are empty");
    }
    println!("Text+Berg de-fr documents, cycled to size (sentences per side: German side, the French has ~7% more); median of runs; memory = peak growth");
    println!(
        "{:>8}  {:>10}  {:>10}  {:>10}  {:>10}  {:>7}  {:>10}  {:>10}  {:>7}",
        "per side",
        "tmalign",
        "memory",
        "NLTK G-C",
        "memory",
        "ratio",
        "hunalign",
        "memory",
        "ratio"
    );
    let mut at_20k = None;
    for &n in &sizes {
        let [de, fr] = documents(&corpus, n);
        let runs = if n >= 200_000 { 1 } else { 5 };
        let ours = measure_tmalign(&[&de, &fr], runs);
        if n == 20_000 {
            at_20k = Some(ours.seconds);
        }
        let columns = |peer: Option<Result<Measure, String>>, name: &str| match peer {
            Some(Ok(p)) => [
                format!("{:.3} s", p.seconds),
                mb(p.megabytes),
                format!("{:.0}x", p.seconds / ours.seconds),
            ],
            Some(Err(e)) => {
                eprintln!("{name} did not run: {e}");
                ["failed".into(), "-".into(), "-".into()]
            }
            None => ["-".into(), "-".into(), "-".into()],
        };
        let nltk = columns((n <= 1_000).then(|| measure_nltk(&de, &fr)), "NLTK");
        let hun = columns(
            hunalign
                .as_ref()
                .filter(|_| n <= 20_000)
                .map(|h| measure_hunalign(h, &de, &fr)),
            "hunalign",
        );
        println!(
            "{:>8}  {:>8.3} s  {:>10}  {:>10}  {:>10}  {:>7}  {:>10}  {:>10}  {:>7}",
            n,
            ours.seconds,
            mb(ours.megabytes),
            nltk[0],
            nltk[1],
            nltk[2],
            hun[0],
            hun[1],
            hun[2]
        );
        if n > 20_000 {
            if let Some(t20) = at_20k {
                println!("{}k / 20k time: {:.1}x", n / 1000, ours.seconds / t20);
            }
        }
    }
    // Three documents, aligned jointly, beside two of them.
    println!("three documents (ar, en, ru from NTREX-128, cycled; ru drops every 37th line), joint alignment:");
    println!(
        "{:>8}  {:>10}  {:>10}  {:>14}  {:>10}  {:>12}  {:>12}",
        "per side", "ar+en+ru", "memory", "ar+en alone", "memory", "time ratio", "memory ratio"
    );
    for &n in &[1_000, 20_000] {
        let [ar, en, ru] = three_languages(n);
        let runs = if n >= 20_000 { 3 } else { 5 };
        let three = measure_tmalign(&[&ar, &en, &ru], runs);
        let two = measure_tmalign(&[&ar, &en], runs);
        let ratio = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) if b > 0.0 => format!("{:.1}x", a / b),
            _ => "-".into(),
        };
        println!(
            "{:>8}  {:>8.3} s  {:>10}  {:>12.3} s  {:>10}  {:>12}  {:>12}",
            n,
            three.seconds,
            mb(three.megabytes),
            two.seconds,
            mb(two.megabytes),
            format!("{:.1}x", three.seconds / two.seconds),
            ratio(three.megabytes, two.megabytes)
        );
    }
}
