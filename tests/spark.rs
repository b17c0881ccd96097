//! The Spark example (`examples/spark/align_corpus.py`) in Spark local
//! mode (`local[2]`) on over 500 document sets built from NTREX-128 and
//! TICO-19: its merged TMX must hold byte-identical units to `tmalign
//! batch` on the same documents and to one `tmalign pipe` run, and its
//! JSON Lines must equal that single run's, line for line. The word pairs
//! that `batch --lexical-pass` learns are given to the pipe and to every
//! Spark worker (`--word-pairs`), as a corpus job would.
//!
//! Needs ../shared, Java and pyspark (`.ci/run` installs pyspark into
//! .venv): skipped locally without them, a failure under CI=true.

use crate::tmx_merge::units;
use crate::util::{repo_root, shared_or_skip, skip, temp_dir};
use evalsets::synth::Corpus;
use std::path::Path;
use std::process::Command;

/// Lines per document set: each corpus document is cut into sets of this
/// many lines, each language's lines joined into running text.
const SET_LINES: usize = 6;

/// Writes `dir/{ar,en,ru}/NAME.txt` and gives the sets' JSON Lines.
fn build_corpus(shared: &Path, dir: &Path) -> Vec<String> {
    for lang in ["ar", "en", "ru"] {
        std::fs::create_dir_all(dir.join(lang)).unwrap();
    }
    let mut lines = Vec::new();
    for name in ["ntrex128", "tico19"] {
        let corpus = Corpus::load(shared, name).expect("the corpus is in ../shared");
        let mut n = 0;
        for doc in &corpus.documents {
            let ids: Vec<usize> = doc.lines.clone().collect();
            for chunk in ids.chunks(SET_LINES).filter(|c| c.len() >= 2) {
                n += 1;
                let id = format!("{name}-{n:04}");
                let mut texts = serde_json::Map::new();
                let mut json = String::new();
                for lang in ["ar", "en", "ru"] {
                    let all = corpus.lang_lines(lang).expect("ar, en and ru");
                    let text: Vec<&str> = chunk.iter().map(|&i| all[i].as_str()).collect();
                    let text = text.join(" ") + "\n";
                    std::fs::write(dir.join(lang).join(format!("{id}.txt")), &text).unwrap();
                    if !json.is_empty() {
                        json.push(',');
                    }
                    json.push_str(&format!(
                        "\"{lang}\":{}",
                        serde_json::Value::String(text.clone())
                    ));
                    texts.insert(lang.into(), text.into());
                }
                lines.push(format!("{{\"id\":\"{id}\",\"texts\":{{{json}}}}}"));
            }
        }
    }
    lines
}

fn run(cmd: &mut Command, what: &str) -> String {
    let out = cmd
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap_or_else(|e| panic!("{what} runs: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success(),
        "{what} failed ({:?}):\n{stderr}",
        out.status
    );
    stderr
}

#[test]
fn spark_local_job_gives_the_units_of_batch_and_of_one_pipe_run() {
    let Some(shared) = shared_or_skip() else {
        return;
    };
    let python = evalsets::python();
    let has_pyspark = Command::new(&python)
        .args(["-c", "import pyspark"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_pyspark {
        skip::<()>(
            "the Spark test",
            &format!(
                "{} cannot import pyspark (.ci/run installs it)",
                python.display()
            ),
        );
        return;
    }
    if !Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        skip::<()>(
            "the Spark test",
            "java is not installed (apt-get install openjdk-17-jre-headless)",
        );
        return;
    }
    let dir = temp_dir();
    let d = dir.path();
    let corpus = d.join("corpus");
    let lines = build_corpus(&shared, &corpus);
    assert!(lines.len() >= 500, "only {} document sets", lines.len());
    let bin = env!("CARGO_BIN_EXE_tmalign");

    // tmalign batch with its lexical pass, then its per-document TMX files
    // merged; the word pairs it learned go to the pipe and Spark runs,
    // which must then give the same units.
    let c = corpus.to_str().unwrap();
    let pairs = d.join("pairs.tsv");
    run(
        Command::new(bin)
            .args([
                "batch",
                "--quiet",
                "--force-langs",
                "--langs",
                "ar,en,ru",
                "--lexical-pass",
                "--save-word-pairs",
            ])
            .arg(&pairs)
            .arg("-o")
            .arg(d.join("batch"))
            .args([format!("{c}/ar"), format!("{c}/en"), format!("{c}/ru")])
            .stdout(std::process::Stdio::null()),
        "tmalign batch",
    );
    run(
        Command::new(bin)
            .args(["tmx", "merge", "-q"])
            .arg(d.join("batch.tmx"))
            .arg(d.join("batch")),
        "tmx merge of batch",
    );

    // One tmalign pipe run over all the sets, merged.
    let input = lines.join("\n") + "\n";
    let learned = std::fs::read_to_string(&pairs).unwrap();
    assert!(learned.lines().count() > 100, "few word pairs: {learned}");
    let pairs = pairs.to_str().unwrap();
    let (code, piped, stderr) = crate::pipe::pipe(
        input.as_bytes(),
        &["--quiet", "--force-langs", "--word-pairs", pairs],
        None,
    );
    assert_eq!(code, Some(0), "{stderr}");
    std::fs::write(d.join("pipe.jsonl"), &piped).unwrap();
    run(
        Command::new(bin)
            .args(["tmx", "merge", "-q"])
            .arg(d.join("pipe.tmx"))
            .arg(d.join("pipe.jsonl")),
        "tmx merge of pipe",
    );

    // The Spark job in local mode, 2 cores, several partitions, reading
    // the JSON Lines (its folder input costs two more shuffles: too slow
    // for the CI budget; the folder mode gives the same lines).
    let out = d.join("spark");
    std::fs::write(d.join("sets.jsonl"), &input).unwrap();
    let started = std::time::Instant::now();
    run(
        Command::new(&python)
            .arg(repo_root().join("examples/spark/align_corpus.py"))
            .args([
                "--master",
                "local[2]",
                "--partitions",
                "6",
                "--langs",
                "ar,en,ru",
                "--force-langs",
                "--word-pairs",
                pairs,
                "--tmalign",
                bin,
            ])
            .arg(d.join("sets.jsonl"))
            .arg(&out)
            .env("PYSPARK_PYTHON", &python),
        "the Spark job",
    );
    eprintln!(
        "spark: {} sets in {:.1} s",
        lines.len(),
        started.elapsed().as_secs_f64()
    );

    // Spark's JSON Lines, partitions concatenated, equal the single run.
    let mut parts: Vec<_> = std::fs::read_dir(out.join("jsonl"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("part-")
        })
        .collect();
    parts.sort();
    assert!(parts.len() > 1, "one partition only: {parts:?}");
    let mut spark_jsonl = Vec::new();
    for part in &parts {
        spark_jsonl.extend(std::fs::read(part).unwrap());
    }
    assert!(
        spark_jsonl == piped,
        "Spark's JSON Lines differ from one pipe run"
    );

    let read = |p: &Path| std::fs::read_to_string(p).unwrap();
    let spark_units = units(&read(&out.join("corpus.tmx")));
    let batch_units = units(&read(&d.join("batch.tmx")));
    let pipe_units = units(&read(&d.join("pipe.tmx")));
    assert!(spark_units.len() > 1000, "{} units", spark_units.len());
    assert!(
        spark_units == batch_units,
        "Spark and batch units differ ({} vs {})",
        spark_units.len(),
        batch_units.len()
    );
    assert!(spark_units == pipe_units, "Spark and pipe units differ");
}
