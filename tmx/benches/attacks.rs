//! The hostile TMX inputs of the hardening work (issue 13), read by the tmx
//! crate as it was at the start of session 2 (commit 9c3d908) and as it is
//! now, in one run: wall time, CPU time and peak memory per attack, with
//! what each reader said. The same small driver (read every unit with the
//! default limits) is built against both crates; see `common/before.rs`.
//!
//! Run: `cargo bench -p tmx --bench attacks`. Environment:
//! `TMX_ATTACK_TIMEOUT` (seconds before a run is killed, default 30),
//! `TMX_ATTACK_SCALE` (percent of the issue's sizes, default 100),
//! `TMX_ATTACK_ONLY` (run only the attacks whose name holds this text).
//! The read throughput on a well-formed file, beside xmllint and quick-xml,
//! is the `throughput` bench, which also shows the 9c3d908 reader.

#[path = "common/before.rs"]
mod before;

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

const HEAD: &str = r#"<?xml version="1.0"?><tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>"#;
const TAIL: &str = "</body></tmx>";
const PAIR: &str = r#"<tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="ru"><seg>б</seg></tuv>"#;

/// One attack: a name, the size the issue reported it at, and its writer.
struct Attack {
    name: &'static str,
    write: fn(&mut dyn Write, usize) -> std::io::Result<()>,
    /// The count the issue used (scaled by `TMX_ATTACK_SCALE`).
    count: usize,
}

/// A unit whose first variant's segment holds `piece` `n` times.
fn in_seg(w: &mut dyn Write, n: usize, piece: &[u8]) -> std::io::Result<()> {
    write!(w, "{HEAD}<tu><tuv xml:lang=\"en\"><seg>")?;
    for _ in 0..n {
        w.write_all(piece)?;
    }
    write!(
        w,
        "</seg></tuv><tuv xml:lang=\"ru\"><seg>б</seg></tuv></tu>{TAIL}"
    )
}

/// One unit holding `piece` `n` times.
fn in_unit(w: &mut dyn Write, n: usize, piece: &[u8]) -> std::io::Result<()> {
    write!(w, "{HEAD}<tu>")?;
    for _ in 0..n {
        w.write_all(piece)?;
    }
    write!(w, "</tu>{TAIL}")
}

fn attacks() -> Vec<Attack> {
    vec![
        Attack {
            name: "same-language <tuv> in one unit",
            count: 100_000,
            write: |w, n| in_unit(w, n, br#"<tuv xml:lang="en"><seg>a</seg></tuv>"#),
        },
        Attack {
            name: "same-language <tuv>, no text",
            count: 1_700_000,
            write: |w, n| in_unit(w, n, br#"<tuv xml:lang="en"><seg/></tuv>"#),
        },
        Attack {
            name: "attributes on one <tu>",
            count: 1_000_000,
            write: |w, n| {
                write!(w, "{HEAD}<tu")?;
                for k in 0..n {
                    write!(w, " a{k}=\"\"")?;
                }
                write!(w, ">{PAIR}</tu>{TAIL}")
            },
        },
        Attack {
            name: "unpaired <bpt>/<ept> pairs",
            count: 80_000,
            write: |w, n| {
                let codes: String = (0..n)
                    .map(|k| format!("<bpt i=\"{k}\"/><ept i=\"x{k}\"/>"))
                    .collect();
                in_seg(w, 1, codes.as_bytes())
            },
        },
        Attack {
            name: "<ph/> in one segment (62 MB)",
            count: 62 << 20 >> 5,
            write: |w, n| in_seg(w, n, b"<ph/><ph/><ph/><ph/><ph/><ph/>x"),
        },
        Attack {
            name: "props in the header",
            count: 3_900_000,
            write: |w, n| {
                w.write_all(br#"<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext">"#)?;
                for _ in 0..n {
                    w.write_all(br#"<prop type="x"/>"#)?;
                }
                write!(w, "</header><body><tu>{PAIR}</tu>{TAIL}")
            },
        },
        Attack {
            name: "distinct non-canonical 512 KB codes",
            count: 300,
            write: |w, n| {
                w.write_all(HEAD.as_bytes())?;
                let long = "x".repeat(512 << 10);
                for k in 0..n {
                    // Upper case is not canonical, so each code is warned about
                    // and was kept for the warning cache.
                    write!(
                        w,
                        "<tu><tuv xml:lang=\"EN-{k}{long}\"><seg>a</seg></tuv></tu>"
                    )?;
                }
                w.write_all(TAIL.as_bytes())
            },
        },
        Attack {
            name: "nested <hi> in one segment",
            count: 1_000_000,
            write: |w, n| in_seg(w, 1, ("<hi>".repeat(n) + &"</hi>".repeat(n)).as_bytes()),
        },
        Attack {
            name: "one 60 MB segment (control)",
            count: 60 << 20 >> 4,
            write: |w, n| in_seg(w, n, b"word word word. "),
        },
    ]
}

fn cell(run: Option<&before::Run>, timeout: u64) -> String {
    match run {
        None => "-".to_string(),
        Some(r) if r.killed => format!(">{timeout} s killed"),
        Some(r) => format!(
            "{:.2} s {:>5} MB",
            r.cpu.unwrap_or(r.wall),
            r.peak_mb.map_or("?".into(), |m| format!("{m:.0}"))
        ),
    }
}

fn main() {
    let env = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let timeout = env("TMX_ATTACK_TIMEOUT", 30);
    let scale = env("TMX_ATTACK_SCALE", 100) as usize;
    if !Path::new("/usr/bin/time").exists() {
        println!("attacks bench skipped: it needs /usr/bin/time for peak memory");
        return;
    }
    let work: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/attack-bench");
    std::fs::create_dir_all(&work).expect("bench folder");
    println!(
        "building the driver against tmx now and at {} ...",
        before::before_rev()
    );
    let drivers = before::drivers(&work);
    let inputs = work.join("inputs");
    std::fs::create_dir_all(&inputs).expect("inputs folder");

    println!(
        "\nhostile TMX inputs, default limits; CPU seconds (user + system) and peak resident MB; runs killed after {timeout} s\n"
    );
    println!(
        "{:<34} {:>9} {:>8} | {:>17} | {:>17} | now says",
        "attack",
        "count",
        "MB",
        format!("before {}", before::before_rev()),
        "now"
    );
    let only = std::env::var("TMX_ATTACK_ONLY").unwrap_or_default();
    for attack in attacks().into_iter().filter(|a| a.name.contains(&only)) {
        let n = attack.count * scale / 100;
        let path = inputs.join(format!(
            "{}.tmx",
            attack.name.replace([' ', '/', '<', '>', '(', ')'], "_")
        ));
        {
            let file = std::fs::File::create(&path).expect("input file");
            let mut w = BufWriter::with_capacity(1 << 20, file);
            (attack.write)(&mut w, n).expect("write input");
            w.flush().expect("write input");
        }
        let mb = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
        let limit = Duration::from_secs(timeout);
        let old = drivers
            .before
            .as_ref()
            .map(|exe| before::run(exe, &path, limit));
        let new = before::run(&drivers.after, &path, limit);
        println!(
            "{:<34} {:>9} {:>8.1} | {:>17} | {:>17} | {}",
            attack.name,
            n,
            mb,
            cell(old.as_ref(), timeout),
            cell(Some(&new), timeout),
            new.outcome
        );
        if let Some(old) = &old {
            println!("{:<54}   (before said: {})", "", old.outcome);
        }
        let _ = std::fs::remove_file(&path);
    }
}
