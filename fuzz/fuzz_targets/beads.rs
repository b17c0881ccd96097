//! Any text: the beads parser gives beads or an error naming the line;
//! parsed beads written back parse to the same beads, and score perfectly
//! against themselves.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tmalign::eval::{count, parse_beads};
use tmalign::export::beads::format_beads;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let beads = match parse_beads(text, None) {
        Ok(beads) => beads,
        Err(e) => {
            assert!(e.to_string().contains("line"), "{e}");
            return;
        }
    };
    let again = parse_beads(&format_beads(&beads), None).expect("written beads parse");
    assert_eq!(beads, again);
    let counts = count(&beads, &beads);
    assert_eq!(counts.hyp_strict, counts.hyp);
    assert_eq!(counts.gold_strict, counts.gold);
});
