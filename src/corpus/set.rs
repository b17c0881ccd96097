//! One document set: an id and two or three texts that translate each
//! other, as a line of `tmalign pipe` input gives it.

use crate::error::{Error, Result};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// The id of a document set, echoed as given: a JSON string or integer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(untagged)]
pub enum SetId {
    /// `"id": "bbc.381790"`.
    Text(String),
    /// `"id": 17`.
    Number(i64),
}

impl fmt::Display for SetId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SetId::Text(s) => f.write_str(s),
            SetId::Number(n) => write!(f, "{n}"),
        }
    }
}

/// Settings a line may give for itself; each one left out takes the
/// stream's default ([`super::CorpusOptions`]).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetOptions {
    /// Units scoring below this are left out (0 to 1).
    pub min_score: Option<f64>,
    /// Also give the beads and units of each language pair.
    pub pairs: Option<bool>,
    /// One sentence per line; a blank line is a paragraph break.
    pub presegmented: Option<bool>,
}

/// Two or three texts that translate each other, in the order given (the
/// first is the source language of its units).
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentSet {
    /// The set's id, echoed in the results.
    pub id: SetId,
    /// `(language, text)`, languages canonical BCP 47, in input order.
    pub texts: Vec<(String, String)>,
    /// Settings of this set only.
    pub options: SetOptions,
}

/// The texts of a line, as a map from language to text kept in the order
/// the line gives them (serde_json's own map would sort them).
#[derive(Debug)]
struct Texts(Vec<(String, String)>);

impl<'de> Deserialize<'de> for Texts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Texts, D::Error> {
        struct TextsVisitor;
        impl<'de> Visitor<'de> for TextsVisitor {
            type Value = Texts;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object from language code to text")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Texts, A::Error> {
                let mut texts: Vec<(String, String)> = Vec::new();
                while let Some((lang, text)) = map.next_entry::<String, String>()? {
                    if texts.len() == 3 {
                        return Err(de::Error::custom("more than 3 texts; a set holds 2 or 3"));
                    }
                    texts.push((lang, text));
                }
                Ok(Texts(texts))
            }
        }
        deserializer.deserialize_map(TextsVisitor)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    id: SetId,
    texts: Texts,
    #[serde(default)]
    options: SetOptions,
}

/// Just the id of a line that failed to parse, for its error line.
#[derive(Deserialize)]
struct IdOnly {
    id: Option<SetId>,
}

impl DocumentSet {
    /// A set from `(language, text)` pairs with no options of its own.
    pub fn new(id: SetId, texts: Vec<(String, String)>) -> DocumentSet {
        DocumentSet {
            id,
            texts,
            options: SetOptions::default(),
        }
    }

    /// Parses one line of `tmalign pipe` input:
    /// `{"id": "…", "texts": {"ar": "…", "en": "…"}, "options": {…}}`.
    /// `line` (1-based) goes into the error. On error, also gives the id
    /// when the line has a readable one, so the answer can carry it.
    ///
    /// ```
    /// use tmalign::corpus::DocumentSet;
    /// let set = DocumentSet::from_json_line(r#"{"id": "a", "texts": {"en": "Hi.", "ru": "Привет."}}"#, 1).unwrap();
    /// assert_eq!(set.texts[1].0, "ru");
    /// let (id, err) = DocumentSet::from_json_line(r#"{"id": "b", "texts": {"en": "Hi."}}"#, 2).unwrap_err();
    /// assert_eq!(id.unwrap().to_string(), "b");
    /// assert!(err.to_string().starts_with("line 2: "));
    /// ```
    pub fn from_json_line(
        text: &str,
        line: u64,
    ) -> std::result::Result<DocumentSet, (Option<SetId>, Error)> {
        let parsed: Line = match serde_json::from_str(text) {
            Ok(parsed) => parsed,
            Err(e) => {
                let id = serde_json::from_str::<IdOnly>(text).ok().and_then(|l| l.id);
                let message = if e.is_syntax() || e.is_eof() {
                    format!("invalid JSON: {e}")
                } else {
                    e.to_string()
                };
                return Err((
                    id,
                    Error::DocumentSet {
                        line: Some(line),
                        message,
                    },
                ));
            }
        };
        let set = DocumentSet {
            id: parsed.id,
            texts: parsed.texts.0,
            options: parsed.options,
        };
        match set.check() {
            Ok(texts) => Ok(DocumentSet { texts, ..set }),
            Err(message) => Err((
                Some(set.id),
                Error::DocumentSet {
                    line: Some(line),
                    message,
                },
            )),
        }
    }

    /// Checks the count, the language codes and the texts; gives the texts
    /// with canonical language codes.
    fn check(&self) -> std::result::Result<Vec<(String, String)>, String> {
        if self.texts.len() < 2 {
            let have: Vec<&str> = self.texts.iter().map(|(l, _)| l.as_str()).collect();
            return Err(format!(
                "texts: a text is missing: expected 2 or 3 texts, found {} ({})",
                self.texts.len(),
                if have.is_empty() {
                    "none".to_string()
                } else {
                    have.join(", ")
                }
            ));
        }
        if let Some(score) = self.options.min_score {
            if !(0.0..=1.0).contains(&score) {
                return Err(format!("options.min_score: expected 0 to 1, found {score}"));
            }
        }
        let mut texts = Vec::with_capacity(self.texts.len());
        for (lang, text) in &self.texts {
            if !crate::input::is_known_language(lang) {
                return Err(format!(
                    "texts.{lang}: unknown language code {lang:?} (use a BCP 47 code such as ar, en, ru, fr)"
                ));
            }
            let canonical = crate::lang::canonical(lang);
            if texts
                .iter()
                .any(|(l, _): &(String, String)| *l == canonical)
            {
                return Err(format!(
                    "texts.{lang}: the language {canonical} is given twice"
                ));
            }
            if text.trim().is_empty() {
                return Err(format!("texts.{lang}: the text is empty"));
            }
            texts.push((canonical, text.clone()));
        }
        Ok(texts)
    }
}

/// Checks that each text's script fits its language (`en` on Cyrillic
/// text is an error), naming the language in the message.
pub(crate) fn check_scripts(texts: &[(String, String)]) -> Result<(), String> {
    for (lang, text) in texts {
        if let Err(e) = crate::input::check_language(lang, text, None) {
            return Err(format!("texts.{lang}: wrong language: {e}"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(line: &str) -> String {
        DocumentSet::from_json_line(line, 7)
            .unwrap_err()
            .1
            .to_string()
    }

    #[test]
    fn keeps_the_order_of_the_texts() {
        let set =
            DocumentSet::from_json_line(r#"{"id":1,"texts":{"ru":"а","en_GB":"b","ar":"c"}}"#, 1)
                .unwrap();
        let langs: Vec<&str> = set.texts.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(langs, ["ru", "en-GB", "ar"]);
        assert_eq!(set.id, SetId::Number(1));
    }

    #[test]
    fn every_bad_line_says_what_and_where() {
        assert!(err("{").starts_with("line 7: invalid JSON"), "{}", err("{"));
        assert!(err(r#"{"id":"a"}"#).contains("missing field `texts`"));
        assert!(err(r#"{"id":"a","texts":{"en":"x"}}"#).contains("a text is missing"));
        assert!(err(r#"{"id":"a","texts":{"en":"x","qq":"y"}}"#).contains("unknown language code"));
        assert!(err(r#"{"id":"a","texts":{"en":"x","ru":"  "}}"#)
            .contains("texts.ru: the text is empty"));
        assert!(err(r#"{"id":"a","texts":{"en":"x","en":"y"}}"#).contains("given twice"));
        assert!(
            err(r#"{"id":"a","texts":{"en":"x","ru":"y"},"options":{"min_score":2}}"#)
                .contains("min_score")
        );
        assert!(
            err(r#"{"id":"a","texts":{"en":"x","ru":"y"},"options":{"pair":true}}"#)
                .contains("unknown field `pair`")
        );
        assert!(err(r#"{"id":"a","texts":{"en":1,"ru":"y"}}"#).contains("invalid type"));
        assert!(
            err(r#"{"id":"a","texts":{"a":"1","b":"2","c":"3","d":"4"}}"#).contains("more than 3")
        );
    }

    #[test]
    fn a_broken_line_keeps_its_id_when_readable() {
        let (id, _) =
            DocumentSet::from_json_line(r#"{"id":"k","texts":{"en":"x"}}"#, 1).unwrap_err();
        assert_eq!(id, Some(SetId::Text("k".into())));
        let (id, _) = DocumentSet::from_json_line("not json", 1).unwrap_err();
        assert_eq!(id, None);
    }
}
