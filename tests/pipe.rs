//! `tmalign pipe`: JSON Lines of document sets in, results out in input
//! order; bad lines answered and skipped; output independent of threads
//! and partitions; memory bounded on a long stream.

use crate::util::repo_root;
use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `tmalign pipe ARGS` with `input` on stdin and `RAYON_NUM_THREADS`.
pub fn pipe(input: &[u8], args: &[&str], threads: Option<usize>) -> (Option<i32>, Vec<u8>, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tmalign"));
    cmd.arg("pipe").args(args);
    if let Some(n) = threads {
        cmd.env("RAYON_NUM_THREADS", n.to_string());
    }
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tmalign runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("tmalign finishes");
    writer.join().expect("writer thread");
    (
        out.status.code(),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// One JSON line per sample article (ar, en, ru) and its first 2..n
/// paragraphs, so the sets differ in size.
pub fn sample_lines() -> Vec<String> {
    let samples = repo_root().join("samples");
    let mut names: Vec<String> = std::fs::read_dir(&samples)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("ru.txt").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut lines = Vec::new();
    for name in names {
        let texts: Vec<(String, String)> = ["ar", "en", "ru"]
            .iter()
            .map(|l| {
                let text =
                    std::fs::read_to_string(samples.join(&name).join(format!("{l}.txt"))).unwrap();
                (l.to_string(), text)
            })
            .collect();
        let mut map = String::new();
        for (k, (l, t)) in texts.iter().enumerate() {
            if k > 0 {
                map.push(',');
            }
            map.push_str(&format!(
                "{}:{}",
                serde_json::json!(l),
                serde_json::json!(t)
            ));
        }
        lines.push(format!(
            "{{\"id\":{},\"texts\":{{{map}}}}}",
            serde_json::json!(name)
        ));
    }
    lines
}

fn parse(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

#[test]
fn every_kind_of_bad_line_is_answered_and_the_stream_goes_on() {
    let good = r#"{"id":"ok","texts":{"en":"Prices rose 5% on Monday. Shares fell.","ru":"Цены выросли на 5% в понедельник. Акции упали."}}"#;
    let long = format!(
        r#"{{"id":"long","texts":{{"en":"{}","ru":"б"}}}}"#,
        "a".repeat(3000)
    );
    let bad: Vec<(Vec<u8>, serde_json::Value, &str)> = vec![
        (b"{not json".to_vec(), serde_json::Value::Null, "invalid JSON"),
        (r#"{"id":"nt"}"#.as_bytes().to_vec(), "nt".into(), "missing field `texts`"),
        (r#"{"id":"one","texts":{"en":"Only one."}}"#.as_bytes().to_vec(), "one".into(), "a text is missing"),
        (r#"{"id":"xx","texts":{"en":"Hi.","qq":"Yo."}}"#.as_bytes().to_vec(), "xx".into(), "unknown language code"),
        (
            r#"{"id":"wrong","texts":{"en":"Путин заявил, что Россия готова к переговорам.","ru":"Путин заявил, что Россия готова к переговорам."}}"#.as_bytes().to_vec(),
            "wrong".into(),
            "wrong language",
        ),
        (r#"{"id":"empty","texts":{"en":"  ","ru":"Текст."}}"#.as_bytes().to_vec(), "empty".into(), "texts.en: the text is empty"),
        (long.into_bytes(), serde_json::Value::Null, "longer than the limit of 2048 bytes"),
        (b"{\"id\":\"u\xff\"}".to_vec(), serde_json::Value::Null, "invalid UTF-8 at byte 8"),
        (r#"{"id":7,"texts":{"en":"Hi.","ru":"Привет."},"options":{"pairz":true}}"#.as_bytes().to_vec(), 7.into(), "unknown field `pairz`"),
        (r#"{"id":"s","texts":{"en":"Hi.","ru":"Привет."},"options":{"min_score":1.5}}"#.as_bytes().to_vec(), "s".into(), "options.min_score"),
        (r#"{"id":"n","texts":{"en":null,"ru":"Привет."}}"#.as_bytes().to_vec(), "n".into(), "invalid type"),
    ];
    let mut input = Vec::new();
    for (line, _, _) in &bad {
        input.extend_from_slice(line);
        input.push(b'\n');
        input.extend_from_slice(good.as_bytes());
        input.push(b'\n');
    }
    let (code, out, stderr) = pipe(&input, &["--max-line-bytes", "2K"], Some(2));
    assert_eq!(
        code,
        Some(1),
        "a failed line makes the exit status 1; {stderr}"
    );
    let answers = parse(&out);
    assert_eq!(answers.len(), 2 * bad.len(), "one answer per line");
    for (k, (_, id, message)) in bad.iter().enumerate() {
        let answer = &answers[2 * k];
        let error = answer["error"]
            .as_str()
            .unwrap_or_else(|| panic!("line {}: no error: {answer}", 2 * k + 1));
        assert!(
            error.starts_with(&format!("line {}: ", 2 * k + 1)),
            "{error}"
        );
        assert!(
            error.contains(message),
            "line {}: expected {message:?}, got {error:?}",
            2 * k + 1
        );
        assert_eq!(&answer["id"], id, "{answer}");
        let next = &answers[2 * k + 1];
        assert_eq!(next["id"], "ok", "the good line after a bad one is aligned");
        assert!(
            next["units"].as_array().is_some_and(|u| u.len() == 2),
            "{next}"
        );
    }
    assert!(
        stderr.contains(&format!("{} failed", bad.len())),
        "{stderr}"
    );
}

#[test]
fn a_clean_stream_exits_0_and_blank_lines_are_skipped() {
    let lines = sample_lines();
    let input = format!("{}\n\n   \n{}\r\n", lines[0], lines[1]);
    let (code, out, stderr) = pipe(input.as_bytes(), &[], None);
    assert_eq!(code, Some(0), "{stderr}");
    let answers = parse(&out);
    assert_eq!(answers.len(), 2);
    let first = &answers[0];
    assert_eq!(first["langs"], serde_json::json!(["ar", "en", "ru"]));
    // Every sentence is in exactly one bead, in order, per language.
    for (k, lang) in ["ar", "en", "ru"].iter().enumerate() {
        let n = first["sentences"][lang].as_array().unwrap().len();
        let ids: Vec<u64> = first["beads"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|b| {
                b["ids"][k]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| i.as_u64().unwrap())
            })
            .collect();
        assert_eq!(ids, (0..n as u64).collect::<Vec<_>>(), "{lang}");
    }
    let units = first["units"].as_array().unwrap();
    let left = &first["left_out"];
    let beads = first["beads"].as_array().unwrap().len() as u64;
    assert_eq!(
        units.len() as u64
            + left["one_sided"].as_u64().unwrap()
            + left["below_min_score"].as_u64().unwrap()
            + left["dropped_by_writer"].as_u64().unwrap(),
        beads,
        "every bead is a unit or counted as left out"
    );
    assert!(units
        .iter()
        .all(|u| u["props"][2]["type"] == "x-tmalign-doc"));
}

#[test]
fn output_is_the_same_at_1_and_8_threads_and_across_partitions() {
    let mut lines = sample_lines();
    // More lines than one window, in a varied order.
    let copies: Vec<String> = lines.iter().rev().cloned().collect();
    lines.extend(copies);
    lines.push(r#"{"id":"bad","texts":{"en":"x"}}"#.to_string());
    let input = lines.join("\n") + "\n";
    let args = ["--window", "3", "--pairs"];
    let (_, one, _) = pipe(input.as_bytes(), &args, Some(1));
    let (_, eight, _) = pipe(input.as_bytes(), &args, Some(8));
    assert!(one == eight, "output differs between 1 and 8 threads");
    let ids: Vec<serde_json::Value> = parse(&one).iter().map(|a| a["id"].clone()).collect();
    let expected: Vec<serde_json::Value> = lines
        .iter()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].clone())
        .collect();
    assert_eq!(ids, expected, "answers come in input order");
    // Three partitions, each its own stream, concatenated: the same bytes
    // (the error line is last, so its line number is the same too).
    let cut = [0, 2, lines.len() - 1, lines.len()];
    let mut joined = Vec::new();
    for w in cut.windows(2) {
        let part = lines[w[0]..w[1]].join("\n") + "\n";
        let (_, out, _) = pipe(part.as_bytes(), &args, Some(2));
        joined.extend(out);
    }
    let (last_one, last_joined) = (
        String::from_utf8_lossy(&one)
            .lines()
            .last()
            .unwrap()
            .to_string(),
        String::from_utf8_lossy(&joined)
            .lines()
            .last()
            .unwrap()
            .to_string(),
    );
    assert!(last_one.contains("\"error\"") && last_joined.contains("line 1: "));
    let strip_last = |b: &[u8]| {
        let t = String::from_utf8_lossy(b).into_owned();
        t.lines()
            .take(lines.len() - 1)
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        strip_last(&one) == strip_last(&joined),
        "partitions change the output"
    );
}

/// Peak resident memory of a running process, from /proc (kB).
fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

#[test]
fn a_long_stream_is_read_in_bounded_memory() {
    // 192 MB of input: one aligned set, then 1 MB lines (bad: one text)
    // that cost little to answer; a window holds 16 lines. Peak memory
    // must stay far below the input size. The 1 GB figure is in
    // benches/pipe.rs.
    let good = sample_lines().remove(0);
    let big = format!(
        r#"{{"id":"big","texts":{{"en":"{}"}}}}"#,
        "word ".repeat(200_000)
    );
    let lines = 192;
    let big_len = big.len() as u64;
    let mut child = Command::new(env!("CARGO_BIN_EXE_tmalign"))
        .args(["pipe", "--window", "16", "--quiet"])
        .env("RAYON_NUM_THREADS", "2")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("tmalign runs");
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
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
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut out).map(|_| out)
    });
    let mut peak = 0;
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        peak = peak.max(peak_rss_kb(pid).unwrap_or(0));
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(started.elapsed().as_secs() < 120, "pipe hangs");
    }
    writer.join().unwrap();
    let out = reader.join().unwrap().unwrap();
    let answers = parse(&out);
    assert_eq!(answers.len(), lines);
    assert_eq!(
        answers.iter().filter(|a| a.get("units").is_some()).count(),
        3
    );
    let input_mb = (lines as u64 * big_len) >> 20;
    eprintln!("pipe: {input_mb} MB streamed, peak RSS {} MB", peak >> 10);
    assert!(peak > 0, "no memory figure from /proc");
    assert!(
        peak >> 10 < 120,
        "peak RSS {} MB for {input_mb} MB of input",
        peak >> 10
    );
}

#[test]
fn split_clauses_reaches_the_pipe() {
    let line = serde_json::json!({
        "id": "joined",
        "texts": {
            "ar": "قال الوزير إن الاتفاق وقع في 2020 وأضاف أن المحادثات ستستمر حتى 2024 في العاصمة الجديدة.",
            "en": "The minister said the deal was signed in 2020. He added that talks would go on until 2024 in the new capital."
        }
    })
    .to_string()
        + "\n";
    let units = |args: &[&str]| {
        let (code, out, err) = pipe(line.as_bytes(), args, Some(1));
        assert_eq!(code, Some(0), "{err}");
        String::from_utf8(out).unwrap().matches("\"tuid\"").count()
    };
    assert_eq!(units(&[]), 1);
    assert_eq!(units(&["--split-clauses"]), 2);
}

#[test]
fn word_pairs_reach_the_pipe_for_their_languages_only() {
    let dir = crate::util::temp_dir();
    let write = |name: &str, langs: &str| {
        let path = dir.path().join(name);
        let mut text = String::from("# tmalign word pairs 1\n");
        for (a, b) in [
            ("ايلو", "sept"),
            ("طشقن", "tash"),
            ("روبل", "roub"),
            ("مهند", "engi"),
        ] {
            text.push_str(&format!("{langs}\t{a}\t{b}\t5\t0.9000\n"));
        }
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    };
    let (ar_en, de_fr) = (write("ar-en.tsv", "ar\ten"), write("de-fr.tsv", "de\tfr"));
    let input = sample_lines().join("\n") + "\n";
    let run = |args: &[&str]| {
        let (code, out, err) = pipe(input.as_bytes(), args, Some(2));
        assert_eq!(code, Some(0), "{err}");
        out
    };
    let plain = run(&[]);
    assert_ne!(
        run(&["--word-pairs", &ar_en]),
        plain,
        "ar-en pairs change the scores"
    );
    assert_eq!(
        run(&["--word-pairs", &de_fr]),
        plain,
        "de-fr pairs are not used"
    );
    let (code, _, err) = pipe(input.as_bytes(), &["--word-pairs", "missing.tsv"], None);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("missing.tsv"), "{err}");
}
