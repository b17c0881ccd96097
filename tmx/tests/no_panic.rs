//! The reader never panics: arbitrary bytes and mutated valid files give
//! either units or an error, with any buffering and with tight limits.

use proptest::prelude::*;
use std::io::BufReader;
use tmx::{Header, Inline, Reader, ReaderOptions, Seg, Tu, Tuv, Writer, WriterOptions};

/// Reads everything, returning how many units came out before the end or
/// an error; errors must carry a position unless they are I/O errors.
fn drain<R: std::io::BufRead>(reader: Result<Reader<R>, tmx::Error>) -> usize {
    let mut reader = match reader {
        Ok(reader) => reader,
        Err(err) => {
            assert!(!err.to_string().is_empty());
            return 0;
        }
    };
    let mut tu = Tu::default();
    let mut count = 0;
    loop {
        match reader.read_tu(&mut tu) {
            Ok(true) => count += 1,
            Ok(false) => return count,
            Err(err) => {
                assert!(err.position().is_some(), "{err:?}");
                // After an error the reader stays at the end.
                assert!(!reader.read_tu(&mut tu).unwrap_or(true));
                return count;
            }
        }
    }
}

fn sample_file() -> Vec<u8> {
    let mut out = Vec::new();
    let mut header = Header::new("t", "1", "en");
    header.props.push(tmx::Prop::new("x-p", "v"));
    let mut writer = Writer::new(&mut out, &header, WriterOptions::default()).unwrap();
    let rich = Seg {
        content: vec![
            Inline::Text("a &".into()),
            Inline::Bpt {
                i: "1".into(),
                x: None,
                kind: Some("b".into()),
                code: vec![tmx::CodePart::Text("<b>".into())],
            },
            Inline::Hi {
                x: None,
                kind: None,
                content: vec![Inline::Text("م\r\n".into())],
            },
            Inline::Ept {
                i: "1".into(),
                code: vec![],
            },
        ],
    };
    for i in 0..3 {
        let mut tu = Tu::from_pairs([("en", "Hello <world>"), ("ar", "مرحبا"), ("ru", "Привет")]);
        tu.tuid = Some(i.to_string());
        tu.tuvs.push(Tuv {
            lang: "de".into(),
            seg: rich.clone(),
            ..Tuv::default()
        });
        writer.write_tu(&tu).unwrap();
    }
    writer.finish().unwrap();
    out
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Duplicate(usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let snippet = prop_oneof![
        prop::collection::vec(any::<u8>(), 1..6),
        prop::sample::select(vec![
            "<",
            ">",
            "&",
            "&lol;",
            "&#0;",
            "&#x10FFFF;",
            "]]>",
            "<![CDATA[",
            "<!--",
            "<tu>",
            "</tu>",
            "<tuv>",
            "<seg>",
            "</seg>",
            "<hi>",
            "<sub>",
            "<bpt>",
            "<it pos=\"x\">",
            "xml:lang=\"\"",
            "\u{1F}",
            "\r",
            "\u{FEFF}",
            "<!DOCTYPE x [<!ENTITY a SYSTEM \"file:///etc/passwd\">]>",
            "&a;",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
    ];
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Flip(at, b)),
        (any::<usize>(), snippet).prop_map(|(at, bytes)| Mutation::Insert(at, bytes)),
        (any::<usize>(), 1usize..40).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (any::<usize>(), 1usize..80).prop_map(|(at, n)| Mutation::Duplicate(at, n)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len().max(1);
    match m {
        Mutation::Flip(at, b) => {
            if !bytes.is_empty() {
                let at = at % bytes.len();
                bytes[at] ^= b | 1;
            }
        }
        Mutation::Insert(at, snippet) => {
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, snippet.iter().copied());
        }
        Mutation::Delete(at, n) => {
            let at = at % len;
            let end = (at + n).min(bytes.len());
            if at < end {
                bytes.drain(at..end);
            }
        }
        Mutation::Duplicate(at, n) => {
            let at = at % len;
            let end = (at + n).min(bytes.len());
            if at < end {
                let copy = bytes[at..end].to_vec();
                bytes.splice(at..at, copy);
            }
        }
        Mutation::Truncate(at) => bytes.truncate(at % len),
    }
}

fn check_all_ways(bytes: &[u8]) {
    let whole = drain(Reader::from_bytes(bytes));
    let tiny = drain(Reader::from_bufread(BufReader::with_capacity(1, bytes)));
    assert_eq!(whole, tiny, "buffering changed the result");
    let mut options = ReaderOptions::new();
    options
        .max_unit_bytes(64)
        .max_depth(2)
        .max_warnings(1)
        .max_variants(2)
        .max_inline_elements(3)
        .max_props(1)
        .max_notes(1)
        .max_lang_bytes(3);
    drain(Reader::with_options(bytes, options));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check_all_ways(&bytes);
        // The same bytes behind a UTF-16 BOM and a plausible start.
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend_from_slice(&bytes);
        check_all_ways(&utf16);
        let mut xml = b"<tmx><header/><body>".to_vec();
        xml.extend_from_slice(&bytes);
        check_all_ways(&xml);
    }

    #[test]
    fn mutated_files_never_panic(mutations in prop::collection::vec(mutation(), 1..6)) {
        let mut bytes = sample_file();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        check_all_ways(&bytes);
    }
}

#[test]
fn the_unmutated_sample_reads_fully() {
    assert_eq!(drain(Reader::from_bytes(&sample_file())), 3);
}
