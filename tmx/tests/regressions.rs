//! Regression tests for the hostile inputs of issue 13, each named after
//! its finding. Sizes are 10x those that hung; the time bounds are generous
//! anti-hang bounds, the exact figures belong in benchmarks.

use std::time::{Duration, Instant};
use tmx::{Error, Reader, ReaderOptions, Tu, WarningKind};

const HEAD: &str = r#"<?xml version="1.0"?><tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>"#;

fn doc(body: &str) -> String {
    format!("{HEAD}{body}</body></tmx>")
}

fn read(xml: &[u8], options: ReaderOptions) -> (Result<Vec<Tu>, Error>, Vec<tmx::Warning>) {
    let mut reader = match Reader::with_options(xml, options) {
        Ok(r) => r,
        Err(e) => return (Err(e), Vec::new()),
    };
    let tus = reader.tus().collect::<Result<Vec<_>, _>>();
    (tus, reader.take_warnings())
}

fn quick<T>(f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = f();
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "took {:?}",
        started.elapsed()
    );
    out
}

fn limit_of(result: Result<Vec<Tu>, Error>) -> &'static str {
    match result {
        Err(Error::Limit { limit, .. }) => limit,
        other => panic!("expected a limit error, got {other:?}"),
    }
}

#[test]
fn regression_million_variants_in_one_unit() {
    let tuv = r#"<tuv xml:lang="en"><seg>a</seg></tuv>"#;
    let xml = doc(&format!("<tu>{}</tu>", tuv.repeat(1_000_000)));
    let (result, _) = quick(|| read(xml.as_bytes(), ReaderOptions::new()));
    assert_eq!(limit_of(result), "max_variants");
    // With the limit lifted the duplicate check is linear.
    let mut options = ReaderOptions::new();
    options.max_variants(usize::MAX).max_warnings(10);
    let (result, _) = quick(|| read(xml.as_bytes(), options));
    assert_eq!(result.unwrap()[0].tuvs.len(), 1_000_000);
}

#[test]
fn regression_million_attributes_on_one_element() {
    let attrs: String = (0..1_000_000).map(|k| format!(" a{k}=\"\"")).collect();
    let xml = doc(&format!(
        "<tu{attrs}><tuv xml:lang=\"en\"><seg>a</seg></tuv><tuv xml:lang=\"ru\"><seg>б</seg></tuv></tu>"
    ));
    let (result, _) = quick(|| read(xml.as_bytes(), ReaderOptions::new()));
    assert_eq!(result.unwrap().len(), 1);
    // A duplicate among them is still found.
    let xml = doc(&format!("<tu{attrs} a7=\"\"></tu>"));
    let (result, _) = quick(|| read(xml.as_bytes(), ReaderOptions::new()));
    let err = result.unwrap_err();
    assert!(
        err.to_string().contains("duplicated attribute \"a7\""),
        "{err}"
    );
}

#[test]
fn regression_unpaired_codes_are_linear() {
    let codes: String = (0..400_000)
        .map(|k| format!("<bpt i=\"{k}\"/><ept i=\"x{k}\"/>"))
        .collect();
    let xml = doc(&format!(
        "<tu><tuv xml:lang=\"en\"><seg>{codes}</seg></tuv><tuv xml:lang=\"ru\"><seg>б</seg></tuv></tu>"
    ));
    let (result, _) = quick(|| read(xml.as_bytes(), ReaderOptions::new()));
    assert_eq!(limit_of(result), "max_inline_elements");
    let mut options = ReaderOptions::new();
    options.max_inline_elements(usize::MAX);
    let mut reader = Reader::with_options(xml.as_bytes(), options).unwrap();
    quick(|| while reader.read_tu(&mut Tu::default()).unwrap() {});
    let counts: Vec<_> = reader.warnings_by_kind().collect();
    // The segment holds codes and no text, which is its own warning.
    assert_eq!(counts, [("empty_seg", 1), ("unpaired_code", 800_000)]);
}

#[test]
fn regression_props_and_language_codes_are_bounded() {
    let props = "<prop type=\"x\">v</prop>".repeat(20_000);
    let xml = format!(r#"<tmx version="1.4"><header srclang="en">{props}</header><body/></tmx>"#);
    let err = Reader::from_str(&xml).err().unwrap();
    assert!(
        matches!(
            err,
            Error::Limit {
                limit: "max_props",
                ..
            }
        ),
        "{err}"
    );
    let long = "x".repeat(512 << 10);
    let xml = doc(&format!(
        "<tu><tuv xml:lang=\"{long}\"><seg>a</seg></tuv></tu>"
    ));
    let (result, _) = read(xml.as_bytes(), ReaderOptions::new());
    assert_eq!(limit_of(result), "max_lang_bytes");
}

#[test]
fn regression_warnings_by_kind_count_past_the_kept_ones() {
    let xml = doc(&"<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>".repeat(5000));
    let mut reader = Reader::from_str(&xml).unwrap();
    while reader.read_tu(&mut Tu::default()).unwrap() {}
    assert_eq!(reader.warnings().len(), 1000);
    let counts: Vec<_> = reader.warnings_by_kind().collect();
    assert_eq!(counts, [("too_few_variants", 5000)]);
}

#[test]
fn regression_warnings_after_the_last_unit_are_kept() {
    let xml = doc("<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv><tuv xml:lang=\"ru\"><seg>б</seg></tuv></tu>stray<x/>");
    let mut reader = Reader::from_str(&xml).unwrap();
    let mut tu = Tu::default();
    assert!(reader.read_tu(&mut tu).unwrap());
    assert!(reader.take_warnings().is_empty());
    assert!(!reader.read_tu(&mut tu).unwrap());
    let kinds: Vec<&str> = reader
        .take_warnings()
        .iter()
        .map(|w| w.kind.name())
        .collect();
    assert_eq!(kinds, ["unexpected_text", "unknown_element"]);
}

#[test]
fn regression_lone_surrogate_in_utf16_is_reported_where_it_is() {
    let mut body = String::new();
    for k in 0..1000 {
        body.push_str(&format!(
            "<tu><tuv xml:lang=\"en\"><seg>{k}</seg></tuv><tuv xml:lang=\"ru\"><seg>{k}</seg></tuv></tu>\n"
        ));
    }
    let xml =
        format!("{HEAD}\n{body}<tu><tuv xml:lang=\"en\"><seg>12345X</seg></tuv></tu></body></tmx>");
    let mut units: Vec<u16> = vec![0xFEFF];
    units.extend(xml.encode_utf16());
    let x = units.iter().rposition(|&u| u == u16::from(b'X')).unwrap();
    units[x] = 0xD800; // a high surrogate followed by `<`
    let bytes: Vec<u8> = units.iter().flat_map(|u| u.to_le_bytes()).collect();
    let mut reader = Reader::from_bytes(&bytes).unwrap();
    let mut tu = Tu::default();
    let mut n = 0;
    let err = loop {
        match reader.read_tu(&mut tu) {
            Ok(true) => n += 1,
            Ok(false) => panic!("no error"),
            Err(e) => break e,
        }
    };
    assert_eq!(n, 1000);
    let p = err.position().unwrap();
    assert_eq!((p.line, p.column), (1002, 34), "{err}");
    assert!(err.to_string().contains("surrogate"), "{err}");
}

#[test]
fn regression_minor_leniencies_are_errors_or_warnings() {
    let cases = [
        (
            doc("<tu tuid=\"a<b\"/>"),
            "`<` is not allowed in an attribute value",
        ),
        (
            doc("<tu><tuv xml:lang=\"en\"><seg>a ]]> b</seg></tuv></tu>"),
            "`]]>` is not allowed in text",
        ),
        (doc("<!-- \u{1} --><tu/>"), "U+0001"),
        (
            doc("<tu\u{0}><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>"),
            "U+0000",
        ),
    ];
    for (xml, want) in cases {
        let (result, _) = read(xml.as_bytes(), ReaderOptions::new());
        let err = result.unwrap_err();
        assert!(err.to_string().contains(want), "{want}: {err}");
    }
    let mut bad = doc("<!-- x --><tu/>").into_bytes();
    let at = bad.windows(3).position(|w| w == b" x ").unwrap();
    bad[at + 1] = 0xFF;
    let err = read(&bad, ReaderOptions::new()).0.unwrap_err();
    assert!(matches!(err, Error::Encoding { .. }), "{err}");
    let mut bad = doc("<zz/>").into_bytes();
    let at = bad.windows(2).position(|w| w == b"zz").unwrap();
    bad[at + 1] = 0xFF;
    let err = read(&bad, ReaderOptions::new()).0.unwrap_err();
    assert!(matches!(err, Error::Encoding { .. }), "{err}");

    let xml = doc("").replace(
        "<?xml version=\"1.0\"?>",
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
    );
    let reader = Reader::from_str(&xml).unwrap();
    assert!(matches!(
        &reader.warnings()[0].kind,
        WarningKind::EncodingMismatch { declared, read_as: "UTF-8" } if declared == "iso-8859-1"
    ));
}

#[test]
fn regression_invalid_language_codes_are_warned_about() {
    let xml = doc("<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv><tuv xml:lang=\"r&amp;u\"><seg>b</seg></tuv></tu>");
    let (result, warnings) = read(xml.as_bytes(), ReaderOptions::new());
    assert_eq!(result.unwrap()[0].tuvs[1].lang, "r&u");
    assert!(matches!(&warnings[0].kind, WarningKind::InvalidLanguage { found } if found == "r&u"));
}
