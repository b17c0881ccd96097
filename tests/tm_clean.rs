//! `tm clean`: a memory with one planted case per rule. Each rule catches
//! its case and no clean unit, the report's counts add up to the input,
//! and the dropped units carry their rule.

use crate::util::{assert_fails, file_names, temp_dir, tmalign_in};
use std::collections::BTreeMap;

/// Clean en-ru units with Russian 1.0–1.3 times as long, numbers that
/// agree (in another notation), and no links.
const CLEAN: &[(&str, &str)] = &[
    (
        "The river rose after the storm.",
        "Река поднялась после сильной бури.",
    ),
    (
        "The meeting starts at 10:30 in the main hall.",
        "Встреча начинается в 10:30 в главном зале.",
    ),
    (
        "Exports grew to 1,234.5 million dollars.",
        "Экспорт вырос до 1 234,5 миллиона долларов.",
    ),
    (
        "The minister spoke to reporters on Monday.",
        "Министр выступил перед журналистами в понедельник.",
    ),
    (
        "Schools will reopen next week.",
        "Школы снова откроются на следующей неделе.",
    ),
    (
        "The bank kept its key rate unchanged.",
        "Банк сохранил ключевую ставку без изменений.",
    ),
    (
        "Heavy snow closed the airport for a day.",
        "Сильный снегопад закрыл аэропорт на сутки.",
    ),
    (
        "The museum received a rare painting.",
        "Музей получил редкую картину в дар.",
    ),
    (
        "Farmers expect a good harvest this year.",
        "Фермеры ожидают хорошего урожая в этом году.",
    ),
    (
        "The new bridge links the two districts.",
        "Новый мост соединяет два района города.",
    ),
    (
        "Traffic was heavy in the city centre.",
        "Движение в центре города было плотным.",
    ),
    (
        "The team won the final in extra time.",
        "Команда выиграла финал в дополнительное время.",
    ),
];

fn tu(id: &str, en: &str, ru: &str) -> String {
    format!("<tu tuid=\"{id}\"><tuv xml:lang=\"en\"><seg>{en}</seg></tuv><tuv xml:lang=\"ru\"><seg>{ru}</seg></tuv></tu>\n")
}

/// The memory: the clean units, a clean en-ar unit whose numbers are in
/// Arabic-Indic digits, and one planted unit per rule (tuid = the rule).
fn memory() -> String {
    let mut body = String::new();
    for (i, (en, ru)) in CLEAN.iter().enumerate() {
        body.push_str(&tu(&format!("clean-{i}"), en, ru));
    }
    body.push_str("<tu tuid=\"clean-ar\"><tuv xml:lang=\"en\"><seg>Growth reached 28.2% in 2024.</seg></tuv><tuv xml:lang=\"ar\"><seg>بلغ النمو ٢٨٫٢٪ في عام ٢٠٢٤.</seg></tuv></tu>\n");
    body.push_str(&tu("empty", "A sentence without its translation.", "   "));
    body.push_str(&tu("duplicate", CLEAN[0].0, CLEAN[0].1));
    body.push_str(&tu(
        "near-duplicate",
        "the RIVER rose after the storm!",
        "Река  поднялась после сильной бури",
    ));
    body.push_str(&tu(
        "identical",
        "Windows Server Datacenter",
        "Windows Server Datacenter",
    ));
    body.push_str(&tu(
        "script",
        "Путин выступил в Москве сегодня.",
        "Путин выступил в Москве сегодня утром.",
    ));
    body.push_str(&tu(
        "length-ratio",
        "Yes, certainly.",
        "Да, конечно, мы полностью согласны с этим предложением и поддержим его на заседании совета директоров.",
    ));
    body.push_str(&tu(
        "numbers",
        "Prices rose 5.2% in 2023.",
        "Цены выросли на 5,2% в 2024 году.",
    ));
    body.push_str(&tu(
        "links",
        "Read more at https://example.org/news today.",
        "Подробнее читайте сегодня на сайте https://example.com/news.",
    ));
    body.push_str("<tu tuid=\"tags\"><tuv xml:lang=\"en\"><seg>Press <bpt i=\"1\">&lt;b&gt;</bpt>Save now.</seg></tuv><tuv xml:lang=\"ru\"><seg>Нажмите <bpt i=\"1\">&lt;b&gt;</bpt>Сохранить<ept i=\"1\">&lt;/b&gt;</ept> сейчас.</seg></tuv></tu>\n");
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/><body>\n{body}</body></tmx>\n")
}

const PLANTED: [&str; 9] = [
    "empty",
    "duplicate",
    "near-duplicate",
    "identical",
    "script",
    "length-ratio",
    "numbers",
    "links",
    "tags",
];

/// tuid → the rule prop of each dropped unit.
fn dropped(path: &std::path::Path) -> BTreeMap<String, String> {
    let mut reader = tmx::Reader::from_path(path).unwrap();
    reader
        .tus()
        .map(|tu| {
            let tu = tu.unwrap();
            let rule = tu
                .props
                .iter()
                .find(|p| p.kind == "x-tmalign-clean-rule")
                .map(|p| p.value.clone())
                .unwrap_or_default();
            (tu.tuid.clone().unwrap_or_default(), rule)
        })
        .collect()
}

fn kept_ids(path: &std::path::Path) -> Vec<String> {
    let mut reader = tmx::Reader::from_path(path).unwrap();
    reader
        .tus()
        .map(|tu| tu.unwrap().tuid.unwrap_or_default())
        .collect()
}

#[test]
fn each_rule_catches_its_planted_case_and_the_counts_add_up() {
    let dir = temp_dir();
    std::fs::write(dir.path().join("in.tmx"), memory()).unwrap();
    let run = tmalign_in(
        dir.path(),
        &[
            "tm",
            "clean",
            "in.tmx",
            "-o",
            "out.tmx",
            "--report",
            "r.tsv",
            "--dropped",
            "d.tmx",
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let got = dropped(&dir.path().join("d.tmx"));
    // The empty unit's blank side is left out by the writer of d.tmx, and
    // with it the unit (one variant): it shows in the report instead.
    let want: BTreeMap<String, String> = PLANTED
        .iter()
        .filter(|r| **r != "empty")
        .map(|r| (r.to_string(), r.to_string()))
        .collect();
    assert_eq!(got, want, "{}", run.stderr);
    let mut kept = kept_ids(&dir.path().join("out.tmx"));
    kept.sort();
    let mut clean: Vec<String> = (0..CLEAN.len()).map(|i| format!("clean-{i}")).collect();
    clean.push("clean-ar".into());
    clean.sort();
    assert_eq!(kept, clean);
    let report = std::fs::read_to_string(dir.path().join("r.tsv")).unwrap();
    let rows: BTreeMap<&str, u64> = report
        .lines()
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            (cells[0], cells[2].parse().unwrap())
        })
        .collect();
    for rule in PLANTED {
        assert_eq!(rows[rule], 1, "{rule}: {report}");
    }
    let total = (CLEAN.len() + 1 + PLANTED.len()) as u64;
    assert_eq!(rows["total"], total);
    let sum: u64 = rows
        .iter()
        .filter(|(k, _)| **k != "total")
        .map(|(_, v)| v)
        .sum();
    assert_eq!(sum, total, "{report}");
}

#[test]
fn each_rule_alone_catches_no_clean_unit() {
    let dir = temp_dir();
    std::fs::write(dir.path().join("in.tmx"), memory()).unwrap();
    // A rule alone also catches the planted cases of the rules that run
    // before it and overlap it: an exact duplicate is a near duplicate, and
    // a Latin copy in the Russian side is in the wrong script.
    let also: BTreeMap<&str, &[&str]> = [
        ("near-duplicate", &["duplicate"][..]),
        ("script", &["identical"][..]),
    ]
    .into_iter()
    .collect();
    for rule in PLANTED.iter().filter(|r| **r != "empty") {
        let run = tmalign_in(
            dir.path(),
            &[
                "tm",
                "clean",
                "in.tmx",
                "-o",
                "out.tmx",
                "--rules",
                rule,
                "--dropped",
                "d.tmx",
                "-q",
            ],
        );
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let got: Vec<String> = dropped(&dir.path().join("d.tmx")).into_keys().collect();
        let mut want: Vec<String> = vec![rule.to_string()];
        want.extend(
            also.get(rule)
                .into_iter()
                .flat_map(|a| a.iter().map(|s| s.to_string())),
        );
        want.sort();
        assert_eq!(got, want, "--rules {rule}");
    }
    // With every rule skipped, everything is kept (the writer still leaves
    // out the unit with a blank side).
    let all = PLANTED.join(",");
    let run = tmalign_in(
        dir.path(),
        &[
            "tm", "clean", "in.tmx", "-o", "out.tmx", "--skip", &all, "-q",
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        kept_ids(&dir.path().join("out.tmx")).len(),
        CLEAN.len() + PLANTED.len()
    );
}

#[test]
fn bad_input_is_an_error_with_no_output() {
    let dir = temp_dir();
    let run = tmalign_in(dir.path(), &["tm", "clean", "missing.tmx", "-o", "out.tmx"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("missing.tmx: cannot open"),
        "{}",
        run.stderr
    );
    let mut bad = memory();
    bad = bad.replace(
        "<seg>Schools will reopen next week.</seg>",
        "<seg>Schools will reopen</sag>",
    );
    std::fs::write(dir.path().join("bad.tmx"), bad).unwrap();
    let run = tmalign_in(
        dir.path(),
        &[
            "tm",
            "clean",
            "bad.tmx",
            "-o",
            "out.tmx",
            "--report",
            "r.tsv",
            "--dropped",
            "d.tmx",
        ],
    );
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("bad.tmx:7:"), "{}", run.stderr);
    let run = tmalign_in(
        dir.path(),
        &[
            "tm", "clean", "bad.tmx", "-o", "out.tmx", "--rules", "nonsense",
        ],
    );
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("--rules nonsense: no such rule"),
        "{}",
        run.stderr
    );
    assert_eq!(file_names(dir.path()), ["bad.tmx"]);
}

/// Where the outputs go is checked before the memory is read: with a
/// memory that is malformed at line 7, the missing folder is what is said.
#[test]
fn outputs_are_checked_before_the_memory_is_read() {
    let dir = temp_dir();
    let bad = memory().replace(
        "<seg>Schools will reopen next week.</seg>",
        "<seg>Schools will reopen</sag>",
    );
    std::fs::write(dir.path().join("bad.tmx"), bad).unwrap();
    let runs: [&[&str]; 4] = [
        &["tm", "clean", "bad.tmx", "-o", "nodir/out.tmx"],
        &[
            "tm",
            "clean",
            "bad.tmx",
            "-o",
            "out.tmx",
            "--report",
            "nodir/r.tsv",
        ],
        &[
            "tm",
            "clean",
            "bad.tmx",
            "-o",
            "out.tmx",
            "--dropped",
            "nodir/d.tmx",
        ],
        &[
            "tm",
            "index",
            "bad.tmx",
            "--from",
            "en",
            "--to",
            "ru",
            "-o",
            "nodir/m.tmi",
        ],
    ];
    for args in runs {
        assert_fails(dir.path(), args, 1, "folder nodir does not exist");
    }
    assert_eq!(file_names(dir.path()), ["bad.tmx"]);
}
