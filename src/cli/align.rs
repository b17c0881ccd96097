//! `tmalign align FILE FILE [FILE]`: segment, align and export.

use crate::cli::{Output, UsageError};
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tmalign::export::{self, TmxOptions, TmxSummary};
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
}

impl Format {
    /// The file extension `batch` gives this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Tmx => "tmx",
            Format::Tsv => "tsv",
            Format::Json => "json",
            Format::Beads => "beads",
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
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Tmx)]
    pub format: Format,
    /// One sentence per line; a blank line is a paragraph break.
    #[arg(long)]
    pub presegmented: bool,
    /// Encoding of files without a BOM: windows-1256, windows-1251, koi8-r,
    /// iso-8859-6, ... By default, UTF-8.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
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
    /// Print no summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Arguments of `tmalign align`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Two or three texts that translate each other.
    #[arg(value_name = "FILE", required = true, num_args = 2..=3)]
    pub files: Vec<PathBuf>,
    /// Output file (written atomically); `-` or nothing for stdout.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// TMX: write one bilingual file per language pair, named after
    /// `--output` (`out.tmx` → `out.ar-en.tmx`, ...), for Trados and memoQ.
    #[arg(long, requires = "output")]
    pub pairs: bool,
    #[command(flatten)]
    pub shared: Shared,
}

/// Validated settings for aligning one set of files and writing the result.
pub struct Job {
    /// Output format.
    pub format: Format,
    /// One sentence per line.
    pub presegmented: bool,
    /// Encoding of files without a BOM.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// TMX settings, threshold included.
    pub tmx: TmxOptions,
    /// One TMX per language pair.
    pub pairs: bool,
}

impl Job {
    /// Checks the shared options.
    pub fn new(shared: &Shared, pairs: bool) -> Result<Job> {
        let min_score = shared.min_score;
        if !(0.0..=1.0).contains(&min_score) {
            return Err(UsageError(format!(
                "--min-score must be between 0 and 1, not {min_score}"
            ))
            .into());
        }
        if pairs && shared.format != Format::Tmx {
            return Err(UsageError(
                "--pairs writes TMX files; it cannot be used with --format".into(),
            )
            .into());
        }
        let mut tmx = TmxOptions {
            min_score,
            srclang: shared.srclang.as_deref().map(tmalign::lang::canonical),
            ..Default::default()
        };
        if shared.refuse_control_chars {
            tmx.writer.control_chars(tmx::ControlChars::Refuse);
        }
        Ok(Job {
            format: shared.format,
            presegmented: shared.presegmented,
            encoding: super::input::encoding_option(shared.encoding.as_deref())?,
            tmx,
            pairs,
        })
    }

    /// Reads and decodes `files`.
    pub fn read(&self, files: &[PathBuf]) -> Result<Vec<String>> {
        files
            .iter()
            .map(|path| super::input::read_text(path, self.encoding))
            .collect()
    }

    /// Segments and aligns the `texts` of `files` in languages `langs`.
    pub fn align(
        &self,
        files: &[PathBuf],
        texts: &[String],
        langs: &[String],
    ) -> Result<AlignedTexts> {
        let inputs: Vec<(&str, &str)> = langs
            .iter()
            .map(String::as_str)
            .zip(texts.iter().map(String::as_str))
            .collect();
        let options = tmalign::Options {
            presegmented: self.presegmented,
            ..Default::default()
        };
        let aligned = tmalign::align_texts(&inputs, &options)?;
        for (path, doc) in files.iter().zip(&aligned.documents) {
            if doc.is_empty() {
                anyhow::bail!("{}: the text has no sentences", path.display());
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
        match self.format {
            Format::Tmx if self.pairs => {
                let base = output.unwrap_or(Path::new("out.tmx"));
                let mut written = Vec::new();
                for (a, b) in language_pairs(aligned.documents.len()) {
                    let (lang_a, lang_b) = (&aligned.documents[a].lang, &aligned.documents[b].lang);
                    let path = pair_path(base, lang_a, lang_b);
                    let srclang = self
                        .tmx
                        .srclang
                        .clone()
                        .filter(|l| l == lang_a || l == lang_b);
                    let options = TmxOptions {
                        documents: Some(vec![a, b]),
                        srclang,
                        ..self.tmx.clone()
                    };
                    let summary = write_tmx_file(aligned, Some(&path), &options)?;
                    written.push((path, summary));
                }
                Ok(written)
            }
            Format::Tmx => {
                let summary = write_tmx_file(aligned, output, &self.tmx)?;
                let shown = output.unwrap_or(Path::new("stdout")).to_path_buf();
                Ok(vec![(shown, summary)])
            }
            Format::Tsv | Format::Json | Format::Beads => {
                let mut out = Output::create(output)?;
                match self.format {
                    Format::Tsv => export::write_tsv(aligned, &mut out)?,
                    Format::Beads => export::write_beads(aligned, &mut out)?,
                    _ => {
                        let paths: Vec<Option<&str>> = files.iter().map(|p| p.to_str()).collect();
                        export::write_json(aligned, &paths, &mut out)?
                    }
                }
                out.finish()?;
                Ok(Vec::new())
            }
        }
    }
}

/// Runs `tmalign align`.
pub fn run(args: Args) -> Result<ExitCode> {
    let job = Job::new(&args.shared, args.pairs)?;
    let texts = job.read(&args.files)?;
    let langs = super::input::resolve_langs(&args.files, args.shared.langs.as_deref(), &texts)?;
    let aligned = job.align(&args.files, &texts, &langs)?;
    if !args.shared.quiet {
        eprint!(
            "{}",
            super::summary::describe_alignment(&args.files, &aligned)
        );
    }
    let written = job.write(&aligned, &args.files, args.output.as_deref())?;
    if !args.shared.quiet {
        for (path, summary) in &written {
            eprintln!(
                "{}",
                super::summary::describe_tmx(path, summary, job.tmx.min_score)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn write_tmx_file(
    aligned: &AlignedTexts,
    path: Option<&Path>,
    options: &TmxOptions,
) -> Result<TmxSummary> {
    let mut out = Output::create(path)?;
    let summary = export::write_tmx(aligned, &mut out, options).with_context(|| match path {
        Some(p) => format!("{}: cannot write TMX", p.display()),
        None => "cannot write TMX".to_string(),
    })?;
    out.finish()?;
    Ok(summary)
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
