//! `tmalign align FILE FILE [FILE]`: segment, align and export.

use super::input::LineBreaksArg;
use super::output::Staged;
use super::split::TmxOut;
use crate::cli::{Output, UsageError};
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tmalign::alignment_json::Verdict;
use tmalign::export::{self, TmxOptions, TmxSummary};
use tmalign::input::Input;
use tmalign::AlignedTexts;

/// Output formats of `align` and `batch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// TMX 1.4b, one unit per bead.
    Tmx,
    /// `score<TAB>text1<TAB>text2[<TAB>text3]`.
    Tsv,
    /// Documents with sentence offsets, and beads with scores.
    Json,
    /// One bead per line: `[0]:[0, 1]`.
    Beads,
    /// XLIFF 1.2 for review in a CAT tool: the score is the match quality,
    /// and beads below --min-score are `needs-review-translation`.
    Xliff,
}

impl Format {
    /// The file extension `batch` gives this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Tmx => "tmx",
            Format::Tsv => "tsv",
            Format::Json => "json",
            Format::Beads => "beads",
            Format::Xliff => "xlf",
        }
    }
}

/// The options `align` and `batch` share.
#[derive(Debug, clap::Args)]
pub struct Shared {
    /// Languages of the texts, in order (e.g. `ar,en,ru`). By default, from
    /// the file or folder names (`ar.txt`, `story.ru.txt`, `ar/`), else from
    /// the script of the text.
    #[arg(long, value_delimiter = ',', value_name = "L,L[,L]")]
    pub langs: Option<Vec<String>>,
    /// Output format. By default taken from the extension of `--output`
    /// (`.tsv`, `.json`, `.beads`, `.xlf`), else TMX.
    #[arg(short, long, value_enum)]
    pub format: Option<Format>,
    /// One sentence per line; a blank line is a paragraph break.
    #[arg(long)]
    pub presegmented: bool,
    /// Encoding of the files: one name (windows-1256, windows-1251, koi8-r,
    /// iso-8859-6, ...) for the files that are not valid UTF-8, or one per
    /// file (`windows-1256,utf-8`). A BOM always wins. By default valid
    /// UTF-8 is UTF-8 and other files are detected (the summary names the
    /// encoding).
    #[arg(long, value_delimiter = ',', value_name = "NAME[,NAME..]")]
    pub encoding: Option<Vec<String>>,
    /// How a line break inside a paragraph is read. `auto` looks at the
    /// whole paragraph: lines of similar length that end without terminal
    /// punctuation are wrapped prose and the sentence goes on; a short line
    /// (headline, dateline) or a list item ends its sentence. `sentence`
    /// ends a sentence at every line break; `space` reads every line break
    /// as a space. A blank line always ends a paragraph.
    #[arg(long, value_enum, default_value_t = LineBreaksArg::Auto, value_name = "MODE")]
    pub line_breaks: LineBreaksArg,
    /// Two texts: split a sentence that holds several sentences of the
    /// other text at its clause boundaries (`,` `،` `;` `:` `—`, a word
    /// starting with و or ف, a capital after a lowercase word) where the
    /// pieces' lengths and numbers fit; for running text whose lines lack
    /// final punctuation, and Arabic that joins sentences.
    #[arg(long)]
    pub split_clauses: bool,
    /// Accept the languages given or inferred even when a text's script
    /// says otherwise (by default, `en` on Cyrillic text is an error).
    #[arg(long)]
    pub force_langs: bool,
    /// Word pairs that count as anchors: a file written by `batch
    /// --lexical-pass --save-word-pairs FILE` (tab-separated: lang1, lang2,
    /// word1, word2, shared beads, dice; words are the aligner's folded
    /// 4-letter keys). Only the pairs of the texts' languages are used.
    #[arg(long, value_name = "FILE")]
    pub word_pairs: Option<PathBuf>,
    /// Do not count the names of the built-in term table as anchors:
    /// months and weekdays in all their Arabic forms, units, currencies,
    /// countries, capitals and international organisations, in ar, en, ru,
    /// fr and de (`كانون الأول` = `December` = `декабря`).
    #[arg(long)]
    pub no_term_table: bool,
    /// TMX: leave out beads scoring below this (0 to 1). At the default,
    /// 94–97% of the beads kept are exactly right on Text+Berg and 99.5% on
    /// ar/en/ru news; lower it to keep more.
    #[arg(long, value_name = "X", default_value_t = tmalign::align::DEFAULT_MIN_SCORE)]
    pub min_score: f64,
    /// TMX: the header's source language. By default, the first text's.
    #[arg(long, value_name = "LANG")]
    pub srclang: Option<String>,
    /// TMX: refuse characters that XML 1.0 forbids instead of removing them.
    #[arg(long)]
    pub refuse_control_chars: bool,
    /// TMX: write parts of at most SIZE bytes (`900M`, `1G`; K, M, G count
    /// in 1024s, KB, MB, GB in 1000s): `out.001.tmx`, `out.002.tmx`, …,
    /// each a complete TMX; a unit is never cut. All parts are renamed into
    /// place only at the end.
    #[arg(long, value_name = "SIZE", value_parser = super::split::parse_size)]
    pub split_size: Option<u64>,
    /// Print no summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

/// How `align` and `export` account for what they leave out, and the TSV
/// header row.
#[derive(Debug, clap::Args)]
pub struct Listing {
    /// TMX: also write the beads left out (one-sided, below --min-score,
    /// excluded) to FILE, as TSV with a header row: bead, score, type,
    /// reason, and the text of each side. With --pairs, one file per pair
    /// (`rejected.ar-en.tsv`, ...).
    #[arg(long, value_name = "FILE")]
    pub rejected: Option<PathBuf>,
    /// TSV: start with a header row (`score`, then the languages).
    #[arg(long)]
    pub header: bool,
    /// List every bead left out in the summary, not just the first few.
    #[arg(short, long)]
    pub verbose: bool,
}

/// Arguments of `tmalign align`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Two or three texts that translate each other (plain text, .html,
    /// .docx); `-` reads one of them from standard input.
    #[arg(value_name = "FILE", required = true, num_args = 2..=3)]
    pub files: Vec<PathBuf>,
    /// Output file (written atomically); `-` or nothing for stdout.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// TMX: write one bilingual file per language pair, named after
    /// `--output` (`out.tmx` → `out.ar-en.tmx`, ...), for Trados and memoQ.
    #[arg(long, requires = "output")]
    pub pairs: bool,
    /// Also write the review page of the alignment to this HTML file, to
    /// check, correct and save it (see `tmalign review`).
    #[arg(long, value_name = "FILE")]
    pub review: Option<PathBuf>,
    #[command(flatten)]
    pub shared: Shared,
    #[command(flatten)]
    pub listing: Listing,
}

/// One TMX file written: where, what it held and left out, which documents
/// (all when `None`) and the units it was made of (the beads when `None`).
pub struct Written {
    /// The file (`stdout` for standard output).
    pub path: PathBuf,
    /// Units written and left out.
    pub summary: TmxSummary,
    /// The documents of a pair file.
    pub documents: Option<Vec<usize>>,
    /// A pair file's units.
    pub pair_units: Option<Vec<tmalign::align::PairUnit>>,
}

/// Validated settings for aligning one set of files and writing the result.
pub struct Job {
    /// Output format.
    pub format: Format,
    /// One sentence per line.
    pub presegmented: bool,
    /// `--encoding` as given.
    pub encoding: Option<Vec<String>>,
    /// How line breaks inside a paragraph are read.
    pub line_breaks: tmalign::segment::LineBreaks,
    /// Split sentences at clause boundaries (`--split-clauses`).
    pub split_clauses: bool,
    /// Accept languages that do not match the script.
    pub force_langs: bool,
    /// The aligner, with `--word-pairs` when given.
    pub aligner: tmalign::Aligner,
    /// TMX settings, threshold included.
    pub tmx: TmxOptions,
    /// One TMX per language pair.
    pub pairs: bool,
    /// TSV: a header row first.
    pub header: bool,
    /// TMX: parts of at most this many bytes.
    pub split_size: Option<u64>,
    /// No summary on stderr.
    pub quiet: bool,
}

/// The aligner of `--word-pairs FILE` and `--no-term-table`.
pub fn aligner(word_pairs: Option<&Path>, no_term_table: bool) -> Result<tmalign::Aligner> {
    let mut aligner = tmalign::Aligner::new();
    aligner.lexicon(!no_term_table);
    if let Some(path) = word_pairs {
        let pairs = tmalign::align::WordPairs::read(path)?;
        aligner.word_pairs(Some(std::sync::Arc::new(pairs)));
    }
    Ok(aligner)
}

impl Job {
    /// Checks the shared options; `output` picks the format when `-f` is
    /// not given.
    pub fn new(shared: &Shared, pairs: bool, output: Option<&Path>) -> Result<Job> {
        let format = shared.format.unwrap_or_else(|| format_for(output));
        let min_score = shared.min_score;
        if !(0.0..=1.0).contains(&min_score) {
            return Err(UsageError(format!(
                "--min-score must be between 0 and 1, not {min_score}"
            ))
            .into());
        }
        if shared.split_size.is_some() && format != Format::Tmx {
            return Err(UsageError(
                "--split-size splits TMX output; it cannot be used with --format".into(),
            )
            .into());
        }
        if pairs && format != Format::Tmx {
            return Err(UsageError(
                "--pairs writes TMX files; it cannot be used with --format".into(),
            )
            .into());
        }
        let mut tmx = TmxOptions::new();
        tmx.min_score(min_score);
        tmx.srclang = shared
            .srclang
            .as_deref()
            .map(|l| super::input::given_lang(l, "--srclang"))
            .transpose()?;
        if shared.refuse_control_chars {
            tmx.writer.control_chars(tmx::ControlChars::Refuse);
        }
        if let Some(labels) = &shared.encoding {
            // An unknown name is a usage error before any file is read.
            super::input::encoding_choices(Some(labels), labels.len())?;
        }
        let aligner = aligner(shared.word_pairs.as_deref(), shared.no_term_table)?;
        Ok(Job {
            format,
            presegmented: shared.presegmented,
            encoding: shared.encoding.clone(),
            line_breaks: shared.line_breaks.into(),
            split_clauses: shared.split_clauses,
            force_langs: shared.force_langs,
            aligner,
            tmx,
            pairs,
            header: false,
            split_size: shared.split_size,
            quiet: shared.quiet,
        })
    }

    /// The settings of the per-document core ([`tmalign::corpus`]) that
    /// match this job; languages are checked by [`Job::langs`] first.
    pub fn corpus_options(&self) -> tmalign::corpus::CorpusOptions {
        let mut options = tmalign::corpus::CorpusOptions::new();
        options
            .min_score(self.tmx.min_score)
            .pairs(self.pairs)
            .presegmented(self.presegmented)
            .line_breaks(self.line_breaks)
            .split_clauses(self.split_clauses)
            .force_langs(true)
            .writer(self.tmx.writer)
            .aligner(self.aligner.clone());
        options.srclang = self.tmx.srclang.clone();
        options
    }

    /// Reads, decodes and extracts `files`; at most one may be `-`.
    pub fn read(&self, files: &[PathBuf]) -> Result<Vec<Input>> {
        if files.iter().filter(|p| super::input::is_stdin(p)).count() > 1 {
            return Err(UsageError("only one input can be `-` (standard input)".into()).into());
        }
        let choices = super::input::encoding_choices(self.encoding.as_deref(), files.len())?;
        files
            .iter()
            .zip(choices)
            .map(|(path, choice)| {
                let input = super::input::read_input(path, choice)?;
                if input.text.trim().is_empty() {
                    anyhow::bail!("{}: the text is empty", super::input::display(path));
                }
                Ok(input)
            })
            .collect()
    }

    /// The languages of `inputs`: given, from file names or from the
    /// script; checked against the script unless `--force-langs`, and
    /// `--srclang` must be one of them.
    pub fn langs(
        &self,
        files: &[PathBuf],
        given: Option<&[String]>,
        inputs: &[Input],
    ) -> Result<Vec<String>> {
        let texts: Vec<String> = inputs.iter().map(|i| i.text.clone()).collect();
        let langs = super::input::resolve_langs(files, given, &texts)?;
        super::input::check_langs(files, &langs, &texts, self.force_langs)?;
        if let Some(src) = &self.tmx.srclang {
            if !langs.contains(src) {
                return Err(UsageError(format!(
                    "--srclang {src} is not one of the texts' languages ({})",
                    langs.join(", ")
                ))
                .into());
            }
        }
        Ok(langs)
    }

    /// Segments and aligns the texts of `files` in languages `langs`; the
    /// texts move out of `inputs` into the documents.
    pub fn align(
        &self,
        files: &[PathBuf],
        inputs: &mut [Input],
        langs: &[String],
    ) -> Result<AlignedTexts> {
        let texts: Vec<(String, String)> = langs
            .iter()
            .cloned()
            .zip(inputs.iter_mut().map(|i| std::mem::take(&mut i.text)))
            .collect();
        let mut options = tmalign::Options::new();
        options.presegmented(self.presegmented);
        options.line_breaks(self.line_breaks);
        options.split_clauses(self.split_clauses);
        options.aligner(self.aligner.clone());
        let mut aligned = tmalign::align_owned_texts(texts, &options)?;
        aligned.formats = inputs.iter().map(|i| i.format).collect();
        for (path, doc) in files.iter().zip(&aligned.documents) {
            if doc.is_empty() {
                anyhow::bail!("{}: the text has no sentences", super::input::display(path));
            }
        }
        Ok(aligned)
    }

    /// Writes the alignment to `output` (stdout when `None`), or with
    /// `pairs` to one file per language pair named after `output`. Returns
    /// the TMX files written with their summaries (none for other formats).
    pub fn write(
        &self,
        aligned: &AlignedTexts,
        files: &[PathBuf],
        output: Option<&Path>,
    ) -> Result<Vec<(PathBuf, TmxSummary)>> {
        let paths: Vec<Option<&str>> = files.iter().map(|p| p.to_str()).collect();
        let mut staged = Vec::new();
        let written = self.write_reviewed(aligned, files, &paths, &[], output, &mut staged)?;
        Staged::commit_all(staged)?;
        Ok(written.into_iter().map(|w| (w.path, w.summary)).collect())
    }

    /// [`Job::write`] for an alignment that may carry the translator's
    /// verdicts; `paths[k]` names document `k` in JSON output. The files
    /// are left in `staged`, for the caller to commit with the run's other
    /// outputs, so that a failure leaves none of them.
    pub fn write_reviewed(
        &self,
        aligned: &AlignedTexts,
        files: &[PathBuf],
        paths: &[Option<&str>],
        verdicts: &[Verdict],
        output: Option<&Path>,
        staged: &mut Vec<Staged>,
    ) -> Result<Vec<Written>> {
        let mut tmx_options = self.tmx.clone();
        tmx_options.verdicts(verdicts.to_vec());
        match self.format {
            Format::Tmx if self.pairs => {
                let base = output.unwrap_or(Path::new("out.tmx"));
                let mut written = Vec::new();
                let docs: Vec<&tmalign::Document> = aligned.documents.iter().collect();
                // The translator's verdicts stand: reviewed beads are not split.
                let reviewed: Vec<bool> = verdicts.iter().map(|v| *v != Verdict::Open).collect();
                for (a, b) in language_pairs(aligned.documents.len()) {
                    let (lang_a, lang_b) = (&aligned.documents[a].lang, &aligned.documents[b].lang);
                    let path = pair_path(base, lang_a, lang_b);
                    let srclang = self
                        .tmx
                        .srclang
                        .clone()
                        .filter(|l| l == lang_a || l == lang_b);
                    // Each pair file carries that pair's own units and confidence.
                    let units =
                        self.aligner
                            .pair_units(&docs, &aligned.alignment.beads, &reviewed, a, b);
                    let mut options = tmx_options.clone();
                    options.pair_units(a, b, units);
                    options.srclang = srclang;
                    let (summary, shown) =
                        self.write_tmx_file(aligned, files, Some(&path), &options, staged)?;
                    written.push(Written {
                        path: shown,
                        summary,
                        documents: Some(vec![a, b]),
                        pair_units: options.pair_units,
                    });
                }
                Ok(written)
            }
            Format::Tmx => {
                let (summary, path) =
                    self.write_tmx_file(aligned, files, output, &tmx_options, staged)?;
                Ok(vec![Written {
                    path,
                    summary,
                    documents: None,
                    pair_units: None,
                }])
            }
            Format::Xliff => {
                let mut options = export::XliffOptions::new();
                options.min_score = self.tmx.min_score;
                options.srclang = self.tmx.srclang.clone();
                options.verdicts = verdicts.to_vec();
                options.names = paths.iter().map(|p| p.map(str::to_string)).collect();
                let mut out = Output::create_checked(output, &inputs(files))?;
                let summary = export::write_xliff(aligned, &mut out, &options)?;
                staged.push(out.finish_staged()?);
                if !self.quiet {
                    eprintln!(
                        "{}: {} units, {} below --min-score {} marked needs-review-translation, {} without a target; left out {} target-only and {} excluded beads",
                        output.unwrap_or(Path::new("stdout")).display(),
                        summary.units,
                        summary.needs_review,
                        self.tmx.min_score,
                        summary.untranslated,
                        summary.target_only,
                        summary.excluded
                    );
                }
                Ok(Vec::new())
            }
            Format::Tsv | Format::Json | Format::Beads => {
                let mut out = Output::create_checked(output, &inputs(files))?;
                match self.format {
                    Format::Tsv => export::write_tsv_with_header(aligned, self.header, &mut out)?,
                    Format::Beads => export::write_beads(aligned, &mut out)?,
                    _ => export::write_json_with_verdicts(aligned, paths, verdicts, &mut out)?,
                }
                staged.push(out.finish_staged()?);
                Ok(Vec::new())
            }
        }
    }
}

/// Runs `tmalign align`.
pub fn run(args: Args) -> Result<ExitCode> {
    let output = args.output.as_deref().filter(|p| *p != Path::new("-"));
    let mut job = Job::new(&args.shared, args.pairs, output)?;
    job.check_listing(&args.listing)?;
    let mut inputs = job.read(&args.files)?;
    let langs = job.langs(&args.files, args.shared.langs.as_deref(), &inputs)?;
    let review = args.review.as_deref();
    job.check_outputs(&args.files, output, &args.listing, review, &langs)?;
    let aligned = job.align(&args.files, &mut inputs, &langs)?;
    if !args.shared.quiet {
        for (path, input) in args.files.iter().zip(&inputs) {
            if let Some(line) = super::input::describe_input(path, input) {
                eprintln!("{line}");
            }
        }
        for (path, cuts) in args.files.iter().zip(&aligned.cuts) {
            if *cuts > 0 {
                eprintln!(
                    "{}: {cuts} over-long sentence(s) cut at {} bytes",
                    super::input::display(path),
                    tmalign::segment::MAX_SENTENCE_BYTES
                );
            }
        }
        eprint!(
            "{}",
            super::summary::describe_alignment(&args.files, &aligned)
        );
    }
    // Every output takes its place together, once all are written: a
    // failure leaves none of them.
    let mut staged = Vec::new();
    if let Some(page) = &args.review {
        let paths: Vec<Option<&str>> = args.files.iter().map(|p| p.to_str()).collect();
        let options = tmalign::review::ReviewOptions::new()
            .min_score(job.tmx.min_score)
            .clone();
        let files = self::inputs(&args.files);
        let page = super::review::write_page(&aligned, &paths, &options, Some(page), &files)?;
        staged.push(page);
    }
    let paths: Vec<Option<&str>> = args.files.iter().map(|p| p.to_str()).collect();
    let written = job.write_reviewed(&aligned, &args.files, &paths, &[], output, &mut staged)?;
    job.report(
        &aligned,
        &args.files,
        &written,
        &args.listing,
        args.shared.quiet,
        &mut staged,
    )?;
    Staged::commit_all(staged)?;
    Ok(ExitCode::SUCCESS)
}

impl Job {
    /// Checks every file the run will write (the output, or each pair
    /// file, `--rejected` and `--review`) against `files`, the inputs,
    /// before the work, which can take a while: a missing folder or an
    /// output that is an input is reported before it, and before any
    /// other output is written.
    pub fn check_outputs(
        &self,
        files: &[PathBuf],
        output: Option<&Path>,
        listing: &Listing,
        review: Option<&Path>,
        langs: &[String],
    ) -> Result<()> {
        let rejected = listing.rejected.as_deref();
        let mut paths: Vec<PathBuf> = Vec::new();
        if self.format == Format::Tmx && self.pairs {
            let base = output.unwrap_or(Path::new("out.tmx"));
            for (a, b) in language_pairs(langs.len()) {
                paths.push(pair_path(base, &langs[a], &langs[b]));
                paths.extend(rejected.map(|r| pair_path(r, &langs[a], &langs[b])));
            }
        } else {
            paths.extend(output.map(Path::to_path_buf));
            paths.extend(rejected.map(Path::to_path_buf));
        }
        paths.extend(review.map(Path::to_path_buf));
        let files = inputs(files);
        paths
            .iter()
            .try_for_each(|path| Output::check(Some(path), &files))
    }

    /// Takes `--header` and checks that `--rejected` goes with TMX.
    pub fn check_listing(&mut self, listing: &Listing) -> Result<()> {
        if listing.rejected.is_some() && self.format != Format::Tmx {
            return Err(UsageError(
                "--rejected lists what a TMX leaves out; it needs --format tmx".into(),
            )
            .into());
        }
        if listing.header && self.format != Format::Tsv {
            return Err(UsageError("--header is for --format tsv".into()).into());
        }
        self.header = listing.header;
        Ok(())
    }

    /// Writes the `--rejected` files (never over one of `files`, the
    /// inputs) into `staged`, beside the TMX files, and prints each TMX's
    /// summary with the beads it left out (unless `quiet`).
    pub fn report(
        &self,
        aligned: &AlignedTexts,
        files: &[PathBuf],
        written: &[Written],
        listing: &Listing,
        quiet: bool,
        staged: &mut Vec<Staged>,
    ) -> Result<()> {
        for w in written {
            let left_out = || {
                tmalign::left_out::left_out_beads(
                    aligned,
                    &w.summary,
                    w.documents.as_deref(),
                    w.pair_units.as_deref(),
                )
            };
            if let Some(rejected) = &listing.rejected {
                let langs: Vec<&str> = match &w.documents {
                    Some(chosen) => chosen
                        .iter()
                        .map(|&k| aligned.documents[k].lang.as_str())
                        .collect(),
                    None => aligned.documents.iter().map(|d| d.lang.as_str()).collect(),
                };
                let path = if w.documents.is_some() {
                    pair_path(rejected, langs[0], langs[1])
                } else {
                    rejected.clone()
                };
                let mut out = Output::create_checked(Some(&path), &inputs(files))?;
                tmalign::left_out::write_left_out_tsv(&langs, left_out(), &mut out)
                    .with_context(|| format!("{}: cannot write", path.display()))?;
                staged.push(out.finish_staged()?);
            }
            if !quiet {
                eprintln!(
                    "{}",
                    super::summary::describe_tmx(&w.path, &w.summary, self.tmx.min_score)
                );
                eprint!(
                    "{}",
                    super::summary::list_left_out(left_out(), listing.verbose)
                );
            }
        }
        Ok(())
    }
}

impl Job {
    /// Writes one TMX (or its parts with `--split-size`), staged in
    /// `staged` for the caller to commit; gives the summary and the path
    /// to show.
    fn write_tmx_file(
        &self,
        aligned: &AlignedTexts,
        files: &[PathBuf],
        path: Option<&Path>,
        options: &TmxOptions,
        staged: &mut Vec<Staged>,
    ) -> Result<(TmxSummary, PathBuf)> {
        let failed = || match path {
            Some(p) => format!("{}: cannot write TMX", p.display()),
            None => "cannot write TMX".to_string(),
        };
        let srclang = export::tmx_srclang(aligned, options)?;
        let header = tmx::Header::new("tmalign", env!("CARGO_PKG_VERSION"), &srclang);
        let mut out = TmxOut::create(
            path,
            &inputs(files),
            &header,
            options.writer,
            self.split_size,
        )
        .with_context(failed)?;
        let mut summary = export::for_each_unit(aligned, options, |tu| {
            out.write_tu(tu)
                .map_err(|e| match e.downcast::<tmx::Error>() {
                    Ok(tmx) => tmalign::Error::Tmx(tmx),
                    Err(other) => tmalign::Error::Io {
                        path: path.map(Path::to_path_buf),
                        source: std::io::Error::other(format!("{other:#}")),
                    },
                })
        })
        .with_context(failed)?;
        let (written, parts, paths) = out.finish_staged().with_context(failed)?;
        staged.extend(parts);
        summary.units_written = to_usize(written.units_written);
        summary.dropped_by_writer = to_usize(written.units_dropped);
        summary.control_chars_removed = to_usize(written.illegal_chars_removed);
        Ok((summary, super::split::describe_parts(path, &paths)))
    }
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

fn inputs(files: &[PathBuf]) -> Vec<&Path> {
    files.iter().map(PathBuf::as_path).collect()
}

/// The format `-o PATH` implies: `.tsv`, `.json`, `.beads`, else TMX.
pub fn format_for(output: Option<&Path>) -> Format {
    let ext = output
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("tsv") => Format::Tsv,
        Some("json") => Format::Json,
        Some("beads") => Format::Beads,
        Some("xlf" | "xliff") => Format::Xliff,
        _ => Format::Tmx,
    }
}

/// All pairs of documents, in order: (0,1), (0,2), (1,2).
fn language_pairs(n: usize) -> Vec<(usize, usize)> {
    (0..n)
        .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
        .collect()
}

/// `out.tmx` → `out.ar-en.tmx`.
fn pair_path(base: &Path, a: &str, b: &str) -> PathBuf {
    let stem = base.file_stem().and_then(|s| s.to_str()).unwrap_or("out");
    let ext = base.extension().and_then(|s| s.to_str()).unwrap_or("tmx");
    base.with_file_name(format!("{stem}.{a}-{b}.{ext}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_paths_keep_folder_and_extension() {
        assert_eq!(
            pair_path(Path::new("d/out.tmx"), "ar", "en"),
            Path::new("d/out.ar-en.tmx")
        );
        assert_eq!(language_pairs(3), [(0, 1), (0, 2), (1, 2)]);
    }
}
