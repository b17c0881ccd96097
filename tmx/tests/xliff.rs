//! XLIFF 1.2: write then read gives the same units, at any buffer size;
//! bad input is an error with its position; no input panics.

use proptest::prelude::*;
use std::io::BufReader;
use tmx::xliff::{AltTrans, State, TransUnit, XliffFile, XliffReader, XliffWriter};
use tmx::{Attr, Error};

fn text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "Tom & Jerry",
        "<b>",
        "]]>",
        "\r\n",
        "\r",
        "\n",
        "\t",
        " ",
        "\"q\"",
        "'",
        "مرحبا",
        "\u{200F}",
        "Привет",
        "e\u{301}",
        "𝄞",
        "\u{1F}",
        "&amp;",
        "١٢٣",
        "",
    ]);
    prop::collection::vec(pieces, 0..6).prop_map(|v| v.concat())
}

fn state() -> impl Strategy<Value = Option<State>> {
    prop::option::of(prop::sample::select(vec![
        State::New,
        State::NeedsReviewTranslation,
        State::Translated,
        State::SignedOff,
        State::Final,
        State::Other("x-tmalign".into()),
    ]))
}

fn unit() -> impl Strategy<Value = TransUnit> {
    (
        text(),
        prop::option::of(text()),
        state(),
        prop::option::of(any::<bool>()),
        prop::collection::vec((prop::option::of(0u8..=101), text()), 0..3),
        prop::collection::vec(text(), 0..2),
        prop::option::of(0.0f64..1.0),
    )
        .prop_map(|(source, target, state, approved, alts, notes, score)| {
            let has_target = target.is_some();
            TransUnit {
                id: String::new(),
                source,
                target,
                state: state.filter(|_| has_target),
                state_qualifier: has_target.then(|| "leveraged-tm".to_string()),
                approved,
                alt_trans: alts
                    .into_iter()
                    .map(|(q, t)| AltTrans {
                        match_quality: q.map(|q| q.to_string()),
                        origin: Some("tm & co".into()),
                        source: Some(t.clone() + "!"),
                        target: t,
                    })
                    .collect(),
                notes,
                attrs: score
                    .map(|s| Attr {
                        name: "tmalign:score".into(),
                        value: format!("{s:.4}"),
                    })
                    .into_iter()
                    .collect(),
            }
        })
}

/// What reading gives back: forbidden characters gone, CR kept (written
/// as `&#xD;`).
fn expected(unit: &TransUnit) -> TransUnit {
    let clean = |s: &str| s.replace('\u{1F}', "");
    let mut want = unit.clone();
    want.source = clean(&unit.source);
    want.target = unit.target.as_deref().map(clean);
    for alt in &mut want.alt_trans {
        alt.target = clean(&alt.target);
        alt.source = alt.source.as_deref().map(clean);
    }
    want.notes = unit.notes.iter().map(|n| clean(n)).collect();
    want
}

fn write(files: &[(XliffFile, Vec<TransUnit>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut writer = XliffWriter::new(&mut out).unwrap();
    for (file, units) in files {
        writer.start_file(file).unwrap();
        for unit in units {
            writer.write_unit(unit).unwrap();
        }
    }
    writer.finish().unwrap();
    out
}

fn read_all<R: std::io::BufRead>(
    mut reader: XliffReader<R>,
) -> Result<Vec<(XliffFile, TransUnit)>, Error> {
    let mut out = Vec::new();
    let mut unit = TransUnit::default();
    while reader.read_unit(&mut unit)? {
        out.push((reader.file().unwrap().clone(), unit.clone()));
    }
    Ok(out)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn write_then_read_gives_the_units_back(
        first in prop::collection::vec(unit(), 0..5),
        second in prop::collection::vec(unit(), 0..3),
    ) {
        let number = |units: Vec<TransUnit>| -> Vec<TransUnit> {
            units.into_iter().enumerate().map(|(i, mut u)| { u.id = format!("u{}", i + 1); u }).collect()
        };
        let files = vec![
            (XliffFile::new("a & b.txt", "en", Some("ar")), number(first)),
            (XliffFile::new("c.txt", "en", Some("ru")), number(second)),
        ];
        let bytes = write(&files);
        let want: Vec<(XliffFile, TransUnit)> = files
            .iter()
            .flat_map(|(f, units)| units.iter().map(move |u| (f.clone(), expected(u))))
            .collect();
        let got = read_all(XliffReader::from_bufread(bytes.as_slice()).unwrap()).unwrap();
        prop_assert_eq!(&got, &want);
        // Byte-at-a-time buffering reads the same.
        let tiny = read_all(XliffReader::from_bufread(BufReader::with_capacity(1, bytes.as_slice())).unwrap()).unwrap();
        prop_assert_eq!(tiny, want);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let mut xml = br#"<xliff version="1.2"><file source-language="en"><body><trans-unit id="1"><source>"#.to_vec();
        xml.extend_from_slice(&bytes);
        for input in [&bytes[..], &xml[..]] {
            if let Ok(reader) = XliffReader::from_bufread(input) {
                let _ = read_all(reader);
            }
        }
    }
}

fn error_of(xml: &str) -> Error {
    match XliffReader::from_str(xml) {
        Err(e) => e,
        Ok(reader) => read_all(reader).expect_err("the input is invalid"),
    }
}

#[test]
fn errors_say_where() {
    let cases = [
        (
            "<xliff version=\"2.0\"><file/></xliff>",
            "line 1, column 1: attribute version: expected 1.0, 1.1 or 1.2 (XLIFF 2 is not read), found \"2.0\"",
        ),
        (
            "<tmx version=\"1.4\"/>",
            "line 1, column 1: expected `<xliff>`, found `<tmx/>`",
        ),
        (
            "<xliff version=\"1.2\">\n<file original=\"x\"><body/></file></xliff>",
            "line 2, column 1: <file> has no source-language attribute",
        ),
        (
            "<xliff version=\"1.2\"><file source-language=\"en\"><body>\n  <trans-unit><source>a</source></trans-unit></body></file></xliff>",
            "line 2, column 3: <trans-unit> has no id attribute",
        ),
        (
            "<xliff version=\"1.2\"><file source-language=\"en\"><body>\n<trans-unit id=\"1\"><source>a</source>\n<target state=\"done\">b</target></trans-unit></body></file></xliff>",
            "line 3, column 1: attribute state: expected an XLIFF 1.2 state (new, needs-translation, needs-review-translation, translated, signed-off, final, ...) or x-..., found \"done\"",
        ),
        (
            "<xliff version=\"1.2\"><file source-language=\"en\"><body>\n<trans-unit id=\"1\"><source>a &lol; b</source></trans-unit></body></file></xliff>",
            "line 2, column 30: expected one of &amp; &lt; &gt; &quot; &apos; or a character reference, found &lol; (custom entities are never expanded)",
        ),
        (
            "<xliff version=\"1.2\"><file source-language=\"en\"><body>\n<trans-unit id=\"1\"><target>b</target></trans-unit></body></file></xliff>",
            "line 2, column 38: expected `<source>` in the unit, found `</trans-unit>`",
        ),
        (
            "<xliff version=\"1.2\"><file source-language=\"en\"><body>\n<trans-unit id=\"1\"><source>a</target></trans-unit></body></file></xliff>",
            "line 2, column 29: malformed XML: ill-formed document: expected `</source>`, but `</target>` was found",
        ),
        (
            "<xliff version=\"1.2\"><file source-language=\"en\"><body><trans-unit id=\"1\"><source>a\u{1}</source>",
            "line 1, column 83: character U+0001 is not allowed in XML 1.0",
        ),
    ];
    for (xml, message) in cases {
        let err = error_of(xml);
        assert_eq!(err.to_string(), message, "{xml}");
        assert!(err.position().is_some());
    }
}

#[test]
fn inline_markup_gives_its_text_and_codes_are_left_out() {
    let xml = r#"<?xml version="1.0"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="f" source-language="en-us" target-language="ar_SA" datatype="plaintext">
  <header><skl><external-file href="x"/></skl></header>
  <body>
   <group id="g"><group>
    <trans-unit id="1" approved="yes">
     <source>Click <g id="1">Save<x id="2"/></g> <ph id="3">&lt;br/&gt;</ph>now<![CDATA[ & go]]></source>
     <seg-source><mrk mtype="seg" mid="0">Click</mrk></seg-source>
     <target state="final"><mrk mtype="seg">انقر</mrk></target>
     <context-group><context context-type="x">c</context></context-group>
    </trans-unit>
   </group></group>
   <bin-unit id="b" mime-type="image/png"><bin-source/></bin-unit>
  </body>
 </file>
 <file original="empty" source-language="en"><body/></file>
</xliff>
<!-- done -->
"#;
    let got = read_all(XliffReader::from_str(xml).unwrap()).unwrap();
    assert_eq!(got.len(), 1);
    let (file, unit) = &got[0];
    assert_eq!(file.source_language, "en-US");
    assert_eq!(file.target_language.as_deref(), Some("ar-SA"));
    assert_eq!(unit.source, "Click Save now & go");
    assert_eq!(unit.target.as_deref(), Some("انقر"));
    assert_eq!(unit.state, Some(State::Final));
    assert_eq!(unit.approved, Some(true));
}

#[test]
fn the_writer_refuses_units_it_cannot_write() {
    let mut out = Vec::new();
    let mut writer = XliffWriter::new(&mut out).unwrap();
    let unit = TransUnit::new("1", "a");
    assert!(matches!(
        writer.write_unit(&unit),
        Err(Error::Refused { unit: 0, .. })
    ));
    assert!(writer.start_file(&XliffFile::new("f", "", None)).is_err());
    writer
        .start_file(&XliffFile::new("f", "en", Some("ru")))
        .unwrap();
    writer.write_unit(&unit).unwrap();
    let err = writer.write_unit(&unit).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unit 2 refused: the id \"1\" is already used in this file"
    );
    let mut bad = TransUnit::new("2", "b");
    bad.attrs.push(Attr {
        name: "onclick".into(),
        value: "x".into(),
    });
    assert!(writer.write_unit(&bad).is_err());
    let summary = writer.finish().unwrap();
    assert_eq!((summary.files, summary.units), (1, 1));
    // What was refused left no trace.
    let got = read_all(XliffReader::from_bufread(out.as_slice()).unwrap()).unwrap();
    assert_eq!(got.len(), 1);
}

#[test]
fn utf16_input_with_a_bom_reads() {
    let xml = "<xliff version=\"1.2\"><file source-language=\"en\"><body><trans-unit id=\"1\"><source>Ж</source></trans-unit></body></file></xliff>";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
    let got = read_all(XliffReader::from_bufread(bytes.as_slice()).unwrap()).unwrap();
    assert_eq!(got[0].1.source, "Ж");
}
