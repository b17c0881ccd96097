//! Reading the input files of `align`, `batch` and `segment`: encodings,
//! formats, languages, and the messages users see when a file is wrong.

use crate::cli::UsageError;
use anyhow::{Context, Result};
use std::io::Read;
use std::path::{Path, PathBuf};
use tmalign::input::{self, encoding_for_label, EncodingChoice, EncodingSource, Format, Input};

/// How `--line-breaks` reads a line break inside a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LineBreaksArg {
    /// Decide per paragraph: wrapped prose (lines of similar length) goes on
    /// across its line breaks; headlines, datelines and list items end.
    #[default]
    Auto,
    /// Every line break ends a sentence.
    Sentence,
    /// Every line break is a space (except before a list item).
    Space,
}

impl From<LineBreaksArg> for tmalign::segment::LineBreaks {
    fn from(arg: LineBreaksArg) -> Self {
        match arg {
            LineBreaksArg::Auto => Self::Auto,
            LineBreaksArg::Sentence => Self::Sentence,
            LineBreaksArg::Space => Self::Space,
        }
    }
}

/// The `--encoding` option for `files` files: one name applies to the
/// files that are not valid UTF-8; one name per file forces each. An
/// unknown name or a wrong count is a usage error.
pub fn encoding_choices(labels: Option<&[String]>, files: usize) -> Result<Vec<EncodingChoice>> {
    let Some(labels) = labels else {
        return Ok(vec![EncodingChoice::Auto; files]);
    };
    let encodings = labels
        .iter()
        .map(|label| encoding_for_label(label).map_err(|e| UsageError(e.to_string()).into()))
        .collect::<Result<Vec<_>>>()?;
    match encodings.len() {
        1 => Ok(vec![EncodingChoice::IfNotUtf8(encodings[0]); files]),
        n if n == files => Ok(encodings.into_iter().map(EncodingChoice::Always).collect()),
        n => Err(UsageError(format!(
            "--encoding names {n} encodings for {files} files; give one for all, or one per file"
        ))
        .into()),
    }
}

/// True for the path `-`, standard input.
pub fn is_stdin(path: &Path) -> bool {
    path == Path::new("-")
}

/// Reads and decodes one input (`-` is standard input). A missing file, a
/// folder, bad bytes and a binary format each get a
/// one-line message that names the path.
pub fn read_input(path: &Path, choice: EncodingChoice) -> Result<Input> {
    let bytes = if is_stdin(path) {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        bytes
    } else {
        if path.is_dir() {
            anyhow::bail!("{}: is a directory, expected a text file", path.display());
        }
        std::fs::read(path).map_err(|e| {
            anyhow::anyhow!("{}: cannot read: {}", path.display(), plain_io_message(&e))
        })?
    };
    let shown = (!is_stdin(path)).then_some(path);
    Ok(input::read_input(
        bytes,
        shown.or(Some(Path::new("stdin"))),
        choice,
    )?)
}

/// `stdin` for `-`, else the path.
pub fn display(path: &Path) -> String {
    if is_stdin(path) {
        "stdin".to_string()
    } else {
        path.display().to_string()
    }
}

/// The summary line for an input that was not plain UTF-8 text, e.g.
/// `ar1256.txt: windows-1256, detected` or `page.html: html, UTF-8`.
pub fn describe_input(path: &Path, input: &Input) -> Option<String> {
    let encoding = input.decoded.encoding.name();
    let how = input.decoded.source;
    match (input.format, how) {
        (Format::Text, EncodingSource::Utf8) => None,
        (Format::Text, _) => Some(format!("{}: {encoding}, {}", display(path), how.name())),
        (format, _) => Some(format!(
            "{}: {}, {encoding} ({})",
            display(path),
            format.name(),
            how.name()
        )),
    }
}

/// "No such file or directory" without the "(os error 2)" tail.
fn plain_io_message(err: &std::io::Error) -> String {
    let message = err.to_string();
    match message.find(" (os error") {
        Some(i) => message[..i].to_string(),
        None => message,
    }
}

/// A language code given by the user: canonical, and known (else a usage
/// error, exit status 2).
pub fn given_lang(code: &str, option: &str) -> Result<String> {
    tmalign::lang::validate(code).map_err(|err| UsageError(format!("{option}: {err}")).into())
}

/// The language of each file: from `--langs`, else the file name, else the
/// script of its text (`texts[k]` is the text of `files[k]`). Two files with the same language are a usage error,
/// since a TMX unit holds one variant per language.
pub fn resolve_langs(
    files: &[PathBuf],
    given: Option<&[String]>,
    texts: &[String],
) -> Result<Vec<String>> {
    let langs: Vec<String> = match given {
        Some(given) => {
            if given.len() != files.len() {
                return Err(UsageError(format!(
                    "--langs names {} languages for {} files",
                    given.len(),
                    files.len()
                ))
                .into());
            }
            given
                .iter()
                .map(|l| given_lang(l, "--langs"))
                .collect::<Result<_>>()?
        }
        None => files
            .iter()
            .zip(texts)
            .map(|(path, text)| match tmalign::lang::from_file_name(path) {
                Some(lang) if input::is_known_language(&lang) => Ok(lang),
                _ => tmalign::lang::from_script(text).with_context(|| {
                    format!(
                        "{}: cannot tell the language; name it with --langs",
                        display(path)
                    )
                }),
            })
            .collect::<Result<_>>()?,
    };
    for (i, lang) in langs.iter().enumerate() {
        if langs[..i].contains(lang) {
            let message = match given {
                Some(_) => format!(
                    "--langs names {lang} twice; a translation memory pairs different languages (a regional tag such as {lang}-GB tells two editions apart)"
                ),
                None => format!("two texts are in the same language ({lang}); name them with --langs"),
            };
            return Err(UsageError(message).into());
        }
    }
    Ok(langs)
}

/// Checks each text against the script of its language (unless `force`).
pub fn check_langs(
    files: &[PathBuf],
    langs: &[String],
    texts: &[String],
    force: bool,
) -> Result<()> {
    if force {
        return Ok(());
    }
    for ((path, lang), text) in files.iter().zip(langs).zip(texts) {
        let shown = PathBuf::from(display(path));
        input::check_language(lang, text, Some(&shown))?;
    }
    Ok(())
}
