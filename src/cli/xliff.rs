//! `tmx convert` to and from XLIFF 1.2: a memory becomes one `<file>` per
//! target language with the memory's translations as `translated` targets,
//! and an XLIFF file (ours, OmegaT's, translate-toolkit's) becomes TMX or
//! JSON Lines with one unit per translated `<trans-unit>`.

use super::tmx::{located, open, open_bytes};
use crate::cli::{Output, UsageError};
use anyhow::{Context, Result};
use std::io::{BufRead, Write};
use std::path::Path;
use tmx::xliff::{State, TransUnit, XliffFile, XliffReader, XliffWriter};
use tmx::Tu;

/// True when `path` names an XLIFF file (`.xlf`, `.xliff`, `.xlf.gz`).
pub fn is_xliff_path(path: &Path) -> bool {
    let name = path.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.ends_with(".xlf") || name.ends_with(".xliff")
}

/// Opens an XLIFF file (or stdin for `-`; `.gz` is decompressed).
pub fn open_xliff(path: &Path) -> Result<XliffReader<Box<dyn BufRead>>> {
    let input = open_bytes(path)?;
    XliffReader::from_bufread(input).map_err(|e| located(path, &e))
}

/// TMX → XLIFF: source `from` (by default the header's `srclang`, else the
/// first variant's language), one `<file>` per target language in `to`
/// (by default every other language of the memory, which reads it once
/// more per language).
pub fn tmx_to_xliff(
    path: &Path,
    from: Option<&str>,
    to: &[String],
    output: Option<&Path>,
) -> Result<()> {
    let (source, targets) = languages(path, from, to)?;
    if path == Path::new("-") && targets.len() > 1 {
        return Err(UsageError(
            "xliff output of several target languages reads the input once per language: give a file, or one --to".into(),
        )
        .into());
    }
    let mut out = Output::create_checked(output, &[path])?;
    let mut writer = XliffWriter::new(&mut out)?;
    let mut tu = Tu::default();
    let mut xu = TransUnit::default();
    let mut no_source = 0u64;
    let mut no_target = 0u64;
    for target in &targets {
        let mut reader = open(path)?;
        let name = path
            .file_name()
            .map_or("stdin".into(), |n| n.to_string_lossy().into_owned());
        writer.start_file(&XliffFile::new(&name, &source, Some(target)))?;
        let mut index = 0u64;
        while reader.read_tu(&mut tu).map_err(|e| located(path, &e))? {
            index += 1;
            let Some(src) = tu.variant(&source) else {
                no_source += 1;
                continue;
            };
            xu.clear();
            xu.id = index.to_string();
            xu.source = src.seg.text();
            if let Some(tuid) = &tu.tuid {
                xu.attrs.push(tmx::Attr {
                    name: "tmalign:tuid".into(),
                    value: tuid.clone(),
                });
            }
            match tu.variant(target) {
                Some(tgt) => {
                    xu.target = Some(tgt.seg.text());
                    xu.state = Some(State::Translated);
                }
                None => no_target += 1,
            }
            for note in tu.notes.iter().chain(src.notes.iter()) {
                xu.notes.push(note.value.clone());
            }
            writer
                .write_unit(&xu)
                .with_context(|| format!("{}: unit {index}", path.display()))?;
        }
    }
    let summary = writer.finish()?;
    out.finish()?;
    eprintln!(
        "{}: wrote {} units in {} file(s) ({source} → {}); {} without a target; left out {} units without a {source} variant; removed {} illegal characters",
        path.display(),
        summary.units,
        summary.files,
        targets.join(", "),
        no_target,
        no_source,
        summary.illegal_chars_removed
    );
    Ok(())
}

/// The source language and the target languages, checked against the
/// memory's languages.
fn languages(path: &Path, from: Option<&str>, to: &[String]) -> Result<(String, Vec<String>)> {
    let in_memory: Vec<String> = if path == Path::new("-") {
        Vec::new()
    } else {
        let mut reader = open(path)?;
        let mut seen = std::collections::BTreeSet::new();
        let mut tu = Tu::default();
        let mut header = reader.header().srclang.clone();
        while reader.read_tu(&mut tu).map_err(|e| located(path, &e))? {
            for v in &tu.tuvs {
                if seen.len() < 256 || seen.contains(&v.lang) {
                    seen.insert(tmx::lang::canonical(&v.lang));
                }
            }
            if header.is_empty() || header == "*all*" {
                header = tu.tuvs.first().map(|v| v.lang.clone()).unwrap_or_default();
            }
        }
        let header = tmx::lang::canonical(&header);
        let mut langs: Vec<String> = Vec::new();
        if seen.remove(&header) {
            langs.push(header);
        }
        langs.extend(seen);
        langs
    };
    let check = |lang: &str, flag: &str| -> Result<String> {
        let lang = tmx::lang::canonical(lang);
        if !in_memory.is_empty() && !in_memory.iter().any(|l| tmx::lang::same(l, &lang)) {
            return Err(UsageError(format!(
                "{flag} {lang}: {} has no variant in {lang} (its languages: {})",
                path.display(),
                in_memory.join(", ")
            ))
            .into());
        }
        Ok(lang)
    };
    let source = match from {
        Some(lang) => check(lang, "--from")?,
        None => match in_memory.first() {
            Some(lang) => lang.clone(),
            None if path == Path::new("-") => {
                return Err(
                    UsageError("xliff output from stdin needs --from and --to".into()).into(),
                )
            }
            None => anyhow::bail!("{}: the memory has no units", path.display()),
        },
    };
    let targets: Vec<String> = if to.is_empty() {
        in_memory
            .iter()
            .filter(|l| **l != source)
            .cloned()
            .collect()
    } else {
        to.iter().map(|l| check(l, "--to")).collect::<Result<_>>()?
    };
    if targets.is_empty() {
        anyhow::bail!(
            "{}: no target language: the memory holds only {source}",
            path.display()
        );
    }
    if let Some(same) = targets.iter().find(|t| tmx::lang::same(t, &source)) {
        return Err(UsageError(format!("--to {same} is the source language")).into());
    }
    Ok((source, targets))
}

/// XLIFF → TMX or JSON Lines: one unit per `<trans-unit>` with a non-empty
/// target, in the file's source and target languages.
pub fn xliff_to_memory(
    path: &Path,
    jsonl: bool,
    output: Option<&Path>,
    options: tmx::WriterOptions,
) -> Result<()> {
    let mut reader = open_xliff(path)?;
    let mut unit = TransUnit::default();
    let mut out = Output::create_checked(output, &[path])?;
    let mut untranslated = 0u64;
    let mut writer: Option<tmx::Writer<&mut Output>> = None;
    let mut units = 0u64;
    let mut out_ref = Some(&mut out);
    while reader.read_unit(&mut unit).map_err(|e| located(path, &e))? {
        let file = reader.file().cloned().unwrap_or_default();
        let (Some(target), Some(lang)) = (unit.target.as_deref(), file.target_language.as_deref())
        else {
            untranslated += 1;
            continue;
        };
        if target.trim().is_empty() {
            untranslated += 1;
            continue;
        }
        let mut tu = Tu::from_pairs([
            (file.source_language.as_str(), unit.source.as_str()),
            (lang, target),
        ]);
        tu.tuid = Some(unit.id.clone());
        if let Some(state) = &unit.state {
            tu.props
                .push(tmx::Prop::new("x-xliff-state", state.as_str()));
        }
        if jsonl {
            let out = out_ref.as_deref_mut().expect("jsonl writes to the output");
            serde_json::to_writer(&mut *out, &tu)?;
            out.write_all(b"\n")?;
        } else {
            if writer.is_none() {
                let header =
                    tmx::Header::new("tmalign", env!("CARGO_PKG_VERSION"), &file.source_language);
                let out = out_ref
                    .take()
                    .expect("the TMX writer takes the output once");
                writer = Some(tmx::Writer::new(out, &header, options)?);
            }
            if let Some(w) = writer.as_mut() {
                w.write_tu(&tu)?;
            }
        }
        units += 1;
    }
    if !jsonl {
        let w = match writer {
            Some(w) => w,
            None => {
                anyhow::bail!(
                    "{}: no translated unit to write as TMX (a TMX needs a source and a target)",
                    path.display()
                )
            }
        };
        w.finish()?;
    }
    out.finish()?;
    eprintln!(
        "{}: {units} translated units written; {untranslated} units without a target left out",
        path.display()
    );
    Ok(())
}
