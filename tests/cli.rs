//! End-to-end tests of `tmalign align` and `tmalign batch`: formats, bad
//! input, exit codes, no partial files, encodings, determinism.

use crate::util::{assert_fails, file_names, repo_root, temp_dir, tmalign_in};
use std::fs;
use std::path::Path;

const EN: &str = "Flood hits northern towns\n\nHeavy rain flooded 12 towns on Monday. About 3,400 people left their homes.\n\nThe governor said the army would help. Schools will stay closed until Friday.\n";
const RU: &str = "Наводнение в северных городах\n\nВ понедельник сильный дождь затопил 12 городов. Около 3 400 человек покинули свои дома.\n\nГубернатор заявил, что армия поможет. Школы будут закрыты до пятницы.\n";
const AR: &str = "فيضانات تضرب بلدات الشمال\n\nأغرقت أمطار غزيرة ١٢ بلدة يوم الاثنين. وغادر نحو ٣٤٠٠ شخص منازلهم.\n\nوقال المحافظ إن الجيش سيساعد. وستبقى المدارس مغلقة حتى الجمعة.\n";

/// Writes the three texts into `dir` as ar.txt, en.txt, ru.txt.
fn write_texts(dir: &Path) {
    fs::write(dir.join("en.txt"), EN).unwrap();
    fs::write(dir.join("ru.txt"), RU).unwrap();
    fs::write(dir.join("ar.txt"), AR).unwrap();
}

#[test]
fn align_writes_tmx_with_scores_bead_types_and_summary() {
    let dir = temp_dir();
    write_texts(dir.path());
    let run = tmalign_in(
        dir.path(),
        &[
            "align",
            "en.txt",
            "ru.txt",
            "-o",
            "out.tmx",
            "--min-score",
            "0",
        ],
    );
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    let tmx = fs::read_to_string(dir.path().join("out.tmx")).unwrap();
    assert!(tmx.contains(r#"srclang="en""#), "{tmx}");
    assert!(tmx.contains(r#"creationtool="tmalign""#));
    assert!(tmx.contains(r#"<prop type="x-tmalign-score">"#));
    assert!(tmx.contains(r#"<prop type="x-tmalign-bead">1-1</prop>"#));
    assert!(
        tmx.contains("<seg>Schools will stay closed until Friday.</seg>"),
        "{tmx}"
    );
    assert!(
        tmx.contains("<seg>Школы будут закрыты до пятницы.</seg>"),
        "{tmx}"
    );
    // The summary names the files, counts sentences and units.
    assert!(
        run.stderr.contains("en.txt [en]: 5 sentences"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("units written"), "{}", run.stderr);
    // Nothing but the output file is left in the folder.
    assert_eq!(
        file_names(dir.path()),
        ["ar.txt", "en.txt", "out.tmx", "ru.txt"]
    );
}

#[test]
fn align_three_texts_gives_three_variants_and_pairs_gives_three_files() {
    let dir = temp_dir();
    write_texts(dir.path());
    let run = tmalign_in(
        dir.path(),
        &[
            "align",
            "ar.txt",
            "en.txt",
            "ru.txt",
            "-o",
            "all.tmx",
            "--min-score",
            "0",
        ],
    );
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    let tmx = fs::read_to_string(dir.path().join("all.tmx")).unwrap();
    let unit = tmx
        .split("<tu ")
        .find(|u| u.contains("١٢"))
        .expect("a unit with the number 12");
    for lang in ["ar", "en", "ru"] {
        assert!(unit.contains(&format!(r#"xml:lang="{lang}""#)), "{unit}");
    }
    let run = tmalign_in(
        dir.path(),
        &[
            "align", "ar.txt", "en.txt", "ru.txt", "-o", "tm.tmx", "--pairs", "-q",
        ],
    );
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    assert!(run.stderr.is_empty(), "-q prints nothing: {}", run.stderr);
    for name in ["tm.ar-en.tmx", "tm.ar-ru.tmx", "tm.en-ru.tmx"] {
        let text = fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!(
            text.matches("<tuv ").count(),
            2 * text.matches("<tu ").count(),
            "{name}"
        );
    }
}

#[test]
fn json_output_covers_every_sentence_once_in_order() {
    let dir = temp_dir();
    write_texts(dir.path());
    let run = tmalign_in(
        dir.path(),
        &["align", "ar.txt", "en.txt", "ru.txt", "-f", "json"],
    );
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    let value: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let documents = value["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 3);
    for (k, doc) in documents.iter().enumerate() {
        let sentences = doc["sentences"].as_array().unwrap();
        let mut seen = Vec::new();
        for bead in value["beads"].as_array().unwrap() {
            seen.extend(
                bead["ids"][k]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_u64().unwrap()),
            );
        }
        let expected: Vec<u64> = (0..sentences.len() as u64).collect();
        assert_eq!(seen, expected, "document {k}");
        let text = [AR, EN, RU][k];
        for s in sentences {
            let (start, end) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[start..end], s["text"].as_str().unwrap());
        }
    }
}

#[test]
fn beads_and_tsv_formats() {
    let dir = temp_dir();
    write_texts(dir.path());
    let run = tmalign_in(dir.path(), &["align", "en.txt", "ru.txt", "-f", "beads"]);
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    let beads = run.stdout_text();
    assert!(beads.starts_with("[0]:[0]\n"), "{beads}");
    assert!(beads.ends_with("[4]:[4]\n"), "{beads}");
    let run = tmalign_in(dir.path(), &["align", "en.txt", "ru.txt", "-f", "tsv"]);
    let tsv = run.stdout_text();
    let last = tsv.lines().last().unwrap();
    let fields: Vec<&str> = last.split('\t').collect();
    assert_eq!(fields.len(), 3, "{last}");
    assert!(
        fields[0]
            .parse::<f64>()
            .is_ok_and(|s| (0.0..=1.0).contains(&s)),
        "{last}"
    );
    assert_eq!(fields[1], "Schools will stay closed until Friday.");
}

#[test]
fn presegmented_takes_lines_as_sentences() {
    let dir = temp_dir();
    fs::write(dir.path().join("a.en"), "One. Two.\nThree.\n\nFour.\n").unwrap();
    fs::write(dir.path().join("a.ru"), "Один. Два.\nТри.\n\nЧетыре.\n").unwrap();
    let run = tmalign_in(
        dir.path(),
        &[
            "align",
            "--presegmented",
            "--langs",
            "en,ru",
            "a.en",
            "a.ru",
            "-f",
            "beads",
        ],
    );
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    assert_eq!(run.stdout_text(), "[0]:[0]\n[1]:[1]\n[2]:[2]\n");
}

#[test]
fn languages_come_from_file_names_then_from_script() {
    let dir = temp_dir();
    fs::write(dir.path().join("story.ru.txt"), RU).unwrap();
    fs::write(dir.path().join("source"), AR).unwrap();
    let run = tmalign_in(
        dir.path(),
        &["align", "source", "story.ru.txt", "-f", "json"],
    );
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    let value: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(value["documents"][0]["lang"], "ar");
    assert_eq!(value["documents"][1]["lang"], "ru");
}

#[test]
fn utf16_and_legacy_code_pages_align_like_their_utf8_twins() {
    let dir = temp_dir();
    write_texts(dir.path());
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in RU.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    fs::write(dir.path().join("ru16.txt"), utf16).unwrap();
    let (cp1251, _, lossy) = encoding_rs::WINDOWS_1251.encode(RU);
    assert!(!lossy);
    fs::write(dir.path().join("ru1251.txt"), &cp1251[..]).unwrap();
    // windows-1256 has no Arabic-Indic digits, so this twin uses ASCII ones.
    let ar_ascii_digits = AR.replace(['١', '٢', '٣', '٤', '٠'], "1");
    let (cp1256, _, lossy) = encoding_rs::WINDOWS_1256.encode(&ar_ascii_digits);
    assert!(!lossy);
    let reference = tmalign_in(dir.path(), &["align", "en.txt", "ru.txt", "-o", "ref.tmx"]);
    assert_eq!(reference.code, Some(0), "stderr: {}", reference.stderr);
    let expected = fs::read(dir.path().join("ref.tmx")).unwrap();
    for args in [
        vec![
            "align", "--langs", "en,ru", "en.txt", "ru16.txt", "-o", "x.tmx",
        ],
        vec![
            "align",
            "--langs",
            "en,ru",
            "en.txt",
            "ru1251.txt",
            "--encoding",
            "windows-1251",
            "-o",
            "x.tmx",
        ],
    ] {
        let run = tmalign_in(dir.path(), &args);
        assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
        assert_eq!(
            fs::read(dir.path().join("x.tmx")).unwrap(),
            expected,
            "{args:?}"
        );
    }
    // windows-1256 Arabic decodes to the same text as UTF-8 Arabic.
    fs::write(dir.path().join("ar1256.txt"), &cp1256[..]).unwrap();
    fs::write(dir.path().join("ar8.txt"), &ar_ascii_digits).unwrap();
    let a = tmalign_in(
        dir.path(),
        &[
            "align",
            "--langs",
            "ar,en",
            "ar1256.txt",
            "en.txt",
            "--encoding",
            "cp1256",
            "-f",
            "tsv",
        ],
    );
    let b = tmalign_in(
        dir.path(),
        &[
            "align", "--langs", "ar,en", "ar8.txt", "en.txt", "-f", "tsv",
        ],
    );
    assert_eq!(a.code, Some(0), "{}", a.stderr);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn output_is_byte_identical_across_runs() {
    let dir = temp_dir();
    write_texts(dir.path());
    let first = tmalign_in(dir.path(), &["align", "ar.txt", "en.txt", "ru.txt"]);
    let second = tmalign_in(dir.path(), &["align", "ar.txt", "en.txt", "ru.txt"]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    assert!(!first.stdout.is_empty());
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn bad_input_gets_a_message_naming_the_path_and_leaves_no_output() {
    let dir = temp_dir();
    write_texts(dir.path());
    fs::create_dir(dir.path().join("folder")).unwrap();
    fs::write(dir.path().join("empty.txt"), " \n\n").unwrap();
    fs::write(dir.path().join("bad.txt"), b"Good start.\nthen \xFF bad\n").unwrap();
    let p = dir.path();
    assert_fails(
        p,
        &["align", "en.txt", "missing.txt", "-o", "o.tmx"],
        1,
        "missing.txt",
    );
    assert_fails(
        p,
        &["align", "en.txt", "folder", "-o", "o.tmx"],
        1,
        "folder: is a directory",
    );
    assert_fails(
        p,
        &["align", "en.txt", "empty.txt", "-o", "o.tmx"],
        1,
        "empty.txt: the text is empty",
    );
    assert_fails(
        p,
        &[
            "align", "--langs", "en,ru", "en.txt", "bad.txt", "-o", "o.tmx",
        ],
        1,
        "bad.txt: invalid UTF-8 at byte 17",
    );
    assert_fails(
        p,
        &["align", "--langs", "en,ru", "en.txt", "bad.txt"],
        1,
        "--encoding",
    );
    assert_fails(
        p,
        &["align", "en.txt", "ru.txt", "-o", "no/such/dir/o.tmx"],
        1,
        "no/such/dir/o.tmx",
    );
    assert_fails(
        p,
        &["align", "en.txt", "ru.txt", "-o", "folder"],
        1,
        "folder: is a directory",
    );
    assert_fails(
        p,
        &["align", "en.txt", "ru.txt", "--min-score", "2"],
        2,
        "--min-score",
    );
    assert_fails(
        p,
        &["align", "en.txt", "ru.txt", "--langs", "en"],
        2,
        "--langs",
    );
    assert_fails(
        p,
        &["align", "en.txt", "ru.txt", "--encoding", "klingon"],
        2,
        "klingon",
    );
    assert_fails(p, &["align", "en.txt"], 2, "2 values required");
    assert_fails(
        p,
        &["align", "en.txt", "ru.txt", "--langs", "en,en"],
        2,
        "--langs names en twice",
    );
    assert_fails(
        p,
        &["align", "en.txt", "./en.txt"],
        2,
        "same language (en); name them with --langs",
    );
}

#[test]
fn a_failed_run_keeps_the_old_output_file() {
    let dir = temp_dir();
    write_texts(dir.path());
    fs::write(dir.path().join("o.tmx"), "old").unwrap();
    let run = tmalign_in(
        dir.path(),
        &["align", "en.txt", "missing.txt", "-o", "o.tmx"],
    );
    assert_eq!(run.code, Some(1));
    assert_eq!(fs::read_to_string(dir.path().join("o.tmx")).unwrap(), "old");
}

#[test]
fn broken_pipe_exits_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let dir = temp_dir();
    // Large enough that the output cannot fit the pipe buffer.
    let en: String = (0..4000)
        .map(|i| format!("Sentence number {i} is here.\n"))
        .collect();
    let ru: String = (0..4000)
        .map(|i| format!("Предложение номер {i} здесь.\n"))
        .collect();
    fs::write(dir.path().join("en.txt"), en).unwrap();
    fs::write(dir.path().join("ru.txt"), ru).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tmalign"))
        .args([
            "align",
            "--presegmented",
            "en.txt",
            "ru.txt",
            "-f",
            "tsv",
            "-q",
        ])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "stderr: {stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn batch_aligns_pairs_in_parallel_reports_bad_files_and_is_deterministic() {
    let dir = temp_dir();
    let (ar, en) = (dir.path().join("ar"), dir.path().join("en"));
    fs::create_dir_all(&ar).unwrap();
    fs::create_dir_all(&en).unwrap();
    for i in 0..4 {
        fs::write(
            ar.join(format!("story{i}.ar.txt")),
            AR.replace("١٢", &format!("{}", 12 + i)),
        )
        .unwrap();
        fs::write(
            en.join(format!("story{i}.en.txt")),
            EN.replace("12", &format!("{}", 12 + i)),
        )
        .unwrap();
    }
    fs::write(ar.join("broken.txt"), b"\xFF\xFF\xFF").unwrap();
    fs::write(en.join("broken.txt"), EN).unwrap();
    fs::write(en.join("lonely.txt"), EN).unwrap();
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let out = format!("out{threads}");
        let run = tmalign_in(
            dir.path(),
            &[
                "batch",
                "ar",
                "en",
                "-o",
                &out,
                "-j",
                threads,
                "--min-score",
                "0",
            ],
        );
        assert_eq!(
            run.code,
            Some(1),
            "a bad file makes the exit status 1: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("broken.txt: invalid UTF-8 at byte 0"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("lonely.txt"), "{}", run.stderr);
        let table = run.stdout_text();
        assert!(table.contains("story3\t5/5\t"), "{table}");
        assert!(table.contains("broken\t-\t-\t-\t-\tfailed"), "{table}");
        let names = file_names(&dir.path().join(&out));
        assert_eq!(
            names,
            ["story0.tmx", "story1.tmx", "story2.tmx", "story3.tmx"]
        );
        let contents: Vec<Vec<u8>> = names
            .iter()
            .map(|n| fs::read(dir.path().join(&out).join(n)).unwrap())
            .collect();
        outputs.push(contents);
    }
    assert_eq!(
        outputs[0], outputs[1],
        "output differs between 1 and 2 threads"
    );
    let story3 = String::from_utf8(outputs[0][3].clone()).unwrap();
    assert!(story3.contains("15 towns"), "{story3}");
}

#[test]
fn library_errors_are_not_panics_on_odd_input() {
    let dir = temp_dir();
    let noise: Vec<u8> = (0..=255u8)
        .cycle()
        .take(5000)
        .filter(|b| b.is_ascii())
        .collect();
    fs::write(dir.path().join("a.txt"), &noise).unwrap();
    fs::write(dir.path().join("b.txt"), "\u{1F}\u{0}...!!!???\n\n\n").unwrap();
    let run = tmalign_in(dir.path(), &["align", "--langs", "en,ru", "a.txt", "b.txt"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(matches!(run.code, Some(0) | Some(1)), "{}", run.stderr);
}

#[test]
fn gz_output_is_compressed_tmx() {
    use std::io::Read;
    let dir = temp_dir();
    write_texts(dir.path());
    let run = tmalign_in(
        dir.path(),
        &["align", "en.txt", "ru.txt", "-o", "out.tmx.gz"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let plain = tmalign_in(dir.path(), &["align", "en.txt", "ru.txt"]);
    let mut text = Vec::new();
    flate2::read::GzDecoder::new(fs::File::open(dir.path().join("out.tmx.gz")).unwrap())
        .read_to_end(&mut text)
        .unwrap();
    assert_eq!(text, plain.stdout);
}

/// An Arabic sentence that joins three English ones with و and a comma.
const JOINED_AR: &str = "قال الوزير إن الاتفاق وقع في 2020 وأضاف أن المحادثات ستستمر حتى 2024 في العاصمة الجديدة، وأكد أن الوفد سيصل يوم 15 من الشهر.\n";
const JOINED_EN: &str = "The minister said the deal was signed in 2020. He added that talks would go on until 2024 in the new capital. He stressed that the delegation would arrive on the 15th of the month.\n";

#[test]
fn split_clauses_gives_each_joined_sentence_its_own_unit_and_keeps_every_byte() {
    let dir = temp_dir();
    fs::write(dir.path().join("ar.txt"), JOINED_AR).unwrap();
    fs::write(dir.path().join("en.txt"), JOINED_EN).unwrap();
    let tsv = |extra: &[&str]| {
        let mut args = vec!["align", "ar.txt", "en.txt", "-f", "tsv"];
        args.extend_from_slice(extra);
        let run = tmalign_in(dir.path(), &args);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        run.stdout_text()
    };
    assert_eq!(tsv(&[]).lines().count(), 1);
    let split = tsv(&["--split-clauses"]);
    let arabic: Vec<&str> = split
        .lines()
        .map(|l| l.split('\t').nth(1).expect("an Arabic column"))
        .collect();
    assert_eq!(arabic.len(), 3, "{split}");
    assert!(
        arabic[1].starts_with("وأضاف") && arabic[1].contains("2024"),
        "{split}"
    );
    // The pieces are the sentence, cut at whitespace.
    let words = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
    assert_eq!(words(&arabic.join(" ")), words(JOINED_AR));
    // JSON offsets are spans of the text.
    let run = tmalign_in(
        dir.path(),
        &["align", "ar.txt", "en.txt", "-f", "json", "--split-clauses"],
    );
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let sentences = json["documents"][0]["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), 3);
    for s in sentences {
        let (start, end) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&JOINED_AR[start..end], s["text"].as_str().unwrap());
    }
}

/// The bundled samples as folders `ar`, `en` and `ru` of `dir`, one file
/// per story.
fn sample_folders(dir: &std::path::Path) {
    let samples = repo_root().join("samples");
    for lang in ["ar", "en", "ru"] {
        fs::create_dir_all(dir.join(lang)).unwrap();
    }
    for story in fs::read_dir(&samples).unwrap() {
        let story = story.unwrap().path();
        if !story.is_dir() {
            continue;
        }
        let name = story.file_name().unwrap().to_string_lossy().into_owned();
        for lang in ["ar", "en", "ru"] {
            fs::copy(
                story.join(format!("{lang}.txt")),
                dir.join(lang).join(format!("{name}.txt")),
            )
            .unwrap();
        }
    }
}

/// The bytes of every file of `dir`, in name order.
fn folder_contents(dir: &Path) -> Vec<Vec<u8>> {
    file_names(dir)
        .iter()
        .map(|n| fs::read(dir.join(n)).unwrap())
        .collect()
}

/// Where the learned word pairs cannot go is said before the first pass
/// aligns every set, and before the output folder is made.
#[test]
fn batch_checks_where_the_word_pairs_go_before_the_work() {
    let dir = temp_dir();
    sample_folders(dir.path());
    let args = [
        "batch",
        "ar",
        "en",
        "-o",
        "out",
        "--lexical-pass",
        "--save-word-pairs",
        "nodir/pairs.tsv",
    ];
    // No output folder made: the folder is as it was.
    let run = assert_fails(dir.path(), &args, 1, "folder nodir does not exist");
    assert!(!run.stderr.contains("lexical pass:"), "{}", run.stderr);
}

#[test]
fn batch_lexical_pass_learns_word_pairs_saves_them_and_reuses_them() {
    let dir = temp_dir();
    sample_folders(dir.path());
    let mut runs = Vec::new();
    for threads in ["1", "2"] {
        let (out, pairs) = (format!("out{threads}"), format!("pairs{threads}.tsv"));
        let run = tmalign_in(
            dir.path(),
            &[
                "batch",
                "ar",
                "en",
                "ru",
                "--pairs",
                "-o",
                &out,
                "-j",
                threads,
                "--lexical-pass",
                "--save-word-pairs",
                &pairs,
            ],
        );
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let text = fs::read_to_string(dir.path().join(&pairs)).unwrap();
        let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        assert!(
            run.stderr
                .contains(&format!("lexical pass: {} word pairs learned", lines.len())),
            "{}",
            run.stderr
        );
        // Months, names and terms the stories share, in every pair.
        for langs in ["ar\ten\t", "ar\tru\t", "en\tru\t"] {
            assert!(
                lines.iter().any(|l| l.starts_with(langs)),
                "{langs}: {text}"
            );
        }
        runs.push((text, folder_contents(&dir.path().join(&out))));
    }
    assert_eq!(
        runs[0], runs[1],
        "the pairs or the TMX differ by thread count"
    );

    // The saved pairs, given back, align exactly as the lexical pass did.
    let again = tmalign_in(
        dir.path(),
        &[
            "batch",
            "ar",
            "en",
            "ru",
            "--pairs",
            "-o",
            "reused",
            "--word-pairs",
            "pairs1.tsv",
        ],
    );
    assert_eq!(again.code, Some(0), "{}", again.stderr);
    assert_eq!(folder_contents(&dir.path().join("reused")), runs[0].1);

    // A broken file names itself and its line.
    fs::write(
        dir.path().join("bad.tsv"),
        "# tmalign word pairs 1\nar\ten\tسبتم\n",
    )
    .unwrap();
    let bad = tmalign_in(
        dir.path(),
        &["batch", "ar", "en", "-o", "bad", "--word-pairs", "bad.tsv"],
    );
    assert_eq!(bad.code, Some(1), "{}", bad.stderr);
    assert!(bad.stderr.contains("bad.tsv:2: 3 fields"), "{}", bad.stderr);
    assert!(!dir.path().join("bad").exists());
}

#[test]
fn term_table_counts_by_default_and_no_term_table_leaves_it_out() {
    let dir = temp_dir();
    let ar =
        "واجتمعت الأمم المتحدة في شباط لمناقشة الوضع.\nولم يحضر أحد من الوفود الأخرى ذلك اليوم.\n";
    let en = "The United Nations met in February to discuss the situation.\nNobody from the other delegations came that day.\n";
    fs::write(dir.path().join("ar.txt"), ar).unwrap();
    fs::write(dir.path().join("en.txt"), en).unwrap();
    let first_score = |extra: &[&str]| -> f64 {
        let mut args = vec!["align", "--presegmented", "-f", "tsv", "ar.txt", "en.txt"];
        args.extend_from_slice(extra);
        let run = tmalign_in(dir.path(), &args);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let tsv = String::from_utf8(run.stdout).unwrap();
        let line = tsv.lines().next().expect("a bead");
        line.split('\t').next().unwrap().parse().unwrap()
    };
    let with = first_score(&[]);
    let without = first_score(&["--no-term-table"]);
    // الأمم المتحدة = United Nations and شباط = February only match through
    // the table.
    assert!(with > without, "with the table {with} <= without {without}");
}
