//! Sentence segmentation speed and accuracy beside ICU4X (`icu_segmenter`)
//! and pySBD, in one run.
//!
//! Speed: NTREX-128 news in ar/en/ru (`../shared/corpora/ntrex128`), each
//! document turned into running text (the headline on its own line,
//! paragraphs of three sentences separated by blank lines), repeated to
//! about 24 MB and written to a temporary file. Our time includes reading
//! and decoding the file; so does ICU4X's. pySBD runs on a 256 KB slice of
//! the same text (it is about a thousand times slower). Figures are medians
//! of five runs on one core, by CPU time of the thread (so that other jobs
//! on the machine skew the figures less); pySBD by its process CPU time.
//!
//! Accuracy: cases passed of the Golden Rules (`../shared/corpora/golden_rules`)
//! for each segmenter, comparing sentences without surrounding whitespace.
//!
//! Baseline: with `TMALIGN_BASELINE=path/to/an/older/tmalign`, both that
//! binary and this one run `tmalign segment -f json FILE` (output discarded) on
//! the same file, timed by the CPU time of the child process, so that a
//! claim such as "no slower than version X" is shown in the same run.
//!
//! Run: `cargo bench --bench segment` (`TMALIGN_SHARED` when the corpora
//! are not in `../shared`, `TMALIGN_PYTHON` for another Python; `--quick`
//! uses 4 MB and skips pySBD).

use icu_segmenter::options::SentenceBreakInvariantOptions;
use icu_segmenter::SentenceSegmenter;
use std::path::Path;
use std::process::Command;
use std::time::Instant;
use tmalign::Segmenter;

mod common;
use common::{python, shared_dir};

const LANGS: [&str; 3] = ["ar", "en", "ru"];
const RUNS: usize = 5;
const PYSBD_SLICE: usize = 256 * 1024;

/// NTREX-128 in `lang` as running text with headlines and paragraphs.
fn news_text(lang: &str) -> String {
    let dir = shared_dir().join("corpora/ntrex128");
    let lines_text = std::fs::read_to_string(dir.join(format!("{lang}.txt")))
        .unwrap_or_else(|e| panic!("NTREX-128 {lang}: {e}"));
    let lines: Vec<&str> = lines_text.lines().collect();
    let docs = std::fs::read_to_string(dir.join("docs.tsv")).expect("NTREX-128 docs.tsv");
    let mut text = String::with_capacity(lines_text.len() + lines.len());
    for row in docs.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        let (Some(first), Some(last)) = (
            cols.get(1).and_then(|c| c.parse::<usize>().ok()),
            cols.get(2).and_then(|c| c.parse::<usize>().ok()),
        ) else {
            continue;
        };
        let doc = &lines[first - 1..last.min(lines.len())];
        let Some((headline, body)) = doc.split_first() else {
            continue;
        };
        text.push_str(headline);
        text.push_str("\n\n");
        for paragraph in body.chunks(3) {
            text.push_str(&paragraph.join(" "));
            text.push_str("\n\n");
        }
    }
    text
}

fn repeat_to(text: &str, size: usize) -> String {
    let mut out = String::with_capacity(size + text.len());
    while out.len() < size {
        out.push_str(text);
    }
    out
}

/// CPU time of this thread in seconds, from `/proc/thread-self/schedstat`
/// (Linux): steadier than wall time when other jobs share the cores.
fn thread_cpu() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Median seconds of `RUNS` runs of `f`, by CPU time when the system
/// reports it, else by wall time; and the last result of `f`.
fn measure<T>(mut f: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::with_capacity(RUNS);
    let mut last = None;
    for _ in 0..RUNS {
        let (cpu, wall) = (thread_cpu(), Instant::now());
        last = Some(f());
        let wall = wall.elapsed().as_secs_f64();
        times.push(match (cpu, thread_cpu()) {
            (Some(a), Some(b)) if b > a => b - a,
            _ => wall,
        });
    }
    times.sort_by(f64::total_cmp);
    let result = last.expect("RUNS > 0");
    (times[times.len() / 2], result)
}

/// CPU seconds used by the children this process has waited for, from
/// `/proc/self/stat` (Linux; in clock ticks of 1/100 s).
fn children_cpu() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // cutime and cstime are fields 16 and 17 of the whole line.
    let ticks: f64 = fields.get(13)?.parse::<f64>().ok()? + fields.get(14)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Median CPU seconds of `RUNS` runs of `bin segment` on `path`.
fn cli_seconds(bin: &Path, lang: &str, path: &Path) -> Option<f64> {
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let before = children_cpu()?;
        let status = Command::new(bin)
            .args(["segment", "--lang", lang, "-f", "json"])
            .arg(path)
            .stdout(std::process::Stdio::null())
            .status()
            .ok()?;
        if !status.success() {
            eprintln!("{} segment failed on {}", bin.display(), path.display());
            return None;
        }
        times.push(children_cpu()? - before);
    }
    times.sort_by(f64::total_cmp);
    Some(times[times.len() / 2])
}

fn mb_per_s(bytes: usize, secs: f64) -> f64 {
    bytes as f64 / 1e6 / secs
}

/// Seconds pySBD takes on `path`, and its Golden Rules score for `lang`,
/// or `None` when pySBD is not installed.
fn pysbd(path: &Path, lang: &str, golden: &Path) -> Option<(f64, usize, usize)> {
    let script = r#"
import json, sys, time
import pysbd
path, lang, golden = sys.argv[1], sys.argv[2], sys.argv[3]
seg = pysbd.Segmenter(language=lang, clean=False)
t = time.process_time()
text = open(path, encoding="utf-8").read()
n = len(seg.segment(text))
secs = time.process_time() - t
cases = json.load(open(golden, encoding="utf-8"))
ok = sum(1 for c in cases if [s.strip() for s in seg.segment(c["text"]) if s.strip()] == c["expected"])
print(secs, ok, len(cases))
"#;
    let out = Command::new(python())
        .args(["-c", script])
        .arg(path)
        .arg(lang)
        .arg(golden)
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!("pySBD: {}", String::from_utf8_lossy(&out.stderr).trim());
        return None;
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut fields = stdout.split_whitespace();
    Some((
        fields.next()?.parse().ok()?,
        fields.next()?.parse().ok()?,
        fields.next()?.parse().ok()?,
    ))
}

#[derive(serde::Deserialize)]
struct GoldenCase {
    text: String,
    expected: Vec<String>,
}

/// Cases passed of the Golden Rules for `lang`: (ours, ICU4X, total).
fn golden_scores(lang: &str, path: &Path) -> (usize, usize, usize) {
    let data = std::fs::read_to_string(path).expect("golden rules");
    let cases: Vec<GoldenCase> = serde_json::from_str(&data).expect("golden rules JSON");
    let ours = Segmenter::new(lang);
    let icu = SentenceSegmenter::new(SentenceBreakInvariantOptions::default());
    let (mut ok_ours, mut ok_icu) = (0, 0);
    for case in &cases {
        let got: Vec<&str> = ours.split(&case.text).map(|(_, s)| s).collect();
        ok_ours += usize::from(got == case.expected);
        let breaks: Vec<usize> = icu.segment_str(&case.text).collect();
        let got: Vec<&str> = breaks
            .windows(2)
            .map(|w| case.text[w[0]..w[1]].trim())
            .filter(|s| !s.is_empty())
            .collect();
        ok_icu += usize::from(got == case.expected);
    }
    (ok_ours, ok_icu, cases.len())
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let size = if quick { 4 << 20 } else { 24 << 20 };
    let dir = tempfile::tempdir().expect("temporary folder");
    let baseline = std::env::var_os("TMALIGN_BASELINE").map(std::path::PathBuf::from);
    let mut baseline_rows = Vec::new();
    println!(
        "Sentence segmentation, NTREX-128 news repeated to {} MB, median CPU time of {RUNS} runs, one core",
        size >> 20
    );
    println!("MB/s reading + segmenting the file (segmenting only in brackets)");
    println!(
        "{:<4} {:>18} {:>18} {:>7} {:>9} {:>9}   {:>8} {:>8} {:>8}",
        "lang", "tmalign", "ICU4X", "pySBD", "vs ICU4X", "vs pySBD", "Golden:", "ICU4X", "pySBD"
    );
    for lang in LANGS {
        let news = news_text(lang);
        let text = repeat_to(&news, size);
        let path = dir.path().join(format!("news.{lang}.txt"));
        std::fs::write(&path, &text).expect("write the benchmark text");
        let bytes = text.len();
        let read = || tmalign::input::read_file(&path, None).expect("read the text");

        let segmenter = Segmenter::new(lang);
        let (ours, count) = measure(|| segmenter.sentences(&read()).count());
        let (ours_only, _) = measure(|| segmenter.sentences(&text).count());
        let icu_segmenter = SentenceSegmenter::new(SentenceBreakInvariantOptions::default());
        let (icu, icu_breaks) = measure(|| icu_segmenter.segment_str(&read()).count());
        let (icu_only, _) = measure(|| icu_segmenter.segment_str(&text).count());
        let (ours, ours_only) = (mb_per_s(bytes, ours), mb_per_s(bytes, ours_only));
        let (icu, icu_only) = (mb_per_s(bytes, icu), mb_per_s(bytes, icu_only));

        let golden = shared_dir().join(format!("corpora/golden_rules/{lang}.json"));
        let (g_ours, g_icu, g_total) = golden_scores(lang, &golden);
        let mut py_speed = None;
        let mut py_golden = String::from("-");
        if !quick {
            let mut end = PYSBD_SLICE.min(news.len());
            while !news.is_char_boundary(end) {
                end -= 1;
            }
            let slice_path = dir.path().join(format!("slice.{lang}.txt"));
            std::fs::write(&slice_path, &news[..end]).expect("write the pySBD slice");
            if let Some((secs, ok, total)) = pysbd(&slice_path, lang, &golden) {
                py_speed = Some(end as f64 / 1e6 / secs);
                py_golden = format!("{ok}/{total}");
            }
        }
        let (py, vs_py) = match py_speed {
            Some(s) => (format!("{s:.2}"), format!("{:.0}x", ours / s)),
            None => ("-".to_string(), "-".to_string()),
        };
        println!(
            "{lang:<4} {:>18} {:>18} {:>7} {:>9} {:>9}   {:>8} {:>8} {:>8}",
            format!("{ours:.0} ({ours_only:.0})"),
            format!("{icu:.0} ({icu_only:.0})"),
            py,
            format!("{:.2}x", ours / icu),
            vs_py,
            format!("{g_ours}/{g_total}"),
            format!("{g_icu}/{g_total}"),
            py_golden,
        );
        println!(
            "     sentences per copy of the news text: tmalign {}, ICU4X {}",
            count * news.len() / bytes,
            icu_breaks.saturating_sub(1) * news.len() / bytes
        );
        if let Some(base) = &baseline {
            let ours = cli_seconds(Path::new(env!("CARGO_BIN_EXE_tmalign")), lang, &path);
            let theirs = cli_seconds(base, lang, &path);
            if let (Some(ours), Some(theirs)) = (ours, theirs) {
                baseline_rows.push((lang, mb_per_s(bytes, ours), mb_per_s(bytes, theirs)));
            }
        }
    }
    if let Some(base) = &baseline {
        println!(
            "`tmalign segment -f json` (read, segment, write JSON), MB/s by child CPU time, beside {}:",
            base.display()
        );
        println!(
            "{:<4} {:>9} {:>9} {:>7}",
            "lang", "this", "baseline", "ratio"
        );
        for (lang, ours, theirs) in baseline_rows {
            println!(
                "{lang:<4} {ours:>9.0} {theirs:>9.0} {:>6.2}x",
                ours / theirs
            );
        }
    }
    println!("(pySBD column in MB/s on a {} KB slice)", PYSBD_SLICE >> 10);
}
