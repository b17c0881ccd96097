//! Property tests: writing units and reading them back gives the units in
//! the writer's documented normal form, whatever the text and the buffering.

use proptest::prelude::*;
use std::io::BufReader;
use tmx::{
    Attr, CodePart, ControlChars, Header, Inline, ItPos, Note, OutputEncoding, Prop, Reader, Seg,
    Sub, Tu, Tuv, Writer, WriterOptions,
};

/// Characters that stress escaping, line ends, bidi, combining marks, astral
/// planes and XML-forbidden controls, mixed with arbitrary ones.
fn text() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        '&', '<', '>', ']', '"', '\'', '\r', '\n', '\t', ' ', 'a', 'م', 'ب', 'ж', 'Я', '\u{301}',
        '𝄞', '😀', '\u{200F}', '\u{200E}', '\u{202B}', '\u{202C}', '\u{061C}', '\u{A0}', '\u{1F}',
        '\u{0}', '\u{B}', '\u{FFFE}', '\u{FFFF}', '\u{FEFF}',
    ]);
    prop::collection::vec(prop_oneof![3 => special, 1 => any::<char>()], 0..12)
        .prop_map(|chars| chars.into_iter().collect())
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

fn code() -> BoxedStrategy<Vec<CodePart>> {
    prop::collection::vec(text().prop_map(CodePart::Text), 0..3).boxed()
}

fn inline() -> impl Strategy<Value = Inline> {
    let leaf = prop_oneof![
        4 => text().prop_map(Inline::Text),
        1 => (text(), opt_text(), opt_text(), code()).prop_map(|(i, x, kind, code)| Inline::Bpt { i, x, kind, code }),
        1 => (text(), code()).prop_map(|(i, code)| Inline::Ept { i, code }),
        1 => (prop::bool::ANY, opt_text(), opt_text(), code()).prop_map(|(begin, x, kind, code)| Inline::It {
            pos: if begin { ItPos::Begin } else { ItPos::End },
            x,
            kind,
            code
        }),
        1 => (opt_text(), opt_text(), opt_text(), code())
            .prop_map(|(x, assoc, kind, code)| Inline::Ph { x, assoc, kind, code }),
        1 => (opt_text(), code()).prop_map(|(x, code)| Inline::Ut { x, code }),
    ];
    leaf.prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            (
                opt_text(),
                opt_text(),
                prop::collection::vec(inner.clone(), 0..4)
            )
                .prop_map(|(x, kind, content)| Inline::Hi { x, kind, content }),
            (
                opt_text(),
                code(),
                opt_text(),
                opt_text(),
                prop::collection::vec(inner, 0..3)
            )
                .prop_map(|(x, mut code, datatype, kind, content)| {
                    code.push(CodePart::Sub(Sub {
                        datatype,
                        kind,
                        content,
                    }));
                    Inline::Ph {
                        x,
                        assoc: None,
                        kind: None,
                        code,
                    }
                }),
        ]
    })
}

fn seg() -> impl Strategy<Value = Seg> {
    prop_oneof![
        2 => text().prop_map(|t| Seg::from_text(&t)),
        1 => prop::collection::vec(inline(), 0..5).prop_map(|content| Seg { content }),
    ]
}

fn prop_() -> impl Strategy<Value = Prop> {
    (text(), text(), prop::option::of(lang())).prop_map(|(kind, value, lang)| Prop {
        kind,
        value,
        lang,
        o_encoding: None,
    })
}

fn note() -> impl Strategy<Value = Note> {
    (text(), opt_text()).prop_map(|(value, o_encoding)| Note {
        value,
        lang: None,
        o_encoding,
    })
}

fn lang() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "en", "ar", "ru", "ar_SA", "EN-us", "ru-RU", "AR-sa", "BG-01",
    ])
    .prop_map(String::from)
}

fn attrs(names: &'static [&'static str]) -> impl Strategy<Value = Vec<Attr>> {
    prop::collection::vec((prop::sample::select(names), text()), 0..3).prop_map(|pairs| {
        pairs
            .into_iter()
            .map(|(name, value)| Attr {
                name: name.to_string(),
                value,
            })
            .collect()
    })
}

fn tuv() -> impl Strategy<Value = Tuv> {
    (
        lang(),
        attrs(&["creationdate", "usagecount", "o-tmf"]),
        prop::collection::vec(prop_(), 0..2),
        prop::collection::vec(note(), 0..2),
        seg(),
    )
        .prop_map(|(lang, attrs, props, notes, seg)| Tuv {
            lang,
            attrs,
            props,
            notes,
            seg,
        })
}

fn tu() -> impl Strategy<Value = Tu> {
    (
        opt_text(),
        prop::option::of(lang()),
        attrs(&["creationdate", "changeid", "segtype"]),
        prop::collection::vec(prop_(), 0..2),
        prop::collection::vec(note(), 0..2),
        prop::collection::vec(tuv(), 2..4),
    )
        .prop_map(|(tuid, srclang, attrs, props, notes, tuvs)| Tu {
            tuid,
            srclang,
            attrs,
            props,
            notes,
            tuvs,
        })
}

fn clean(s: &str) -> String {
    s.chars().filter(|&c| !matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')).collect()
}

fn clean_attrs(attrs: &[Attr]) -> Vec<Attr> {
    let mut out: Vec<Attr> = Vec::new();
    for a in attrs {
        if !out.iter().any(|o| o.name == a.name) {
            out.push(Attr {
                name: a.name.clone(),
                value: clean(&a.value),
            });
        }
    }
    out
}

fn clean_props(props: &[Prop]) -> Vec<Prop> {
    props
        .iter()
        .map(|p| Prop {
            kind: clean(&p.kind),
            value: clean(&p.value),
            lang: p.lang.as_deref().map(tmx::lang::canonical),
            o_encoding: p.o_encoding.as_deref().map(clean),
        })
        .collect()
}

fn clean_notes(notes: &[Note]) -> Vec<Note> {
    notes
        .iter()
        .map(|n| Note {
            value: clean(&n.value),
            lang: n.lang.as_deref().map(tmx::lang::canonical),
            o_encoding: n.o_encoding.as_deref().map(clean),
        })
        .collect()
}

/// What the writer's documented profile turns a unit into (None: dropped).
fn expected(tu: &Tu) -> Option<Tu> {
    let mut tuvs: Vec<Tuv> = Vec::new();
    for tuv in &tu.tuvs {
        let lang = tmx::lang::canonical(&tuv.lang);
        let seg = tuv.seg.normalized();
        if seg.is_blank() || tuvs.iter().any(|t| t.lang == lang) {
            continue;
        }
        tuvs.push(Tuv {
            lang,
            attrs: clean_attrs(&tuv.attrs),
            props: clean_props(&tuv.props),
            notes: clean_notes(&tuv.notes),
            seg,
        });
    }
    (tuvs.len() >= 2).then(|| Tu {
        tuid: tu.tuid.as_deref().map(clean),
        srclang: tu.srclang.as_deref().map(tmx::lang::canonical),
        attrs: clean_attrs(&tu.attrs),
        props: clean_props(&tu.props),
        notes: clean_notes(&tu.notes),
        tuvs,
    })
}

fn write(header: &Header, tus: &[Tu], options: WriterOptions) -> Vec<u8> {
    let mut out = Vec::new();
    let mut writer = Writer::new(&mut out, header, options).unwrap();
    for tu in tus {
        writer.write_tu(tu).unwrap();
    }
    let summary = writer.finish().unwrap();
    let kept = tus.iter().filter(|tu| expected(tu).is_some()).count() as u64;
    assert_eq!(summary.units_written, kept);
    assert_eq!(summary.units_dropped, tus.len() as u64 - kept);
    out
}

fn read<R: std::io::BufRead>(mut reader: Reader<R>) -> (Header, Vec<Tu>, Vec<tmx::Warning>) {
    let tus = reader.tus().collect::<Result<Vec<_>, _>>().unwrap();
    (reader.header().clone(), tus, reader.take_warnings())
}

fn header() -> impl Strategy<Value = Header> {
    (
        lang(),
        text(),
        prop::collection::vec(prop_(), 0..2),
        prop::collection::vec(note(), 0..2),
    )
        .prop_map(|(srclang, tool, props, notes)| {
            let mut header = Header::new(&tool, "1.0", &srclang);
            header.props = props;
            header.notes = notes;
            header
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn write_then_read_gives_the_normal_form(header in header(), tus in prop::collection::vec(tu(), 0..5)) {
        let bytes = write(&header, &tus, WriterOptions::default());
        let text = String::from_utf8(bytes.clone()).unwrap();
        let (read_header, read_tus, _) = read(Reader::from_str(&text).unwrap());
        let want: Vec<Tu> = tus.iter().filter_map(expected).collect();
        prop_assert_eq!(&read_tus, &want);
        let mut want_header = header.clone();
        want_header.creationtool = clean(&header.creationtool);
        want_header.o_tmf = clean(&header.o_tmf);
        want_header.props = clean_props(&header.props);
        want_header.notes = clean_notes(&header.notes);
        prop_assert_eq!(&read_header, &want_header);

        // Byte-at-a-time buffering sees exactly the same units and warnings.
        let one = read(Reader::from_bufread(BufReader::with_capacity(1, bytes.as_slice())).unwrap());
        let all = read(Reader::from_str(&text).unwrap());
        prop_assert_eq!(one, all);

        // UTF-16 output reads back the same.
        let utf16 = write(&header, &tus, *WriterOptions::new().encoding(OutputEncoding::Utf16Le));
        let (_, utf16_tus, _) = read(Reader::from_bytes(&utf16).unwrap());
        prop_assert_eq!(utf16_tus, want);
    }

    #[test]
    fn refuse_policy_writes_only_clean_units(tus in prop::collection::vec(tu(), 1..4)) {
        let mut out = Vec::new();
        let header = Header::new("t", "1", "en");
        let options = *WriterOptions::new().control_chars(ControlChars::Refuse);
        let mut writer = Writer::new(&mut out, &header, options).unwrap();
        let mut accepted = Vec::new();
        for tu in &tus {
            if writer.write_tu(tu).is_ok() {
                accepted.push(tu.clone());
            }
        }
        writer.finish().unwrap();
        let text = String::from_utf8(out).unwrap();
        let (_, read_tus, _) = read(Reader::from_str(&text).unwrap());
        let want: Vec<Tu> = accepted.iter().filter_map(expected).collect();
        prop_assert_eq!(read_tus, want);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// `finished_len` is the exact size of the output had it been finished
    /// at that point, after every unit and in both encodings: splitting by
    /// size (`tmalign --split-size`) relies on it.
    #[test]
    fn finished_len_is_the_size_of_the_finished_output(
        header in header(),
        tus in prop::collection::vec(tu(), 0..6),
        utf16 in any::<bool>(),
    ) {
        let mut options = WriterOptions::default();
        if utf16 {
            options.encoding(tmx::OutputEncoding::Utf16Le);
        }
        for upto in 0..=tus.len() {
            let mut out = Vec::new();
            let mut writer = tmx::Writer::new(&mut out, &header, options).unwrap();
            for tu in &tus[..upto] {
                let _ = writer.write_tu(tu);
            }
            let expected = writer.finished_len();
            writer.finish().unwrap();
            prop_assert_eq!(expected, out.len() as u64);
        }
    }
}
