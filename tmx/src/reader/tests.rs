use super::*;
use crate::error::Error;
use crate::model::{Attr, CodePart, Inline, Note, Prop};

const HEAD: &str = r#"<?xml version="1.0"?><tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>"#;

fn doc(body: &str) -> String {
    format!("{HEAD}{body}</body></tmx>")
}

fn read_all(xml: &str) -> Result<(Vec<Tu>, Vec<Warning>)> {
    let mut reader = Reader::from_str(xml)?;
    let tus = reader.tus().collect::<Result<Vec<_>>>()?;
    Ok((tus, reader.take_warnings()))
}

#[test]
fn reads_units_and_inline_codes() {
    let xml = doc(
        r#"<tu tuid="7" creationdate="20200101T000000Z"><prop type="x-a">1</prop><note>n</note>
        <tuv xml:lang="EN"><seg>a &amp; <bpt i="1" type="bold">&lt;b&gt;</bpt>b<ept i="1">&lt;/b&gt;</ept> <ph>&lt;img alt="<sub>t</sub>"/&gt;</ph><hi x="2">h</hi><it pos="end">x</it><ut>u</ut></seg></tuv>
        <tuv lang="ru"><seg><![CDATA[<б>]]></seg></tuv></tu>"#,
    );
    let (tus, warnings) = read_all(&xml).unwrap();
    assert_eq!(tus.len(), 1);
    let tu = &tus[0];
    assert_eq!(tu.tuid.as_deref(), Some("7"));
    assert_eq!(
        tu.attrs,
        vec![Attr {
            name: "creationdate".into(),
            value: "20200101T000000Z".into()
        }]
    );
    assert_eq!(tu.props, vec![Prop::new("x-a", "1")]);
    assert_eq!(tu.notes, vec![Note::new("n")]);
    assert_eq!(tu.tuvs[0].lang, "en");
    assert_eq!(tu.tuvs[0].seg.text(), "a & b h");
    assert_eq!(tu.tuvs[1].seg.text(), "<б>");
    let Inline::Ph { code, .. } = &tu.tuvs[0].seg.content[5] else {
        panic!("{:?}", tu.tuvs[0].seg)
    };
    assert_eq!(code.len(), 3);
    assert!(
        matches!(&code[1], CodePart::Sub(sub) if sub.content == vec![Inline::Text("t".into())])
    );
    assert_eq!(warnings.len(), 1, "{warnings:?}"); // EN is not canonical
}

#[test]
fn warns_about_empty_single_and_duplicate() {
    let xml = doc(r#"<tu><tuv xml:lang="en"><seg/></tuv></tu>
        <tu><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>"#);
    let (tus, warnings) = read_all(&xml).unwrap();
    assert_eq!(tus.len(), 2);
    let kinds: Vec<_> = warnings.iter().map(|w| w.kind.clone()).collect();
    assert_eq!(
        kinds,
        vec![
            WarningKind::EmptySeg { lang: "en".into() },
            WarningKind::TooFewVariants { count: 1 },
            WarningKind::DuplicateLanguage { lang: "en".into() },
        ]
    );
    assert_eq!(warnings[0].position.line, 1);
    assert_eq!(warnings[2].position.line, 2);
}

#[test]
fn errors_have_positions_and_say_what_was_expected() {
    let xml = doc(
        "\n<tu>\n  <tuv xml:lang=\"en\"><seg>a</seg></tuv>\n  <tuv xml:lang=\"ru\"></tuv></tu>",
    );
    let err = read_all(&xml).unwrap_err();
    let p = err.position().unwrap();
    assert_eq!((p.line, p.column), (4, 22), "{err}");
    assert!(
        err.to_string().contains("expected `<seg>`, found `</tuv>`"),
        "{err}"
    );

    let err = read_all(&doc("<tu><tuv><seg>a</seg></tuv></tu>")).unwrap_err();
    assert!(
        matches!(
            err,
            Error::MissingAttribute {
                attribute: "xml:lang",
                ..
            }
        ),
        "{err}"
    );

    let err = Reader::from_str("<html/>").err().unwrap();
    assert!(
        err.to_string()
            .contains("expected `<tmx>`, found `<html/>`"),
        "{err}"
    );
}

#[test]
fn refuses_entities_and_illegal_chars() {
    let bomb =
        r#"<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>"#
            .to_string()
            + &doc(r#"<tu><tuv xml:lang="en"><seg>&b;</seg></tuv></tu>"#)[21..];
    let err = read_all(&bomb).unwrap_err();
    assert!(
        matches!(err, Error::Entity { ref found, .. } if found == "&b;"),
        "{err}"
    );
    let err = read_all(&doc(
        "<tu><tuv xml:lang=\"en\"><seg>a\u{1F}</seg></tuv></tu>",
    ))
    .unwrap_err();
    assert!(
        matches!(
            err,
            Error::IllegalChar {
                code_point: 0x1F,
                ..
            }
        ),
        "{err}"
    );
    let err = read_all(&doc("<tu><tuv xml:lang=\"en\"><seg>&#0;</seg></tuv></tu>")).unwrap_err();
    assert!(
        matches!(err, Error::IllegalChar { code_point: 0, .. }),
        "{err}"
    );
}

#[test]
fn positions_inside_text_and_attributes_count_lines() {
    // HEAD is one line; the unit starts on line 2.
    let xml = doc("\n<tu><tuv xml:lang=\"en\"><seg>a\nbc\u{1}</seg></tuv></tu>");
    let p = read_all(&xml).unwrap_err().position().unwrap();
    assert_eq!((p.line, p.column), (3, 3));
    let xml = doc("\n<tu tuid=\"x\ny&bad;\"><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>");
    let err = read_all(&xml).unwrap_err();
    let p = err.position().unwrap();
    assert_eq!((p.line, p.column), (3, 2), "{err}");
}

#[test]
fn limits_are_enforced() {
    let big = doc(&format!(
        "<tu><tuv xml:lang=\"en\"><seg>{}</seg></tuv></tu>",
        "x".repeat(10_000)
    ));
    let options = *ReaderOptions::new().max_unit_bytes(1000);
    let mut reader = Reader::with_options(big.as_bytes(), options).unwrap();
    let err = reader.read_tu(&mut Tu::default()).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Limit {
                limit: "max_unit_bytes",
                ..
            }
        ),
        "{err}"
    );

    let deep = doc(&format!(
        "<tu><tuv xml:lang=\"en\"><seg>{}</seg></tuv></tu>",
        "<hi>".repeat(100)
    ));
    let err = read_all(&deep).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Limit {
                limit: "max_depth",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn header_variants() {
    let xml = r##"<tmx version="1.1"><header srclang="*all*" creationtool="x"><prop type="p">v</prop><note>n</note><ude name="u"><map unicode="#xE000"/></ude></header><body/></tmx>"##;
    let mut reader = Reader::from_str(xml).unwrap();
    assert_eq!(reader.version(), "1.1");
    assert_eq!(reader.header().srclang, "*all*");
    assert_eq!(reader.header().props, vec![Prop::new("p", "v")]);
    assert_eq!(reader.header().notes, vec![Note::new("n")]);
    assert!(!reader.read_tu(&mut Tu::default()).unwrap());
    assert_eq!(reader.warning_count(), 5); // five required attributes missing
}

#[test]
fn reads_utf16_tmx_1_2_with_dgt_codes() {
    let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<!DOCTYPE tmx SYSTEM \"tmx12.dtd\">\n\
        <tmx version=\"1.2\"><header srclang=\"EN-GB\" creationtool=\"x\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"x\" adminlang=\"EN\" datatype=\"plaintext\"/><body>\n\
        <tu><tuv lang=\"EN-GB\"><seg>Council</seg></tuv><tuv lang=\"BG-01\"><seg>Съвет</seg></tuv></tu></body></tmx>";
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(xml.encode_utf16().flat_map(u16::to_be_bytes));
    let mut reader = Reader::from_bytes(&bytes).unwrap();
    assert!(reader.is_utf16());
    assert_eq!(
        (reader.version(), reader.header().srclang.as_str()),
        ("1.2", "en-GB")
    );
    let tus: Vec<Tu> = reader.tus().collect::<Result<_>>().unwrap();
    let langs: Vec<&str> = tus[0].tuvs.iter().map(|v| v.lang.as_str()).collect();
    assert_eq!(langs, ["en-GB", "bg"]);
    assert_eq!(tus[0].tuvs[1].seg.text(), "Съвет");
    let p = reader.take_warnings()[0].position;
    assert_eq!(p.line, 4, "the first warning (EN-GB) is on the unit's line");
}

#[test]
fn trailing_garbage_is_an_error() {
    let err = read_all(&(doc("") + "<tmx/>")).unwrap_err();
    assert!(
        err.to_string().contains("expected the end of the input"),
        "{err}"
    );
}

/// Every container treats stray text, CDATA, unknown elements and
/// comments alike, whatever the element (one mechanism, `xml::child`).
#[test]
fn containers_treat_stray_content_alike() {
    let xml = r#"<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext">h<![CDATA[c]]><x/><!--c--><ude name="u"/><prop type="p">v</prop></header><body>b<![CDATA[c]]><x/><!--c-->
        <tu>t<![CDATA[c]]><x/><!--c--><tuv xml:lang="en">v<![CDATA[c]]><x>in</x><!--c--><seg>a</seg></tuv><tuv xml:lang="ru"><seg>б</seg></tuv></tu>
        </body></tmx>"#;
    let mut reader = Reader::from_str(xml).unwrap();
    assert_eq!(reader.header().props, vec![Prop::new("p", "v")]);
    let tus = reader.tus().collect::<Result<Vec<_>>>().unwrap();
    assert_eq!(tus.len(), 1);
    assert_eq!(tus[0].tuvs[0].seg.text(), "a");
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for warning in reader.warnings() {
        match &warning.kind {
            WarningKind::UnexpectedText { parent } => seen.push(("text", parent)),
            WarningKind::UnknownElement { name, parent } => {
                assert_eq!(name, "x");
                seen.push(("element", parent));
            }
            other => panic!("unexpected warning {other:?}"),
        }
    }
    let mut expected = Vec::new();
    for parent in ["header", "body", "tu", "tuv"] {
        expected.extend([("text", parent), ("text", parent), ("element", parent)]);
    }
    assert_eq!(seen, expected);
}

#[test]
fn duplicate_attributes_are_found_in_short_and_long_lists() {
    // Up to 8 names are compared on the stack, later ones in a hash set:
    // a duplicate is found on either side of that boundary, and 8 or 9
    // distinct names are not one.
    for n in [1usize, 2, 7, 8, 9, 12] {
        let names: Vec<String> = (0..n).map(|k| format!("x-a{k}")).collect();
        let attrs: String = names.iter().map(|a| format!(" {a}=\"v\"")).collect();
        let unit = |extra: &str| {
            doc(&format!(
                r#"<tu{attrs}{extra}><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="ru"><seg>б</seg></tuv></tu>"#
            ))
        };
        assert!(read_all(&unit("")).is_ok(), "{n} distinct names");
        for dup in [&names[0], &names[n - 1]] {
            let err = read_all(&unit(&format!(" {dup}=\"w\""))).unwrap_err();
            let Error::Xml { message, position } = &err else {
                panic!("{err}")
            };
            assert_eq!(message, &format!("duplicated attribute {dup:?}"), "{n}");
            let column = HEAD.len() + "<tu".len() + attrs.len() + 2;
            assert_eq!(position.column as usize, column, "{n} {dup}");
        }
    }
}

#[test]
fn cdata_end_in_text_is_placed_at_its_first_bracket() {
    // `>` alone and `]>` are allowed; the error points at the first `]]>`.
    for (seg, column) in [("a > ]> b\n x ]]> y ]]> z", 4), ("]]]>", 2), ("]]>", 1)] {
        let xml = doc(&format!(
            r#"<tu><tuv xml:lang="en"><seg>{seg}</seg></tuv><tuv xml:lang="ru"><seg>б</seg></tuv></tu>"#
        ));
        let err = read_all(&xml).unwrap_err();
        let Error::Xml { message, position } = &err else {
            panic!("{err}")
        };
        assert!(message.contains("`]]>` is not allowed"), "{message}");
        let line = if seg.contains('\n') { 2 } else { 1 };
        let column = if line == 1 {
            HEAD.len() + r#"<tu><tuv xml:lang="en"><seg>"#.len() + column
        } else {
            column
        };
        assert_eq!(
            (position.line, position.column as usize),
            (line, column),
            "{seg:?}"
        );
    }
    let ok = doc(
        r#"<tu><tuv xml:lang="en"><seg>a > ]> ]]&gt; b</seg></tuv><tuv xml:lang="ru"><seg>б</seg></tuv></tu>"#,
    );
    assert_eq!(
        read_all(&ok).unwrap().0[0].tuvs[0].seg.text(),
        "a > ]> ]]> b"
    );
}
