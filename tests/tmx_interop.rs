//! TMX written by the `tmx` crate, checked by real clients: xmllint with the
//! TMX 1.4 DTD, translate-toolkit, OmegaT 3.6; and our reader on OmegaT's
//! own exports.

use crate::external::{omegat_run, translate_toolkit_units, xmllint_dtd_valid, xmllint_problems};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tmx::{
    CodePart, Header, Inline, Note, OutputEncoding, Prop, Reader, Seg, Tu, Tuv, Writer,
    WriterOptions,
};

/// Plain units in English, Arabic and Russian, with escapes, quotes, bidi
/// marks, padding and a forbidden control character.
fn plain_units() -> Vec<Tu> {
    let rows = [
        (
            "The meeting starts at 10:30.",
            "يبدأ الاجتماع في الساعة 10:30.",
            "Встреча начинается в 10:30.",
        ),
        (
            "Tom & Jerry <b> \"quoted\" 'single' ]]>",
            "توم & جيري <b> \"مقتبس\"",
            "Том & Джерри <b> «цитата»",
        ),
        (
            "  Padded sentence.  ",
            "\u{200F}جملة مع علامة اتجاه\u{200F}",
            "Предложение\u{1F} с управляющим символом.",
        ),
        (
            "Prices rose by 5.2% in 2023.",
            "ارتفعت الأسعار بنسبة ٥٫٢٪ في عام ٢٠٢٣.",
            "Цены выросли на 5,2% в 2023 году.",
        ),
    ];
    rows.iter()
        .enumerate()
        .map(|(i, (en, ar, ru))| {
            let mut tu = Tu::from_pairs([("en", *en), ("ar", *ar), ("ru", *ru)]);
            tu.tuid = Some(format!("u{i}"));
            tu.props.push(Prop::new("x-source", "interop & <test>"));
            tu.notes.push(Note::new("note \"with\" quotes"));
            tu
        })
        .collect()
}

/// A unit with Level 2 inline codes: paired, isolated, placeholder with a
/// sub-flow, and highlighted text.
fn coded_unit() -> Tu {
    let code = |s: &str| vec![CodePart::Text(s.to_string())];
    let en = Seg {
        content: vec![
            Inline::Text("Click ".into()),
            Inline::Bpt {
                i: "1".into(),
                x: Some("1".into()),
                kind: Some("bold".into()),
                code: code("<b>"),
            },
            Inline::Text("Save & exit".into()),
            Inline::Ept {
                i: "1".into(),
                code: code("</b>"),
            },
            Inline::Text(" now ".into()),
            Inline::Ph {
                x: Some("2".into()),
                assoc: None,
                kind: Some("image".into()),
                code: vec![
                    CodePart::Text("<img alt=\"".into()),
                    CodePart::Sub(tmx::Sub {
                        datatype: None,
                        kind: None,
                        content: vec![Inline::Text("icon".into())],
                    }),
                    CodePart::Text("\"/>".into()),
                ],
            },
            Inline::Hi {
                x: None,
                kind: Some("emphasis".into()),
                content: vec![Inline::Text(" please".into())],
            },
            Inline::It {
                pos: tmx::ItPos::End,
                x: None,
                kind: None,
                code: code("</i>"),
            },
        ],
    };
    let ar = Seg {
        content: vec![
            Inline::Text("انقر ".into()),
            Inline::Bpt {
                i: "1".into(),
                x: Some("1".into()),
                kind: Some("bold".into()),
                code: code("<b>"),
            },
            Inline::Text("حفظ وخروج".into()),
            Inline::Ept {
                i: "1".into(),
                code: code("</b>"),
            },
        ],
    };
    Tu {
        tuid: Some("coded".into()),
        tuvs: vec![
            Tuv {
                lang: "en".into(),
                seg: en,
                ..Tuv::default()
            },
            Tuv {
                lang: "ar".into(),
                seg: ar,
                ..Tuv::default()
            },
            Tuv::new("ru", "Нажмите «Сохранить»"),
        ],
        ..Tu::default()
    }
}

/// Writes `units` restricted to `langs` into `dir/name`.
fn write_file(
    dir: &Path,
    name: &str,
    units: &[Tu],
    langs: &[&str],
    encoding: OutputEncoding,
) -> PathBuf {
    let path = dir.join(name);
    let file = std::fs::File::create(&path).expect("create the TMX");
    let mut header = Header::new("tmalign-tests", "1", langs[0]);
    header.props.push(Prop::new("x-purpose", "interop"));
    let options = *WriterOptions::new().encoding(encoding);
    let mut writer = Writer::new(std::io::BufWriter::new(file), &header, options).expect("header");
    for tu in units {
        let mut tu = tu.clone();
        tu.tuvs
            .retain(|v| langs.iter().any(|l| tmx::lang::same(l, &v.lang)));
        writer.write_tu(&tu).expect("write a unit");
    }
    let summary = writer.finish().expect("finish");
    assert_eq!(summary.units_written, units.len() as u64);
    path
}

/// All text content of a segment, as XPath `string()` gives it.
fn all_text(content: &[Inline], out: &mut String) {
    let code_text = |code: &[CodePart], out: &mut String| {
        for part in code {
            match part {
                CodePart::Text(t) => out.push_str(t),
                CodePart::Sub(sub) => all_text(&sub.content, out),
            }
        }
    };
    for node in content {
        match node {
            Inline::Text(t) => out.push_str(t),
            Inline::Hi { content, .. } => all_text(content, out),
            Inline::Bpt { code, .. }
            | Inline::Ept { code, .. }
            | Inline::It { code, .. }
            | Inline::Ph { code, .. }
            | Inline::Ut { code, .. } => code_text(code, out),
        }
    }
}

/// What a reader should find: per unit, language to all text of the
/// normalised segment.
fn expected_maps(units: &[Tu], langs: &[&str]) -> Vec<BTreeMap<String, String>> {
    units
        .iter()
        .map(|tu| {
            tu.tuvs
                .iter()
                .filter(|v| langs.iter().any(|l| tmx::lang::same(l, &v.lang)))
                .map(|v| {
                    let mut text = String::new();
                    all_text(&v.seg.normalized().content, &mut text);
                    (tmx::lang::canonical(&v.lang), text)
                })
                .collect()
        })
        .collect()
}

fn all_units() -> Vec<Tu> {
    let mut units = plain_units();
    units.push(coded_unit());
    units
}

#[test]
fn written_files_pass_the_tmx14_dtd() {
    let dir = crate::util::temp_dir();
    let units = all_units();
    for (name, langs, encoding) in [
        ("two.tmx", &["en", "ar"][..], OutputEncoding::Utf8),
        ("three.tmx", &["en", "ar", "ru"][..], OutputEncoding::Utf8),
        (
            "three-utf16.tmx",
            &["ru", "en", "ar"][..],
            OutputEncoding::Utf16Le,
        ),
    ] {
        let path = write_file(dir.path(), name, &units, langs, encoding);
        xmllint_dtd_valid(&path);
    }
}

#[test]
fn xmllint_check_catches_a_missing_xml_lang() {
    // The negative control: libxml2 only warns here and exits 0.
    let dir = crate::util::temp_dir();
    let path = dir.path().join("bad.tmx");
    let bad = r#"<?xml version="1.0"?><tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/><body><tu><tuv><seg>a</seg></tuv></tu></body></tmx>"#;
    std::fs::write(&path, bad).unwrap();
    if let Some(problems) = xmllint_problems(&path) {
        assert!(
            !problems.is_empty(),
            "xmllint found nothing wrong with a tuv without xml:lang"
        );
    }
}

#[test]
fn translate_toolkit_reads_back_each_segment() {
    let dir = crate::util::temp_dir();
    let units = all_units();
    for (name, langs) in [
        ("two.tmx", &["en", "ar"][..]),
        ("three.tmx", &["en", "ar", "ru"][..]),
    ] {
        let path = write_file(dir.path(), name, &units, langs, OutputEncoding::Utf8);
        let Some(read) = translate_toolkit_units(&path) else {
            return;
        };
        assert_eq!(read, expected_maps(&units, langs), "{name}");
    }
}

#[test]
fn omegat_imports_the_translations() {
    let dir = crate::util::temp_dir();
    let units = plain_units();
    for (name, langs, target) in [
        ("two.tmx", &["en", "ar"][..], "ar"),
        ("three.tmx", &["en", "ar", "ru"][..], "ru"),
    ] {
        let path = write_file(dir.path(), name, &units, langs, OutputEncoding::Utf8);
        let text = |tu: &Tu, lang: &str| tu.variant(lang).expect("variant").seg.normalized().text();
        let sources: Vec<String> = units.iter().map(|tu| text(tu, "en")).collect();
        let Some(run) = omegat_run(&path, "en", target, &sources) else {
            return;
        };
        for tu in &units {
            let translation = text(tu, target);
            assert!(
                run.target.contains(&translation),
                "{name}: OmegaT did not use the translation {translation:?}; target file:\n{}\nlog:\n{}",
                run.target,
                run.log
            );
        }
        // Our reader reads OmegaT's own exports, which hold the same pairs.
        assert_eq!(run.exports.len(), 3, "OmegaT exports: {:?}", run.exports);
        for export in &run.exports {
            let mut reader =
                Reader::from_path(export).expect("OmegaT's export has a header we read");
            let read: Vec<Tu> = reader
                .tus()
                .collect::<Result<_, _>>()
                .expect("OmegaT's export reads");
            let pairs: Vec<(String, String)> = read
                .iter()
                .filter_map(|tu| {
                    Some((tu.variant("en")?.seg.text(), tu.variant(target)?.seg.text()))
                })
                .collect();
            for tu in &units {
                let pair = (text(tu, "en"), text(tu, target));
                assert!(
                    pairs.contains(&pair),
                    "{}: no unit {pair:?} in {pairs:?}",
                    export.display()
                );
            }
        }
    }
}
