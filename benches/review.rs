//! The review page of a 20,000-bead alignment: the time to write it (on all
//! threads, and on one thread, which is its CPU time), its size, and, when
//! Chromium and Playwright are there, the page in Chromium: the time to the
//! first screen, and the medians of a wheel-scroll frame, a jump (the
//! scrollbar dragged) and a filter change, each beside an empty frame
//! measured in the same run (tests/browser/review_page.py timing).
//! `cargo bench --bench review -- OUT.html` also keeps the page.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn median_of<F: FnMut() -> String>(runs: usize, mut f: F) -> (f64, f64, String) {
    let mut times = Vec::new();
    let mut page = String::new();
    for _ in 0..runs {
        let t = Instant::now();
        page = f();
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    (times[runs / 2], times[0], page)
}

fn main() {
    let n = 20_000;
    let aligned = tmalign::review::example_alignment(n);
    let paths = [Some("en.txt"), Some("ru.txt")];
    let render =
        || tmalign::review::render(&aligned, &paths, &Default::default()).expect("renders");
    let (all, all_min, page) = median_of(7, render);
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a pool");
    let (single, single_min, _) = one.install(|| median_of(7, render));
    let (json_time, _, json) = median_of(3, || {
        let mut json = Vec::new();
        tmalign::export::write_json(&aligned, &paths, &mut json).expect("writes");
        String::from_utf8(json).expect("UTF-8")
    });
    println!(
        "review page, {n} beads: median {all:.3} s (min {all_min:.3}) on {} threads, \
         {single:.3} s (min {single_min:.3}) on one; {:.1} MB; \
         align -f json of the same: {json_time:.3} s, {:.1} MB; ratio {:.2}x",
        rayon::current_num_threads(),
        page.len() as f64 / 1e6,
        json.len() as f64 / 1e6,
        all / json_time
    );
    let keep = std::env::args().skip(1).find(|a| a.ends_with(".html"));
    let out = keep.clone().unwrap_or_else(|| {
        std::env::temp_dir()
            .join(format!("tmalign-review-bench-{}.html", std::process::id()))
            .to_string_lossy()
            .into_owned()
    });
    std::fs::write(&out, &page).expect("writes the page");
    browser(&out);
    if keep.is_none() {
        let _ = std::fs::remove_file(&out);
    }
}

/// The page in Chromium, when it and Playwright are installed.
fn browser(page: &str) {
    let python = evalsets::python();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/review_page.py");
    if !Path::new("/usr/bin/chromium").exists() {
        println!("in Chromium: skipped, /usr/bin/chromium is missing");
        return;
    }
    let run = Command::new(&python)
        .arg(&script)
        .args(["timing", page])
        .output();
    let out = match run {
        Ok(out) if out.status.success() => out,
        Ok(out) => {
            println!(
                "in Chromium: skipped, {} failed: {}",
                script.display(),
                String::from_utf8_lossy(&out.stderr).trim()
            );
            return;
        }
        Err(e) => {
            println!(
                "in Chromium: skipped, {} cannot run ({e})",
                python.display()
            );
            return;
        }
    };
    let v: serde_json::Value = match serde_json::from_slice(&out.stdout) {
        Ok(v) => v,
        Err(e) => {
            println!("in Chromium: unreadable timing ({e})");
            return;
        }
    };
    println!(
        "in Chromium: first screen {} s, {} rows in the DOM",
        v["first_screen_s"], v["rows_in_dom"]
    );
    let empty = v["empty"]["median_ms"].as_f64().unwrap_or(f64::NAN);
    for (key, what) in [
        ("empty", "empty frame (baseline)"),
        ("wheel", "wheel scroll, 120 px"),
        ("jump", "jump to anywhere"),
        ("filter", "filter change"),
        ("empty_again", "empty frame again"),
    ] {
        let m = v[key]["median_ms"].as_f64().unwrap_or(f64::NAN);
        println!(
            "  {what:24} median {m:6.1} ms (max {:6.1}), {:+6.1} ms over the empty frame; main thread busy {:5.1} ms",
            v[key]["max_ms"].as_f64().unwrap_or(f64::NAN),
            m - empty,
            v[key]["busy_ms"].as_f64().unwrap_or(f64::NAN)
        );
    }
}
