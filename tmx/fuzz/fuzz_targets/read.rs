//! Any bytes: the reader returns units or an error with a position, never
//! panics, and byte-at-a-time buffering changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::BufReader;
use tmx::{Reader, ReaderOptions, Tu};

fn drain<R: std::io::BufRead>(reader: tmx::Result<Reader<R>>) -> Result<Vec<Tu>, String> {
    let mut reader = reader.map_err(|e| e.to_string())?;
    let mut units = Vec::new();
    let mut tu = Tu::default();
    loop {
        match reader.read_tu(&mut tu) {
            Ok(true) => units.push(tu.clone()),
            Ok(false) => return Ok(units),
            Err(e) => {
                assert!(e.position().is_some(), "{e:?}");
                return Err(e.to_string());
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let whole = drain(Reader::from_bytes(data));
    let tiny = drain(Reader::from_bufread(BufReader::with_capacity(1, data)));
    assert_eq!(whole.is_ok(), tiny.is_ok());
    if let (Ok(a), Ok(b)) = (&whole, &tiny) {
        assert_eq!(a, b);
    }
    let mut options = ReaderOptions::new();
    options.max_unit_bytes(256).max_depth(3).max_warnings(2).max_variants(4);
    let _ = drain(Reader::with_options(data, options));
});
