//! `tmalign batch SRC_DIR TGT_DIR [TGT_DIR2] -o OUT_DIR`: align every set of
//! files that share a name, in parallel, one output file per set.

use super::align::Format;
use super::output::Staged;
use super::split::TmxOut;
use crate::cli::align::{Job, Shared};
use crate::cli::UsageError;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use tmalign::align::WordPairCounts;
use tmalign::corpus::{align_set, DocumentSet, SetAlignment, SetId, UnitSet};
use tmalign::export::TmxSummary;
use tmalign::input::Input;

/// Arguments of `tmalign batch`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folders of texts that translate each other, file for file. Files are
    /// paired by name; a language code in the name is ignored for pairing
    /// (`news.ar.txt` pairs with `news.en.txt`).
    #[arg(value_name = "DIR", required = true, num_args = 2..=3)]
    pub dirs: Vec<PathBuf>,
    /// Folder for the output files (created if missing).
    #[arg(short, long, value_name = "OUT_DIR")]
    pub output: PathBuf,
    /// TMX: write one bilingual file per language pair and document
    /// (`NAME.ar-en.tmx`, `NAME.ar-ru.tmx`, `NAME.en-ru.tmx`), each judged
    /// by that pair's own scores; without it, three folders give one
    /// three-language TMX per document.
    #[arg(long)]
    pub pairs: bool,
    /// Worker threads. By default, one per core; at most 4 per core.
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// Align every set twice: learn word pairs from the confident beads of
    /// all the sets' first alignments, then align each set again with them
    /// as anchors. About twice the time; on Text+Berg, strict F1 0.863 ->
    /// 0.876.
    #[arg(long, conflicts_with = "word_pairs")]
    pub lexical_pass: bool,
    /// Write the word pairs that `--lexical-pass` learned to FILE, for
    /// `--word-pairs FILE` in later runs of `align`, `batch` and `pipe`.
    #[arg(long, value_name = "FILE", requires = "lexical_pass")]
    pub save_word_pairs: Option<PathBuf>,
    #[command(flatten)]
    pub shared: Shared,
}

/// One set of files to align and what became of it.
struct Task {
    name: String,
    files: Vec<PathBuf>,
}

struct Outcome {
    sentences: Vec<usize>,
    beads: usize,
    tmx: Option<TmxSummary>,
}

/// Runs `tmalign batch`.
pub fn run(args: Args) -> Result<ExitCode> {
    let job = Job::new(&args.shared, args.pairs, None)?;
    for dir in &args.dirs {
        if !dir.is_dir() {
            return Err(UsageError(format!("{}: not a folder", dir.display())).into());
        }
    }
    let (tasks, unpaired) = pair_files(&args.dirs)?;
    for path in &unpaired {
        eprintln!(
            "tmalign: {}: no file of the same name in the other folders; skipped",
            path.display()
        );
    }
    if tasks.is_empty() {
        anyhow::bail!("no files with the same name in {}", list_dirs(&args.dirs));
    }
    let inputs: Vec<&Path> = tasks
        .iter()
        .flat_map(|t| t.files.iter().map(PathBuf::as_path))
        .collect();
    // Checked before anything is made or read: the first pass aligns every set.
    super::Output::check(args.save_word_pairs.as_deref(), &inputs)?;
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("{}: cannot create output folder", args.output.display()))?;

    let langs = folder_langs(&args.dirs, args.shared.langs.as_deref())?;
    let pool = match args.threads {
        Some(n) => Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(thread_count(n))
                .build()
                .context("cannot start worker threads")?,
        ),
        None => None,
    };
    let mut job = job;
    if args.lexical_pass {
        let progress = progress_bar(tasks.len() as u64, args.shared.quiet);
        let learn = |task: &Task| {
            let counts = learn_task(&job, task, langs.as_deref());
            progress.inc(1);
            counts
        };
        let counts: Vec<_> = on_pool(pool.as_ref(), || tasks.par_iter().map(learn).collect());
        progress.finish_and_clear();
        // Merged in task order; the sums do not depend on it anyway.
        let mut all = WordPairCounts::new();
        for c in counts.into_iter().flatten() {
            all.merge(c);
        }
        let pairs = all.finish();
        if !args.shared.quiet {
            eprintln!(
                "tmalign: lexical pass: {} word pairs learned from {} confident beads",
                pairs.len(),
                all.size().0
            );
        }
        if let Some(path) = &args.save_word_pairs {
            let mut out = super::Output::create_checked(Some(path), &inputs)?;
            out.write_all(pairs.to_text().as_bytes())?;
            out.finish()?;
        }
        job.aligner.word_pairs(Some(Arc::new(pairs)));
    }
    let progress = progress_bar(tasks.len() as u64, args.shared.quiet);
    let results: Vec<Result<Outcome>> = on_pool(pool.as_ref(), || {
        tasks
            .par_iter()
            .map(|task| {
                let result = run_task(&job, task, langs.as_deref(), &args.output);
                progress.inc(1);
                result
            })
            .collect()
    });
    progress.finish_and_clear();

    let failures = results.iter().filter(|r| r.is_err()).count();
    print_table(&tasks, &results)?;
    if failures > 0 {
        eprintln!("tmalign: {failures} of {} failed", tasks.len());
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `work` on `pool`, or on rayon's global pool.
fn on_pool<T: Send>(pool: Option<&rayon::ThreadPool>, work: impl FnOnce() -> T + Send) -> T {
    match pool {
        Some(pool) => pool.install(work),
        None => work(),
    }
}

/// `-j N`, capped at 4× the available parallelism: more threads only cost
/// memory (each holds a whole document set), and `-j 100000` once started
/// 11,000 threads and ran for minutes in silence.
fn thread_count(asked: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let cap = 4 * cores;
    if asked > cap {
        eprintln!(
            "tmalign: -j {asked} is more than 4 threads per core; using {cap} ({cores} cores)"
        );
        return cap;
    }
    asked.max(1)
}

/// Reads a set and aligns it with the core that `tmalign pipe` uses
/// ([`tmalign::corpus::align_set`]), so both commands give the same units
/// for the same documents.
fn align_task(
    job: &Job,
    task: &Task,
    langs: Option<&[String]>,
) -> Result<(SetAlignment, Vec<Input>)> {
    let inputs = job.read(&task.files)?;
    let langs = job.langs(&task.files, langs, &inputs)?;
    let set = DocumentSet::new(
        SetId::Text(task.name.clone()),
        langs
            .iter()
            .cloned()
            .zip(inputs.iter().map(|i| i.text.clone()))
            .collect(),
    );
    let done = align_set(&set, &job.corpus_options()).map_err(|e| match e {
        // Name the file, as `align` does.
        tmalign::Error::DocumentSet { message, .. } => {
            anyhow::anyhow!("{}: {message}", task.name)
        }
        other => anyhow::Error::new(other).context(task.name.clone()),
    })?;
    Ok((done, inputs))
}

/// The word-pair counts of a set's first alignment, for `--lexical-pass`;
/// a set that fails here fails again, and is reported, in the second pass.
fn learn_task(job: &Job, task: &Task, langs: Option<&[String]>) -> Option<WordPairCounts> {
    let (done, _) = align_task(job, task, langs).ok()?;
    let mut counts = WordPairCounts::new();
    let docs: Vec<&tmalign::Document> = done.aligned.documents.iter().collect();
    counts.add(&docs, &done.aligned.alignment);
    Some(counts)
}

/// Aligns a set ([`align_task`]) and writes its units.
fn run_task(job: &Job, task: &Task, langs: Option<&[String]>, out_dir: &Path) -> Result<Outcome> {
    let (done, inputs) = align_task(job, task, langs)?;
    let mut aligned = done.aligned.clone();
    aligned.formats = inputs.iter().map(|i| i.format).collect();
    let mut outcome = Outcome {
        sentences: aligned.documents.iter().map(|d| d.len()).collect(),
        beads: aligned.alignment.beads.len(),
        tmx: None,
    };
    if job.format != Format::Tmx {
        let output = out_dir.join(format!("{}.{}", task.name, job.format.extension()));
        job.write(&aligned, &task.files, Some(&output))?;
        return Ok(outcome);
    }
    let unit_sets: Vec<(&UnitSet, PathBuf)> = if job.pairs {
        done.pairs
            .iter()
            .map(|p| {
                let (a, b) = (
                    &aligned.documents[p.documents[0]].lang,
                    &aligned.documents[p.documents[1]].lang,
                );
                (p, out_dir.join(format!("{}.{a}-{b}.tmx", task.name)))
            })
            .collect()
    } else {
        vec![(&done.all, out_dir.join(format!("{}.tmx", task.name)))]
    };
    let inputs: Vec<&Path> = task.files.iter().map(PathBuf::as_path).collect();
    let mut staged = Vec::new();
    let mut total = TmxSummary::default();
    for (units, path) in unit_sets {
        let header = tmx::Header::new("tmalign", env!("CARGO_PKG_VERSION"), &units.srclang);
        let mut out = TmxOut::create(
            Some(&path),
            &inputs,
            &header,
            job.tmx.writer,
            job.split_size,
        )?;
        for tu in &units.units {
            out.write_tu(tu)?;
        }
        let (written, parts, _) = out.finish_staged()?;
        staged.extend(parts);
        total.units_written += usize::try_from(written.units_written).unwrap_or(usize::MAX);
        total.dropped_by_writer += units.summary.dropped_by_writer;
        total.one_sided += units.summary.one_sided;
        total.below_min_score += units.summary.below_min_score;
    }
    // A set's files (pairs, parts) appear together or not at all.
    Staged::commit_all(staged)?;
    outcome.tmx = Some(total);
    Ok(outcome)
}

/// The language of each folder from `--langs` or the folder names
/// (`corpus/ar`), when every folder has one; otherwise `None`, and each
/// set's languages come from its file names or scripts.
fn folder_langs(dirs: &[PathBuf], given: Option<&[String]>) -> Result<Option<Vec<String>>> {
    if let Some(given) = given {
        if given.len() != dirs.len() {
            return Err(UsageError(format!(
                "--langs names {} languages for {} folders",
                given.len(),
                dirs.len()
            ))
            .into());
        }
        return Ok(Some(
            given
                .iter()
                .map(|l| super::input::given_lang(l, "--langs"))
                .collect::<Result<_>>()?,
        ));
    }
    let from_names: Option<Vec<String>> = dirs
        .iter()
        .map(|d| {
            let name = d.canonicalize().ok()?.file_name()?.to_str()?.to_string();
            tmalign::lang::from_file_name(Path::new(&format!("{name}.dir")))
                .filter(|l| tmalign::input::is_known_language(l))
        })
        .collect();
    Ok(from_names)
}

/// Groups the files of the folders by pairing key. Returns the complete
/// sets (sorted by key) and the files that have no partner.
fn pair_files(dirs: &[PathBuf]) -> Result<(Vec<Task>, Vec<PathBuf>)> {
    use std::collections::BTreeMap;
    let mut by_key: BTreeMap<String, Vec<Option<PathBuf>>> = BTreeMap::new();
    for (k, dir) in dirs.iter().enumerate() {
        let entries = std::fs::read_dir(dir)
            .with_context(|| format!("{}: cannot list folder", dir.display()))?;
        let mut names = Vec::new();
        for entry in entries {
            let entry = entry.with_context(|| format!("{}: cannot list folder", dir.display()))?;
            let path = entry.path();
            let hidden = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_none_or(|n| n.starts_with('.'));
            if path.is_file() && !hidden {
                names.push(path);
            }
        }
        names.sort();
        for path in names {
            let key = pairing_key(&path);
            let slot = by_key.entry(key).or_insert_with(|| vec![None; dirs.len()]);
            if slot[k].is_some() {
                // Two files in one folder map to the same key: keep both
                // visible to the user rather than guessing.
                eprintln!("tmalign: {}: another file in this folder has the same name apart from its language code; skipped", path.display());
                continue;
            }
            slot[k] = Some(path);
        }
    }
    let mut tasks = Vec::new();
    let mut unpaired = Vec::new();
    for (name, slots) in by_key {
        if slots.iter().all(Option::is_some) {
            tasks.push(Task {
                name,
                files: slots.into_iter().flatten().collect(),
            });
        } else {
            unpaired.extend(slots.into_iter().flatten());
        }
    }
    Ok((tasks, unpaired))
}

/// The name a file is paired by: its file name without the extension and
/// without a final language code (`news.ar.txt` → `news`).
fn pairing_key(path: &Path) -> String {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let mut parts: Vec<&str> = name.split('.').collect();
    if parts.len() > 1 {
        parts.pop();
    }
    if parts.len() > 1 {
        let last = parts[parts.len() - 1];
        if tmalign::lang::from_file_name(Path::new(&format!("{last}.x"))).is_some() {
            parts.pop();
        }
    }
    parts.join(".")
}

fn progress_bar(len: u64, quiet: bool) -> indicatif::ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed} left {eta}")
    {
        bar.set_style(style);
    }
    bar
}

/// Prints one line per set on stdout: name, sentences, beads, units
/// written, units left out, and the error if it failed.
fn print_table(tasks: &[Task], results: &[Result<Outcome>]) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    writeln!(out, "name\tsentences\tbeads\tunits\tleft_out\tstatus")?;
    for (task, result) in tasks.iter().zip(results) {
        match result {
            Ok(o) => {
                let sentences: Vec<String> = o.sentences.iter().map(usize::to_string).collect();
                let (units, left_out) = match &o.tmx {
                    Some(s) => (
                        s.units_written.to_string(),
                        (s.one_sided + s.below_min_score + s.dropped_by_writer).to_string(),
                    ),
                    None => ("-".into(), "-".into()),
                };
                writeln!(
                    out,
                    "{}\t{}\t{}\t{units}\t{left_out}\tok",
                    task.name,
                    sentences.join("/"),
                    o.beads
                )?;
            }
            Err(e) => {
                eprintln!("tmalign: {e:#}");
                writeln!(out, "{}\t-\t-\t-\t-\tfailed", task.name)?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

fn list_dirs(dirs: &[PathBuf]) -> String {
    dirs.iter()
        .map(|d| d.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairing_key_drops_extension_and_language_code() {
        assert_eq!(pairing_key(Path::new("a/news.ar.txt")), "news");
        assert_eq!(pairing_key(Path::new("b/news.txt")), "news");
        assert_eq!(pairing_key(Path::new("b/en.txt")), "en");
        assert_eq!(pairing_key(Path::new("b/doc.ru.txt")), "doc");
        assert_eq!(
            pairing_key(Path::new("b/2024-05.report.txt")),
            "2024-05.report"
        );
    }
}
