//! Aligns two short texts with the library and prints a TMX on stdout.
//!
//! `cargo run --example align_to_tmx`

use std::io::Write;

fn main() -> Result<(), tmalign::Error> {
    let en = "Central bank holds rates\n\n\
              The central bank kept its key rate at 16% on Friday. \
              Inflation slowed to 7.4% in May.";
    let ru = "Центробанк сохранил ставку\n\n\
              В пятницу Центробанк сохранил ключевую ставку на уровне 16%. \
              Инфляция в мае замедлилась до 7,4%.";
    let aligned = tmalign::align_texts(&[("en", en), ("ru", ru)], &tmalign::Options::default())?;
    for bead in &aligned.alignment.beads {
        eprintln!("{} {:.2}", bead.kind(), bead.score);
    }
    let mut options = tmalign::export::TmxOptions::new();
    options.min_score(0.0);
    let stdout = std::io::stdout();
    let summary = tmalign::export::write_tmx(&aligned, stdout.lock(), &options)?;
    stdout
        .lock()
        .flush()
        .map_err(|source| tmalign::Error::Io { path: None, source })?;
    eprintln!("{} units written", summary.units_written);
    Ok(())
}
