//! Aligns two texts with tmalign's library API and prints the TMX.

fn main() -> Result<(), tmalign::Error> {
    let en = "Prices rose 5% in May. Shares fell.";
    let ru = "В мае цены выросли на 5%. Акции упали.";
    let aligned = tmalign::align_texts(&[("en", en), ("ru", ru)], &tmalign::Options::new())?;
    let summary = tmalign::export::write_tmx(
        &aligned,
        std::io::stdout().lock(),
        tmalign::export::TmxOptions::new().min_score(0.0),
    )?;
    eprintln!("{} units", summary.units_written);
    Ok(())
}
