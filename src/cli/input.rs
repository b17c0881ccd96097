//! Reading the input files of `align` and `batch`: encodings, languages,
//! and the messages users see when a file is wrong.

use crate::cli::UsageError;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use tmalign::input::{self, encoding_for_label};

/// The `--encoding` option as an encoding; an unknown name is a usage error.
pub fn encoding_option(label: Option<&str>) -> Result<Option<&'static encoding_rs::Encoding>> {
    match label {
        None => Ok(None),
        Some(label) => match encoding_for_label(label) {
            Ok(enc) => Ok(Some(enc)),
            Err(e) => Err(UsageError(e.to_string()).into()),
        },
    }
}

/// Reads and decodes a text file. A missing file, a folder, bad bytes and an
/// empty text each get a one-line message that names the path.
pub fn read_text(path: &Path, encoding: Option<&'static encoding_rs::Encoding>) -> Result<String> {
    if path.is_dir() {
        anyhow::bail!("{}: is a directory, expected a text file", path.display());
    }
    let text = input::read_file(path, encoding).map_err(|e| match e {
        tmalign::Error::Io { source, .. } => {
            anyhow::anyhow!(
                "{}: cannot read: {}",
                path.display(),
                plain_io_message(&source)
            )
        }
        other => other.into(),
    })?;
    if text.trim().is_empty() {
        anyhow::bail!("{}: the text is empty", path.display());
    }
    Ok(text)
}

/// "No such file or directory" without the "(os error 2)" tail.
fn plain_io_message(err: &std::io::Error) -> String {
    let message = err.to_string();
    match message.find(" (os error") {
        Some(i) => message[..i].to_string(),
        None => message,
    }
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
            given.iter().map(|l| tmalign::lang::canonical(l)).collect()
        }
        None => files
            .iter()
            .zip(texts)
            .map(|(path, text)| match tmalign::lang::from_file_name(path) {
                Some(lang) => Ok(lang),
                None => tmalign::lang::from_script(text).with_context(|| {
                    format!(
                        "{}: cannot tell the language; name it with --langs",
                        path.display()
                    )
                }),
            })
            .collect::<Result<_>>()?,
    };
    for (i, lang) in langs.iter().enumerate() {
        if langs[..i].contains(lang) {
            return Err(UsageError(format!(
                "two texts are in the same language ({lang}); name them with --langs"
            ))
            .into());
        }
    }
    Ok(langs)
}
