//! `tmalign segment [--lang L] [-f lines|json] [FILE|-]`: split a text into
//! sentences.

use super::input::LineBreaksArg;
use crate::cli::{Output, UsageError};
use anyhow::Result;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tmalign::Segmenter;

/// Output formats of `tmalign segment`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One sentence per line, with a blank line between paragraphs (the
    /// input format of `align --presegmented`).
    Lines,
    /// A JSON array of `{"start": byte, "end": byte, "text": str}`; offsets
    /// are bytes of the decoded UTF-8 text (after any BOM).
    Json,
}

/// Arguments of `tmalign segment`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Language (BCP 47, e.g. ar, en, ru). By default it is taken from the
    /// file name (`news.ru.txt`), else guessed from the script.
    #[arg(long, value_name = "L")]
    pub lang: Option<String>,
    /// Output format.
    #[arg(short = 'f', long = "format", value_enum, default_value = "lines")]
    pub format: Format,
    /// Encoding of input that has no BOM and is not valid UTF-8:
    /// windows-1256, windows-1251, koi8-r, iso-8859-6, ... By default it
    /// is detected.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// How a line break inside a paragraph is read: `auto` (wrapped prose
    /// goes on, headlines and list items end), `sentence` or `space`; see
    /// `tmalign align --help`.
    #[arg(long, value_enum, default_value_t = LineBreaksArg::Auto, value_name = "MODE")]
    pub line_breaks: LineBreaksArg,
    /// Output file (written atomically); `-` or nothing for stdout.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// The text to split (plain text, .html, .docx); `-` or nothing reads
    /// standard input.
    #[arg(value_name = "FILE|-")]
    pub file: Option<PathBuf>,
}

/// One sentence in the JSON output.
#[derive(serde::Serialize)]
struct JsonSentence<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

/// Runs `tmalign segment`.
pub fn run(args: Args) -> Result<ExitCode> {
    if args.lang.as_deref().is_some_and(|l| l.trim().is_empty()) {
        return Err(UsageError("--lang needs a language code such as ar, en or ru".into()).into());
    }
    let path = args.file.as_deref().filter(|p| *p != Path::new("-"));
    let labels: Option<Vec<String>> = args.encoding.clone().map(|l| vec![l]);
    let choice = super::input::encoding_choices(labels.as_deref(), 1)?[0];
    let input = super::input::read_input(path.unwrap_or(Path::new("-")), choice)?;
    let text = input.text;
    let lang = match &args.lang {
        Some(lang) => super::input::given_lang(lang, "--lang")?,
        None => path
            .and_then(tmalign::lang::from_file_name)
            .filter(|l| tmalign::input::is_known_language(l))
            .or_else(|| tmalign::lang::from_script(&text))
            .unwrap_or_else(|| "und".to_string()),
    };
    let segmenter = Segmenter::new(&lang).with_line_breaks(args.line_breaks.into());
    let mut out = Output::create_checked(
        args.output.as_deref(),
        &path.into_iter().collect::<Vec<_>>(),
    )?;
    match args.format {
        Format::Lines => {
            let mut paragraph = 0;
            for s in segmenter.sentences(&text) {
                if s.paragraph != paragraph {
                    out.write_all(b"\n")?;
                    paragraph = s.paragraph;
                }
                out.write_all(tmalign::segment::on_one_line(&text[s.range()]).as_bytes())?;
                out.write_all(b"\n")?;
            }
        }
        Format::Json => {
            out.write_all(b"[")?;
            for (k, s) in segmenter.sentences(&text).enumerate() {
                out.write_all(if k == 0 { b"\n  " } else { b",\n  " })?;
                let item = JsonSentence {
                    start: s.start,
                    end: s.end,
                    text: &text[s.range()],
                };
                serde_json::to_writer(&mut out, &item)?;
            }
            out.write_all(b"\n]\n")?;
        }
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}
