//! Read and write throughput and peak memory of the `tmx` crate beside
//! libxml2's streaming reader (`xmllint --stream --noout`), translate-toolkit
//! and quick-xml's bare event loop, all on the same generated 3-language TMX.
//!
//! Run: `cargo bench -p tmx --bench throughput`. Environment:
//! `TMX_BENCH_MB` (file size, default 100), `TMX_BENCH_RUNS` (runs per
//! timing, median reported, default 3), `TMX_BENCH_STREAM_MB` (size of the
//! synthetic stream for the flat-memory check, default 1024),
//! `TMALIGN_PYTHON` (python with translate-toolkit; default
//! `../.venv/bin/python3`, else `python3`), `TMX_BENCH_BEFORE=0` to leave
//! out the rows of the crate at 9c3d908 (built once into `target/`).

// Only the driver builder is used here; the attacks bench runs them too.
#[allow(dead_code)]
#[path = "common/before.rs"]
mod before;

use quick_xml::events::Event;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use tmx::{Header, Prop, Reader, Tu, Writer, WriterOptions};

const EN: &[&str] = &[
    "the",
    "council",
    "agreed",
    "on",
    "new",
    "measures",
    "to",
    "support",
    "small",
    "businesses",
    "after",
    "talks",
    "in",
    "Brussels",
    "prices",
    "rose",
    "by",
    "5.2%",
    "during",
    "year",
    "minister",
    "said",
    "&",
    "report",
    "<draft>",
];
const AR: &[&str] = &[
    "وافق",
    "المجلس",
    "على",
    "تدابير",
    "جديدة",
    "لدعم",
    "الشركات",
    "الصغيرة",
    "بعد",
    "محادثات",
    "في",
    "بروكسل",
    "ارتفعت",
    "الأسعار",
    "بنسبة",
    "٥٫٢٪",
    "خلال",
    "العام",
    "قال",
    "الوزير",
    "التقرير",
    "الاقتصاد",
];
const RU: &[&str] = &[
    "совет",
    "согласовал",
    "новые",
    "меры",
    "поддержки",
    "малого",
    "бизнеса",
    "после",
    "переговоров",
    "в",
    "Брюсселе",
    "цены",
    "выросли",
    "на",
    "5,2%",
    "за",
    "год",
    "министр",
    "заявил",
    "доклад",
    "«проект»",
];

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn sentence(&mut self, words: &[&str]) -> String {
        let n = 6 + (self.next() % 30) as usize;
        let mut s = String::new();
        for i in 0..n {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(words[(self.next() % words.len() as u64) as usize]);
        }
        s.push('.');
        s
    }
}

fn unit_pool() -> Vec<Tu> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    (0..4096)
        .map(|_| {
            let en = rng.sentence(EN);
            let ar = rng.sentence(AR);
            let ru = rng.sentence(RU);
            let mut tu = Tu::from_pairs([
                ("en", en.as_str()),
                ("ar", ar.as_str()),
                ("ru", ru.as_str()),
            ]);
            tu.props.push(Prop::new("x-score", "0.93"));
            tu
        })
        .collect()
}

/// Writes units from the pool until the file reaches `bytes`; returns the
/// units written.
fn write_file(path: &Path, pool: &mut [Tu], bytes: u64) -> u64 {
    let file = BufWriter::with_capacity(
        1 << 20,
        std::fs::File::create(path).expect("create the bench file"),
    );
    let header = Header::new("tmx-bench", "1", "en");
    let mut writer = Writer::new(file, &header, WriterOptions::default()).expect("header");
    let mut written = 0u64;
    // About 1 KB per unit: check the size every 1024 units.
    loop {
        for k in 0..1024 {
            let tu = &mut pool[(written as usize + k) % 4096];
            tu.tuid = Some((written + k as u64).to_string());
            writer.write_tu(tu).expect("write");
        }
        written += 1024;
        if std::fs::metadata(path).map(|m| m.len()).unwrap_or(0) >= bytes {
            break;
        }
    }
    writer.finish().expect("finish");
    written
}

fn read_units(path: &Path) -> u64 {
    let mut reader = Reader::from_path(path).expect("header");
    let mut tu = Tu::default();
    let mut n = 0;
    while reader.read_tu(&mut tu).expect("read") {
        n += 1;
    }
    n
}

fn quick_xml_events(path: &Path, decode: bool) -> u64 {
    let file = BufReader::with_capacity(256 << 10, std::fs::File::open(path).expect("open"));
    let mut reader = quick_xml::Reader::from_reader(file);
    let mut buf = Vec::new();
    let mut n = 0u64;
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf).expect("well-formed") {
            Event::Eof => return n,
            Event::Text(t) if decode => {
                n += std::str::from_utf8(&t).map(|s| s.len() as u64).unwrap_or(0);
            }
            _ => n += 1,
        }
    }
}

/// Wall and CPU seconds of one measurement, and peak memory when known.
#[derive(Clone, Copy)]
struct Sample {
    wall: f64,
    cpu: Option<f64>,
    peak_mb: Option<f64>,
}

/// CPU time of this (single-threaded) process in seconds, from
/// `/proc/self/schedstat` (Linux): robust when other jobs share the cores.
fn own_cpu() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// The median (by CPU time when known, else wall time) of `runs` samples.
fn median_sample(mut samples: Vec<Sample>) -> Option<Sample> {
    samples.sort_by(|a, b| a.cpu.unwrap_or(a.wall).total_cmp(&b.cpu.unwrap_or(b.wall)));
    samples.get(samples.len() / 2).copied()
}

/// Median of `runs` in-process calls.
fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> (Sample, T) {
    let mut samples = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let cpu = own_cpu();
        let start = Instant::now();
        last = Some(f());
        let wall = start.elapsed().as_secs_f64();
        let cpu = cpu.zip(own_cpu()).map(|(a, b)| b - a);
        samples.push(Sample {
            wall,
            cpu,
            peak_mb: None,
        });
    }
    (
        median_sample(samples).expect("at least one run"),
        last.expect("at least one run"),
    )
}

/// Peak resident memory of this process in MB (Linux).
fn own_peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Runs a command under `/usr/bin/time` (when present) for wall time, CPU
/// time (user + system) and peak memory; None when it cannot run or fails.
fn timed(cmd: &mut Command) -> Option<Sample> {
    let has_time = Path::new("/usr/bin/time").exists();
    let mut full = if has_time {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-f")
            .arg("TIME %e %U %S %M")
            .arg(cmd.get_program())
            .args(cmd.get_args());
        c
    } else {
        let mut c = Command::new(cmd.get_program());
        c.args(cmd.get_args());
        c
    };
    let start = Instant::now();
    let out = full.output().ok()?;
    let wall = start.elapsed().as_secs_f64();
    if !out.status.success() {
        eprintln!(
            "  ({:?} failed: {})",
            cmd.get_program(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
        return None;
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let fields: Vec<f64> = stderr
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("TIME "))
        .map(|rest| {
            rest.split_whitespace()
                .filter_map(|v| v.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    let (cpu, peak_mb) = match fields.as_slice() {
        [_, user, sys, kb] => (Some(user + sys), Some(kb / 1024.0)),
        _ => (None, None),
    };
    Some(Sample { wall, cpu, peak_mb })
}

fn python() -> PathBuf {
    if let Ok(p) = std::env::var("TMALIGN_PYTHON") {
        return PathBuf::from(p);
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../.venv/bin/python3");
    if venv.exists() {
        return venv;
    }
    PathBuf::from("python3")
}

/// A `Read` that produces a TMX of `bytes` on the fly, for the flat-memory
/// check on sizes larger than the disk should hold.
struct Synthetic {
    pool: Vec<Tu>,
    out: Vec<u8>,
    pos: usize,
    produced: u64,
    target: u64,
    unit: u64,
    finished: bool,
    header_done: bool,
}

impl Read for Synthetic {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.pos == self.out.len() {
            self.out.clear();
            self.pos = 0;
            if self.finished {
                return Ok(0);
            }
            let mut chunk = Vec::new();
            if !self.header_done {
                self.header_done = true;
                let writer = Writer::new(
                    &mut chunk,
                    &Header::new("tmx-bench", "1", "en"),
                    WriterOptions::default(),
                )
                .map_err(std::io::Error::other)?;
                writer.finish().map_err(std::io::Error::other)?;
                // Keep everything up to and including `<body>`.
                let end = find(&chunk, b"<body>\n")
                    .map(|i| i + 7)
                    .unwrap_or(chunk.len());
                self.out.extend_from_slice(&chunk[..end]);
            } else if self.produced >= self.target {
                self.finished = true;
                self.out.extend_from_slice(b"  </body>\n</tmx>\n");
            } else {
                // Units only: write with a throw-away writer, keep what is
                // between `<body>` and `</body>`.
                let mut units = Vec::new();
                let mut writer = Writer::new(
                    &mut units,
                    &Header::new("b", "1", "en"),
                    WriterOptions::default(),
                )
                .map_err(std::io::Error::other)?;
                for _ in 0..256 {
                    let tu = &mut self.pool[(self.unit % 4096) as usize];
                    tu.tuid = Some(self.unit.to_string());
                    writer.write_tu(tu).map_err(std::io::Error::other)?;
                    self.unit += 1;
                }
                writer.finish().map_err(std::io::Error::other)?;
                let start = find(&units, b"<body>\n").map(|i| i + 7).unwrap_or(0);
                let end = find(&units, b"  </body>").unwrap_or(units.len());
                self.out.extend_from_slice(&units[start..end]);
            }
            self.produced += self.out.len() as u64;
        }
        let n = buf.len().min(self.out.len() - self.pos);
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // Child modes, run as separate processes so their peak memory is theirs.
    if let Some(i) = args.iter().position(|a| a == "--child-read") {
        let n = read_units(Path::new(&args[i + 1]));
        println!("{n} {:.1}", own_peak_mb().unwrap_or(f64::NAN));
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--generate") {
        // For profiling: `throughput --generate FILE MB`.
        let mb: u64 = args[i + 2].parse().expect("MB");
        let units = write_file(Path::new(&args[i + 1]), &mut unit_pool(), mb << 20);
        println!("{units} units");
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--child-stream") {
        let mb: u64 = args[i + 1].parse().expect("MB");
        let source = Synthetic {
            pool: unit_pool(),
            out: Vec::new(),
            pos: 0,
            produced: 0,
            target: mb << 20,
            unit: 0,
            finished: false,
            header_done: false,
        };
        let mut reader = Reader::from_reader(source).expect("header");
        let mut tu = Tu::default();
        let mut n = 0u64;
        while reader.read_tu(&mut tu).expect("read") {
            n += 1;
        }
        println!("{n} {:.1}", own_peak_mb().unwrap_or(f64::NAN));
        return;
    }

    let env = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let mb = env("TMX_BENCH_MB", 100);
    let runs = env("TMX_BENCH_RUNS", 3) as usize;
    let stream_mb = env("TMX_BENCH_STREAM_MB", 1024);
    let dir = std::env::temp_dir().join(format!("tmx-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("bench folder");
    let path = dir.join("bench.tmx");

    println!("tmx throughput: 3-language TMX of ~{mb} MB, median of {runs} runs");
    let mut pool = unit_pool();
    let (write, units) = median(runs, || write_file(&path, &mut pool, mb << 20));
    let size = std::fs::metadata(&path).expect("bench file").len() as f64 / (1 << 20) as f64;
    println!("file: {size:.1} MB, {units} units");
    println!("MB/s and ratios use CPU time (user + system), which other jobs on the machine do not inflate.\n");
    println!(
        "{:<42} {:>8} {:>8} {:>8} {:>8} {:>10}",
        "what", "wall s", "cpu s", "MB/s", "peak MB", "cpu vs tmx"
    );

    let (mut read, n) = median(runs, || read_units(&path));
    assert_eq!(n, units, "read back every unit");
    let exe = std::env::current_exe().expect("the bench binary");
    let child = Command::new(&exe)
        .arg("--child-read")
        .arg(&path)
        .output()
        .expect("child");
    let child_out = String::from_utf8_lossy(&child.stdout);
    read.peak_mb = child_out
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.parse().ok());
    let cost = |s: &Sample| s.cpu.unwrap_or(s.wall);
    let row = |what: &str, s: Sample| {
        let peak = s
            .peak_mb
            .map(|p| format!("{p:.0}"))
            .unwrap_or_else(|| "-".into());
        let cpu = s
            .cpu
            .map(|c| format!("{c:.3}"))
            .unwrap_or_else(|| "-".into());
        println!(
            "{what:<42} {:>8.3} {cpu:>8} {:>8.0} {peak:>8} {:>9.2}x",
            s.wall,
            size / cost(&s),
            cost(&s) / cost(&read)
        );
    };
    row("tmx: read into Tu (read_tu)", read);
    row("tmx: write (Writer::write_tu)", write);
    let (bare, _) = median(runs, || quick_xml_events(&path, false));
    row("quick-xml bare event loop (limit)", bare);
    let (utf8, _) = median(runs, || quick_xml_events(&path, true));
    row("quick-xml events + std UTF-8 check of text", utf8);

    let xmllint: Vec<Sample> = (0..runs)
        .map_while(|_| {
            timed(
                Command::new("xmllint")
                    .arg("--stream")
                    .arg("--noout")
                    .arg(&path),
            )
        })
        .collect();
    let xmllint = median_sample(xmllint);
    match xmllint {
        Some(s) => row("xmllint --stream --noout (libxml2)", s),
        None => println!("{:<42} not available", "xmllint --stream --noout"),
    }

    // The same read as a separate process, by the crate of now and of the
    // start of session 2, so the two compare like for like.
    if env("TMX_BENCH_BEFORE", 1) != 0 {
        let work = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/attack-bench");
        let drivers = before::drivers(&work);
        let drive = |exe: &Path| {
            median_sample(
                (0..runs)
                    .map_while(|_| timed(Command::new(exe).arg(&path)))
                    .collect(),
            )
        };
        if let Some(s) = drive(&drivers.after) {
            row("tmx now: read_tu driver (process)", s);
        }
        match drivers.before.as_deref().and_then(drive) {
            Some(s) => row(
                &format!("tmx at {}: read_tu driver (process)", before::before_rev()),
                s,
            ),
            None => println!(
                "{:<42} not available",
                format!("tmx at {}", before::before_rev())
            ),
        }
    }

    let script = "import sys\nfrom translate.storage.tmx import tmxfile\nwith open(sys.argv[1], 'rb') as f:\n    store = tmxfile(f)\nprint(len(store.units))";
    let tt = timed(Command::new(python()).arg("-c").arg(script).arg(&path));
    match tt {
        Some(s) => row("translate-toolkit tmxfile (1 run)", s),
        None => println!("{:<42} not available", "translate-toolkit"),
    }

    let stream = Command::new(&exe)
        .arg("--child-stream")
        .arg(stream_mb.to_string())
        .output()
        .expect("child");
    let stream_out = String::from_utf8_lossy(&stream.stdout);
    println!(
        "\nflat memory: reading a generated {stream_mb} MB stream ({} units) peaks at {} MB resident",
        stream_out.split_whitespace().next().unwrap_or("?"),
        stream_out.split_whitespace().nth(1).unwrap_or("?")
    );
    if let Some(x) = xmllint {
        println!(
            "tmx read: {:.2}x the speed of xmllint --stream (CPU time)",
            cost(&x) / cost(&read)
        );
    }
    if let Some(t) = tt {
        println!(
            "tmx read: {:.2}x the speed of translate-toolkit (CPU time)",
            cost(&t) / cost(&read)
        );
    }
    println!(
        "tmx read: {:.2}x the time of quick-xml's bare event loop (CPU time)",
        cost(&read) / cost(&bare)
    );
    let _ = std::io::stdout().flush();
    let _ = std::fs::remove_dir_all(&dir);
}
