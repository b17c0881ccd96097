//! Writing the review page of a 20,000-bead alignment: median time and
//! size. `cargo bench --bench review -- OUT.html` also keeps the page, for
//! timing it in Chromium (tests/browser/review_page.py timing OUT.html).

use std::time::Instant;

fn main() {
    let n = 20_000;
    let aligned = tmalign::review::example_alignment(n);
    let paths = [Some("en.txt"), Some("ru.txt")];
    let mut times = Vec::new();
    let mut page = String::new();
    for _ in 0..7 {
        let t = Instant::now();
        page = tmalign::review::render(&aligned, &paths, &Default::default()).expect("renders");
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let mut json = Vec::new();
    let t = Instant::now();
    tmalign::export::write_json(&aligned, &paths, &mut json).expect("writes");
    let json_time = t.elapsed().as_secs_f64();
    println!(
        "review page, {n} beads: median {:.3} s (min {:.3}), {:.1} MB; align -f json of the same: {:.3} s, {:.1} MB; ratio {:.1}x",
        times[3],
        times[0],
        page.len() as f64 / 1e6,
        json_time,
        json.len() as f64 / 1e6,
        times[3] / json_time
    );
    if let Some(out) = std::env::args().skip(1).find(|a| a.ends_with(".html")) {
        std::fs::write(&out, page).expect("writes the page");
    }
}
