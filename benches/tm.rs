//! `tm` lookup speed on a generated 1,000,000-unit ar/en/ru memory: index
//! build rate, index file size and load time, lookups per second (1,000
//! queries through `tm::lookup`, on all cores, then on one), wall and CPU
//! time, and memory; beside translate-toolkit's TM matcher
//! (`translate.search.match.matcher`, what `pot2po --tm` uses) on a 5,000-unit
//! memory and 40 queries, since it scores every unit of its length window in
//! Python (character Levenshtein).
//!
//! The memory is made of pseudo-words in Latin, Cyrillic and Arabic letters
//! drawn with a Zipf-like skew, so common words are common, plus numbers and
//! punctuation; queries are memory sentences with one word changed (half),
//! unchanged (a quarter) and new sentences (a quarter).
//!
//! Run: `cargo bench --bench tm` (`--quick`: 100,000 units; `TMALIGN_PYTHON`
//! for another Python).

use std::process::{Command, Stdio};
use std::time::Instant;
use tmalign::tm::{index_bytes, lookup, read_index, Entry, Index, IndexHeader};

mod common;
use common::python;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// Skewed towards small values: about Zipf over `n`.
    fn zipf(&mut self, n: u64) -> u64 {
        let u = (self.below(1 << 30) as f64 + 1.0) / (1u64 << 30) as f64;
        ((n as f64).powf(u) - 1.0) as u64 % n
    }
}

fn word(alphabet: &[char], id: u64) -> String {
    let mut id = id + 7;
    let mut w = String::new();
    while id > 0 || w.chars().count() < 2 {
        w.push(alphabet[(id % alphabet.len() as u64) as usize]);
        id /= alphabet.len() as u64;
    }
    w
}

fn sentence(rng: &mut Rng, alphabet: &[char], words: &[u64], numbers: &[u64]) -> String {
    let mut s = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        let mut text = word(alphabet, *w);
        if i == 0 {
            let mut c = text.chars();
            text = c
                .next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default();
        }
        s.push_str(&text);
        if i == 2 && !numbers.is_empty() {
            s.push_str(&format!(" {}", numbers[0]));
        }
    }
    s.push(if rng.below(10) == 0 { '?' } else { '.' });
    s
}

fn alphabets() -> [Vec<char>; 3] {
    [
        ('a'..='z').collect(),
        ('а'..='я').collect(),
        ('\u{0627}'..='\u{064A}')
            .filter(|c| c.is_alphabetic())
            .collect(),
    ]
}

/// `n` units: (en, ar, ru), and the word ids of each English sentence.
fn memory(n: usize) -> (Vec<Entry>, Vec<Vec<u64>>) {
    let [en, ru, ar] = alphabets();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut entries = Vec::with_capacity(n);
    let mut ids = Vec::with_capacity(n);
    for _ in 0..n {
        let len = 5 + rng.below(20) as usize;
        let words: Vec<u64> = (0..len).map(|_| rng.zipf(50_000)).collect();
        let numbers: Vec<u64> = if rng.below(3) == 0 {
            vec![rng.below(3000)]
        } else {
            vec![]
        };
        let source = sentence(&mut rng, &en, &words, &numbers);
        let target = sentence(&mut rng, &ar, &words, &numbers);
        let _ru = sentence(&mut rng, &ru, &words, &numbers);
        entries.push(Entry { source, target });
        ids.push(words);
    }
    (entries, ids)
}

fn queries(entries: &[Entry], ids: &[Vec<u64>], n: usize) -> Vec<String> {
    let [en, _, _] = alphabets();
    let mut rng = Rng(42);
    (0..n)
        .map(|i| {
            let u = rng.below(entries.len() as u64) as usize;
            match i % 4 {
                0 => entries[u].source.clone(),
                1 => {
                    let len = 5 + rng.below(20) as usize;
                    let words: Vec<u64> = (0..len).map(|_| rng.zipf(50_000)).collect();
                    sentence(&mut rng, &en, &words, &[])
                }
                _ => {
                    let mut words = ids[u].clone();
                    let k = rng.below(words.len() as u64) as usize;
                    words[k] = rng.zipf(50_000);
                    sentence(&mut rng, &en, &words, &[])
                }
            }
        })
        .collect()
}

fn status_mb(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn peak_rss_mb() -> f64 {
    status_mb("VmHWM:")
}

fn rss_mb() -> f64 {
    status_mb("VmRSS:")
}

/// CPU time of the whole process (user + system, all threads), in seconds:
/// on a shared machine it says what the work costs when wall time cannot.
fn cpu_s() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // Fields after the command name, which ends with ')'.
            let rest = s.rsplit_once(')')?.1;
            let f: Vec<&str> = rest.split_whitespace().collect();
            let ticks = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(0.0)
}

/// Wall and CPU seconds of `f`.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, f64) {
    let (t, c) = (Instant::now(), cpu_s());
    let out = f();
    (out, t.elapsed().as_secs_f64(), cpu_s() - c)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Queries given to the peer: it scores each against its whole length
/// window in Python.
const PEER_QUERIES: usize = 40;

const TT: &str = r#"
import sys, time, json, logging
logging.disable(logging.CRITICAL)
from translate.storage import po
from translate.search import match
mem, qs = sys.argv[1], sys.argv[2]
store = po.pofile()
for line in open(mem, encoding="utf-8"):
    s, t = line.rstrip("\n").split("\t")
    u = store.addsourceunit(s)
    u.target = t
t0 = time.process_time()
m = match.matcher(store, max_candidates=3, min_similarity=75, max_length=1000)
t1 = time.process_time()
queries = [l.rstrip("\n") for l in open(qs, encoding="utf-8")]
found = 0
for q in queries:
    found += bool(m.matches(q))
t2 = time.process_time()
print(json.dumps({"build": t1 - t0, "lookup": t2 - t1, "queries": len(queries), "found": found}))
"#;

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let n = if quick { 100_000 } else { 1_000_000 };
    let t = Instant::now();
    let (entries, ids) = memory(n);
    let qs = queries(&entries, &ids, 1000);
    eprintln!("generated {n} units in {:.1} s", t.elapsed().as_secs_f64());
    let threads = rayon::current_num_threads();
    let copy = entries.clone();
    let before = rss_mb();
    let (index, build, build_cpu) = timed(|| Index::new(copy));
    let after = rss_mb();
    println!("memory: {n} units (en→ar, ru generated alongside), 1000 queries, --min 75, k 3, {threads} threads");
    println!(
        "index build: {build:.2} s = {:.0} units/s ({build_cpu:.2} s CPU = {:.0} units per CPU-second); the index holds {:.0} MB ({:.0} bytes per unit; RSS grew {:.0} MB)",
        n as f64 / build,
        n as f64 / build_cpu,
        index.heap_bytes() as f64 / 1e6,
        index.heap_bytes() as f64 / n as f64,
        after - before
    );
    let header = IndexHeader {
        from: "en".into(),
        to: "ar".into(),
        memory: "memory.tmx".into(),
        memory_size: 0,
        memory_mtime: 0,
    };
    let (bytes, write, _) = timed(|| index_bytes(&index, &header));
    let (back, read, read_cpu) = timed(|| read_index(&bytes, None).expect("reads back"));
    println!(
        "index file: {:.0} MB ({:.0} bytes per unit); written in {write:.2} s, read and checked in {read:.2} s ({read_cpu:.2} s CPU)",
        bytes.len() as f64 / 1e6,
        bytes.len() as f64 / n as f64
    );
    drop(bytes);
    drop(back);
    let mut walls = Vec::new();
    let mut cpus = Vec::new();
    let mut found = 0;
    for _ in 0..5 {
        let (got, wall, cpu) = timed(|| lookup(&index, &qs, 75, 3));
        walls.push(wall);
        cpus.push(cpu);
        found = got.iter().filter(|m| !m.is_empty()).count();
    }
    let (par, par_cpu) = (median(walls), median(cpus));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("thread pool");
    let (_, one, _) = timed(|| pool.install(|| std::hint::black_box(lookup(&index, &qs, 75, 3))));
    println!(
        "lookup: 1000 queries in {par:.3} s on {threads} threads ({:.0}/s; {par_cpu:.2} s CPU, median of 5), {one:.3} s on one ({:.0}/s); {found} with a match",
        1000.0 / par,
        1000.0 / one
    );
    println!(
        "peak RSS: {:.0} MB (the generated memory and its copy included)",
        peak_rss_mb()
    );

    // translate-toolkit scores every unit of its length window in Python:
    // both on a smaller memory and fewer queries.
    let small = if quick { 1_000 } else { 5_000 };
    let dir = tempfile::tempdir().expect("temp dir");
    let mem = dir.path().join("mem.tsv");
    let qfile = dir.path().join("q.txt");
    let mem_text: String = entries[..small]
        .iter()
        .map(|e| format!("{}\t{}\n", e.source, e.target))
        .collect();
    std::fs::write(&mem, mem_text).unwrap();
    let (small_entries, small_ids) = (&entries[..small], &ids[..small]);
    let small_q = queries(small_entries, small_ids, PEER_QUERIES);
    std::fs::write(&qfile, small_q.join("\n") + "\n").unwrap();
    let (small_index, our_build, _) = timed(|| Index::new(small_entries.to_vec()));
    let (our_found, our_lookup, _) = timed(|| {
        pool.install(|| {
            lookup(&small_index, &small_q, 75, 3)
                .iter()
                .filter(|m| !m.is_empty())
                .count()
        })
    });
    let out = Command::new(python())
        .args(["-c", TT])
        .arg(&mem)
        .arg(&qfile)
        .stderr(Stdio::null())
        .output();
    match out {
        Ok(out) if out.status.success() => {
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let (tb, tl) = (v["build"].as_f64().unwrap(), v["lookup"].as_f64().unwrap());
            println!(
                "peer on the first {small} units and {PEER_QUERIES} queries drawn from them, one core (tt by process CPU time):"
            );
            println!("  translate-toolkit matcher: build {tb:.2} s, lookup {tl:.2} s ({:.2}/s), {} with a match", PEER_QUERIES as f64 / tl, v["found"]);
            println!("  tmalign tm:                build {our_build:.3} s, lookup {our_lookup:.4} s ({:.0}/s), {our_found} with a match", PEER_QUERIES as f64 / our_lookup);
            println!(
                "  ratio: lookup {:.0}x faster on {small} units; tt's lookup grows with the memory (it scores its whole length window),",
                tl / our_lookup
            );
            println!(
                "  so on {n} units it would take about {:.0} s per query (linear extrapolation, not measured) against our {one:.2} ms on one core",
                tl / PEER_QUERIES as f64 * (n / small) as f64,
            );
        }
        _ => println!(
            "translate-toolkit not available ({}): no peer figures",
            python().display()
        ),
    }
}
