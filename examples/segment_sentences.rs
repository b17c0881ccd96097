//! Splits a text in each of the three languages into sentences and prints
//! each sentence with its byte span.
//!
//! `cargo run --example segment_sentences`

fn main() {
    let texts = [
        (
            "en",
            "Dr. Smith arrived in the U.S. on Monday. He met Mr. Jones at 9 a.m. sharp.",
        ),
        (
            "ru",
            "В.В. Путин прибыл в г. Москву. Встреча прошла в 2019 г. Она длилась час.",
        ),
        ("ar", "وصل د. أحمد إلى القاهرة. هل سيبقى طويلاً؟ لا أحد يعرف."),
    ];
    for (lang, text) in texts {
        let segmenter = tmalign::Segmenter::new(lang);
        for sentence in segmenter.sentences(text) {
            println!(
                "{lang}\t{}..{}\t{}",
                sentence.start,
                sentence.end,
                &text[sentence.range()]
            );
        }
    }
}
