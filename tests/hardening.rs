//! Hostile conditions from issue 13: outputs that are devices, FIFOs, links,
//! inputs or read-only; signals mid-write; broken pipes; huge beads; `-j`.

use crate::util::{assert_fails, temp_dir, tmalign_in};
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_tmalign");

fn sample(name: &str) -> std::path::PathBuf {
    crate::util::repo_root()
        .join("samples/earthquake")
        .join(name)
}

/// A folder holding en.txt and ru.txt from the samples.
fn texts() -> tempfile::TempDir {
    let dir = temp_dir();
    for name in ["en.txt", "ru.txt"] {
        std::fs::copy(sample(name), dir.path().join(name)).unwrap();
    }
    dir
}

fn part_files(dir: &Path) -> Vec<String> {
    crate::util::file_names(dir)
        .into_iter()
        .filter(|n| n.starts_with(".tmalign-") && n.ends_with(".part"))
        .collect()
}

fn expected_tsv(dir: &Path) -> Vec<u8> {
    let run = tmalign_in(dir, &["align", "-q", "-f", "tsv", "en.txt", "ru.txt"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stdout.is_empty());
    run.stdout
}

#[test]
fn regression_output_dev_null_stays_a_device() {
    let dir = texts();
    let before = std::fs::metadata("/dev/null").unwrap();
    assert!(before.file_type().is_char_device());
    let run = tmalign_in(
        dir.path(),
        &["align", "-q", "en.txt", "ru.txt", "-o", "/dev/null"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let after = std::fs::metadata("/dev/null").unwrap();
    assert!(after.file_type().is_char_device());
    assert_eq!((before.ino(), before.rdev()), (after.ino(), after.rdev()));
    assert!(part_files(Path::new("/dev")).is_empty());
}

#[test]
fn regression_output_fifo_gets_everything_and_stays_a_fifo() {
    let dir = texts();
    let fifo = dir.path().join("out.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let run = tmalign_in(
        dir.path(),
        &[
            "align", "-q", "-f", "tsv", "en.txt", "ru.txt", "-o", "out.fifo",
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let got = reader.join().unwrap();
    assert_eq!(got, expected_tsv(dir.path()));
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
    assert!(part_files(dir.path()).is_empty());
}

#[test]
fn regression_output_dev_stdout_is_written_not_replaced() {
    let dir = texts();
    let link = std::fs::symlink_metadata("/dev/stdout").unwrap();
    let run = tmalign_in(
        dir.path(),
        &[
            "align",
            "-q",
            "-f",
            "tsv",
            "en.txt",
            "ru.txt",
            "-o",
            "/dev/stdout",
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout, expected_tsv(dir.path()));
    let after = std::fs::symlink_metadata("/dev/stdout").unwrap();
    assert_eq!(
        link.file_type().is_symlink(),
        after.file_type().is_symlink()
    );
    assert_eq!(link.ino(), after.ino());
}

#[test]
fn regression_output_dev_stdout_redirected_to_a_file_keeps_the_file() {
    let dir = texts();
    let out = dir.path().join("redirected.tsv");
    std::fs::write(&out, b"kept\n").unwrap();
    let ino = std::fs::metadata(&out).unwrap().ino();
    let file = std::fs::OpenOptions::new().append(true).open(&out).unwrap();
    let status = Command::new(BIN)
        .args([
            "align",
            "-q",
            "-f",
            "tsv",
            "en.txt",
            "ru.txt",
            "-o",
            "/dev/stdout",
        ])
        .current_dir(dir.path())
        .stdout(file)
        .status()
        .unwrap();
    assert!(status.success());
    let mut expected = b"kept\n".to_vec();
    expected.extend(expected_tsv(dir.path()));
    assert_eq!(std::fs::read(&out).unwrap(), expected);
    assert_eq!(std::fs::metadata(&out).unwrap().ino(), ino);
}

#[test]
fn regression_output_through_symlink_keeps_the_link() {
    let dir = texts();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    std::fs::write(dir.path().join("real/out.tsv"), b"old\n").unwrap();
    std::os::unix::fs::symlink("real/out.tsv", dir.path().join("link.tsv")).unwrap();
    let run = tmalign_in(
        dir.path(),
        &[
            "align", "-q", "-f", "tsv", "en.txt", "ru.txt", "-o", "link.tsv",
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let link = std::fs::symlink_metadata(dir.path().join("link.tsv")).unwrap();
    assert!(link.file_type().is_symlink());
    assert_eq!(
        std::fs::read(dir.path().join("real/out.tsv")).unwrap(),
        expected_tsv(dir.path())
    );
    assert!(part_files(dir.path()).is_empty() && part_files(&dir.path().join("real")).is_empty());
}

#[test]
fn regression_output_that_is_an_input_is_refused() {
    let dir = texts();
    let original = std::fs::read(dir.path().join("en.txt")).unwrap();
    std::fs::hard_link(dir.path().join("en.txt"), dir.path().join("hard.txt")).unwrap();
    std::os::unix::fs::symlink("en.txt", dir.path().join("soft.txt")).unwrap();
    for out in ["en.txt", "./en.txt", "hard.txt", "soft.txt"] {
        let run = tmalign_in(dir.path(), &["align", "-q", "en.txt", "ru.txt", "-o", out]);
        assert_eq!(run.code, Some(1), "-o {out}: {}", run.stderr);
        assert!(
            run.stderr.contains("same file as the input en.txt"),
            "{}",
            run.stderr
        );
        let run = tmalign_in(dir.path(), &["segment", "en.txt", "-o", out]);
        assert_eq!(run.code, Some(1), "segment -o {out}: {}", run.stderr);
    }
    assert_eq!(std::fs::read(dir.path().join("en.txt")).unwrap(), original);
    assert!(part_files(dir.path()).is_empty());
}

/// The review page and the listing of what a TMX left out are outputs
/// too: neither may replace an input (`review a.json -o a.json` used to
/// write the page over the alignment it read).
#[test]
fn regression_review_page_and_rejected_listing_never_replace_an_input() {
    let dir = texts();
    let run = tmalign_in(
        dir.path(),
        &["align", "-q", "en.txt", "ru.txt", "-o", "a.json"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let json = std::fs::read(dir.path().join("a.json")).unwrap();
    let en = std::fs::read(dir.path().join("en.txt")).unwrap();
    let runs: [&[&str]; 4] = [
        &["review", "a.json", "-o", "a.json"],
        &["export", "a.json", "-o", "x.tmx", "--rejected", "a.json"],
        &[
            "align", "-q", "en.txt", "ru.txt", "-o", "x.tmx", "--review", "en.txt",
        ],
        &[
            "align",
            "-q",
            "en.txt",
            "ru.txt",
            "-o",
            "x.tmx",
            "--rejected",
            "en.txt",
        ],
    ];
    for args in runs {
        assert_fails(dir.path(), args, 1, "same file as the input");
    }
    assert_eq!(std::fs::read(dir.path().join("a.json")).unwrap(), json);
    assert_eq!(std::fs::read(dir.path().join("en.txt")).unwrap(), en);
    assert!(
        !dir.path().join("x.tmx").exists(),
        "nothing is written when one output is refused"
    );
    assert!(part_files(dir.path()).is_empty());
}

/// A run that fails while writing one output leaves none of the others:
/// the TMX, the review page and the `--rejected` listing take their
/// places together, once all are written. `/dev/full` passes every check
/// made before the work, then refuses the bytes.
#[test]
fn a_failed_write_leaves_none_of_the_outputs() {
    let dir = texts();
    let run = tmalign_in(
        dir.path(),
        &["align", "-q", "en.txt", "ru.txt", "-o", "a.json"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let runs: [&[&str]; 3] = [
        &[
            "align",
            "-q",
            "en.txt",
            "ru.txt",
            "-o",
            "/dev/full",
            "--review",
            "page.html",
        ],
        &[
            "align",
            "-q",
            "en.txt",
            "ru.txt",
            "-o",
            "out.tmx",
            "--review",
            "page.html",
            "--rejected",
            "/dev/full",
        ],
        &[
            "export",
            "a.json",
            "-o",
            "out.tmx",
            "--rejected",
            "/dev/full",
        ],
    ];
    for args in runs {
        // No page, no TMX, no part file: the folder is as it was.
        let run = assert_fails(dir.path(), args, 1, "No space left");
        // Said once, though the I/O error is both in the message and its source.
        let said = run.stderr.matches("No space left").count();
        assert_eq!(said, 1, "{args:?}: {}", run.stderr);
    }
}

/// An output that cannot be written is reported before the alignment,
/// whose time (seconds at a million sentences) would otherwise be spent
/// for nothing: the summary of the beads, printed once they are found,
/// must not come before the error.
#[test]
fn outputs_are_checked_before_the_alignment_runs() {
    let dir = texts();
    let line = |k: usize| {
        format!(
            "In {} the river rose by {} metres near Kazan.\n",
            1000 + k,
            k
        )
    };
    let long: String = (0..2_000).map(line).collect();
    std::fs::write(dir.path().join("big.en"), &long).unwrap();
    std::fs::write(dir.path().join("big.de"), &long).unwrap();
    let runs: [&[&str]; 3] = [
        &[
            "align",
            "--presegmented",
            "--langs",
            "en,de",
            "big.en",
            "big.de",
            "-o",
            "nodir/x.tmx",
        ],
        &[
            "align",
            "--presegmented",
            "--langs",
            "en,de",
            "big.en",
            "big.de",
            "-o",
            "x.tmx",
            "--review",
            "nodir/p.html",
        ],
        &[
            "align",
            "--presegmented",
            "--langs",
            "en,de",
            "big.en",
            "big.de",
            "--pairs",
            "-o",
            "nodir/x.tmx",
        ],
    ];
    for args in runs {
        let run = assert_fails(dir.path(), args, 1, "folder nodir does not exist");
        // The summary of the alignment comes before any write: it is not there.
        assert!(!run.stderr.contains("beads:"), "{args:?}: {}", run.stderr);
    }
    assert!(!dir.path().join("x.tmx").exists());
}

#[test]
fn regression_tmx_convert_onto_its_input_is_refused() {
    let dir = temp_dir();
    let tmx = dir.path().join("in.tmx");
    std::fs::copy(sample("expected.tmx"), &tmx).unwrap();
    let original = std::fs::read(&tmx).unwrap();
    let run = tmalign_in(dir.path(), &["tmx", "convert", "in.tmx", "-o", "in.tmx"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("same file as the input"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(&tmx).unwrap(), original);
}

#[test]
fn regression_read_only_target_is_refused() {
    let dir = texts();
    let out = dir.path().join("out.tmx");
    std::fs::write(&out, b"precious\n").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o444)).unwrap();
    let run = tmalign_in(
        dir.path(),
        &["align", "-q", "en.txt", "ru.txt", "-o", "out.tmx"],
    );
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("out.tmx: the file is read-only"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(&out).unwrap(), b"precious\n");
    assert!(part_files(dir.path()).is_empty());
}

fn mode_under_umask(umask: &str, existing: Option<u32>) -> u32 {
    let dir = texts();
    let out = dir.path().join("out.tmx");
    if let Some(mode) = existing {
        std::fs::write(&out, b"old").unwrap();
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask {umask} && exec \"$0\" align -q en.txt ru.txt -o out.tmx"
        ))
        .arg(BIN)
        .current_dir(dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::metadata(&out).unwrap().permissions().mode() & 0o7777
}

#[test]
fn regression_new_files_follow_the_umask() {
    assert_eq!(mode_under_umask("022", None), 0o644);
    assert_eq!(mode_under_umask("077", None), 0o600);
}

#[test]
fn regression_existing_file_keeps_its_mode() {
    assert_eq!(mode_under_umask("077", Some(0o644)), 0o644);
    assert_eq!(mode_under_umask("022", Some(0o640)), 0o640);
}

/// A TMX of about `units` units of long segments.
fn big_tmx(path: &Path, units: usize) {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>"#).unwrap();
    let text = "The quick brown fox jumps over the lazy dog again and again. ".repeat(8);
    for k in 0..units {
        writeln!(out, r#"<tu><tuv xml:lang="en"><seg>{k} {text}</seg></tuv><tuv xml:lang="ru"><seg>{k} {text}</seg></tuv></tu>"#).unwrap();
    }
    writeln!(out, "</body></tmx>").unwrap();
}

#[test]
fn regression_signal_leaves_no_part_file() {
    let dir = temp_dir();
    let input = dir.path().join("big.tmx");
    big_tmx(&input, 100_000); // about 100 MB
    let out = dir.path().join("out.jsonl");
    std::fs::write(&out, b"untouched\n").unwrap();
    for (signal, name) in [(2, "INT"), (15, "TERM"), (1, "HUP")] {
        let mut child = Command::new(BIN)
            .args([
                "tmx",
                "convert",
                "-f",
                "jsonl",
                "big.tmx",
                "-o",
                "out.jsonl",
            ])
            .current_dir(dir.path())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill it once the temporary file has grown, i.e. mid-write.
        let start = Instant::now();
        while part_files(dir.path()).is_empty() && start.elapsed() < Duration::from_secs(30) {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(
            !part_files(dir.path()).is_empty(),
            "SIG{name}: no temporary file seen"
        );
        std::thread::sleep(Duration::from_millis(200));
        let killed = Command::new("kill")
            .args([format!("-{name}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let status = child.wait().unwrap();
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(signal), "SIG{name}: {status:?}");
        assert_eq!(part_files(dir.path()), Vec::<String>::new(), "SIG{name}");
        assert_eq!(std::fs::read(&out).unwrap(), b"untouched\n", "SIG{name}");
    }
}

/// Runs `sh -c "tmalign ARGS | head -1"` and returns (status of tmalign,
/// its stderr, the line).
fn through_head(dir: &Path, args: &str) -> (String, String, String) {
    let script = format!("\"$0\" {args} 2>err.txt | head -c 1 >/dev/null; echo ${{PIPESTATUS[0]}}");
    let out = Command::new("bash")
        .arg("-c")
        .arg(script)
        .arg(BIN)
        .current_dir(dir)
        .output()
        .unwrap();
    let status = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let stderr = std::fs::read_to_string(dir.join("err.txt")).unwrap();
    (status, stderr, args.to_string())
}

#[test]
fn regression_broken_pipe_is_quiet_in_every_format() {
    let dir = texts();
    // Large inputs, so the output is far bigger than the pipe's buffer.
    let en = std::fs::read_to_string(dir.path().join("en.txt")).unwrap();
    let ru = std::fs::read_to_string(dir.path().join("ru.txt")).unwrap();
    std::fs::write(dir.path().join("big.en.txt"), en.repeat(60)).unwrap();
    std::fs::write(dir.path().join("big.ru.txt"), ru.repeat(60)).unwrap();
    big_tmx(&dir.path().join("big.tmx"), 2_000);
    let commands = [
        "segment -f json big.en.txt",
        "segment -f lines big.en.txt",
        "align -q -f tsv big.en.txt big.ru.txt",
        "align -q -f json big.en.txt big.ru.txt",
        "align -q -f beads big.en.txt big.ru.txt",
        "align -q -f tmx big.en.txt big.ru.txt",
        "tmx convert -f jsonl big.tmx",
        "tmx convert -f tsv big.tmx",
        "tmx convert -f tmx big.tmx",
    ];
    for args in commands {
        let (status, stderr, args) = through_head(dir.path(), args);
        assert_eq!(status, "0", "{args}: {stderr}");
        assert!(
            !stderr.contains("Broken pipe") && !stderr.contains("error"),
            "{args}: {stderr}"
        );
        if !args.starts_with("tmx convert -f tmx") {
            assert_eq!(stderr, "", "{args}");
        }
    }
}

#[test]
fn regression_eval_huge_bead_is_linear() {
    let dir = temp_dir();
    // 30,000 × 30,000 in one bead: ten times the case that took 14.7 s and
    // 412 MB; 900 million links if they were listed.
    let n = 30_000;
    let ids = |from: usize| {
        (from..from + n)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let bead = format!("[{}]:[{}]\n", ids(0), ids(0));
    std::fs::write(dir.path().join("gold.beads"), &bead).unwrap();
    // Same sentences, split differently: one lax hit, no strict one.
    let hyp = format!(
        "[{}]:[{}]\n[{}]:[]\n",
        ids(0).replacen(&format!(", {}", n - 1), "", 1),
        ids(0),
        n - 1
    );
    std::fs::write(dir.path().join("hyp.beads"), hyp).unwrap();
    let start = Instant::now();
    let run = tmalign_in(dir.path(), &["eval", "--json", "gold.beads", "hyp.beads"]);
    let elapsed = start.elapsed();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let counts = &json["pooled"]["counts"];
    assert_eq!(counts["hyp"], 2);
    assert_eq!(counts["hyp_strict"], 0);
    assert_eq!(counts["hyp_lax"], 1);
    assert_eq!(counts["gold_lax"], 1);
    assert!(elapsed < Duration::from_secs(5), "eval took {elapsed:?}");
}

#[test]
fn regression_batch_threads_are_capped() {
    let dir = texts();
    for d in ["en", "ru"] {
        std::fs::create_dir(dir.path().join(d)).unwrap();
    }
    std::fs::rename(dir.path().join("en.txt"), dir.path().join("en/a.txt")).unwrap();
    std::fs::rename(dir.path().join("ru.txt"), dir.path().join("ru/a.txt")).unwrap();
    let start = Instant::now();
    let run = tmalign_in(
        dir.path(),
        &["batch", "-q", "-j", "100000", "en", "ru", "-o", "out"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    assert!(
        run.stderr.contains(&format!(
            "-j 100000 is more than 4 threads per core; using {}",
            4 * cores
        )),
        "{}",
        run.stderr
    );
    assert!(dir.path().join("out/a.tmx").is_file());
    assert!(start.elapsed() < Duration::from_secs(60));
}

#[test]
fn regression_signal_ignored_at_start_stays_ignored() {
    // `nohup` ignores SIGHUP; catching it anyway would kill the run.
    let dir = temp_dir();
    big_tmx(&dir.path().join("big.tmx"), 20_000);
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("trap '' HUP && exec \"$0\" tmx convert -f jsonl big.tmx -o out.jsonl")
        .arg(BIN)
        .current_dir(dir.path())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while part_files(dir.path()).is_empty() && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = Command::new("kill")
        .args(["-HUP", &child.id().to_string()])
        .status();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let lines = std::fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    assert_eq!(lines.lines().count(), 20_000);
}
