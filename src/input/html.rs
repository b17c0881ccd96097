//! The visible text of an HTML page, as paragraphs.
//!
//! Block elements (`p`, `h1`–`h6`, `li`, `div`, `td`, ...) become paragraph
//! breaks and `br` a line break; whitespace collapses as a browser collapses
//! it (except in `pre`); entities are decoded by the parser (html5ever,
//! through scraper). Scripts, styles, comments and the page's furniture
//! (`head`, `nav`, `aside`, `form`, and `header`/`footer` outside an
//! `article`) are dropped, so only the article's text is aligned.

use scraper::{ElementRef, Html, Node};

/// Elements whose content is never text of the document.
const DROPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "aside", "form", "button", "select",
    "svg", "iframe", "object", "canvas", "audio", "video", "map",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "td",
    "th",
    "caption",
    "blockquote",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "figure",
    "figcaption",
    "pre",
    "address",
    "hr",
    "body",
    "html",
    "details",
    "summary",
];

/// The visible text of `html`: paragraphs separated by blank lines.
pub(crate) fn visible_text(html: &str) -> String {
    let document = Html::parse_document(html);
    let mut out = Extractor::default();
    out.walk(document.root_element(), false, false);
    out.finish()
}

#[derive(Default)]
struct Extractor {
    paragraphs: Vec<String>,
    current: String,
}

impl Extractor {
    fn walk(&mut self, element: ElementRef<'_>, in_article: bool, in_pre: bool) {
        let name = element.value().name();
        if DROPPED.contains(&name) || (!in_article && matches!(name, "header" | "footer")) {
            return;
        }
        let block = BLOCKS.contains(&name);
        let in_article = in_article || name == "article" || name == "main";
        let in_pre = in_pre || name == "pre";
        if block {
            self.end_paragraph();
        }
        if name == "br" {
            self.current
                .truncate(self.current.trim_end_matches(' ').len());
            self.current.push('\n');
        }
        // Iterative over siblings, recursive over depth (html5ever caps
        // nesting depth, so recursion is bounded).
        for child in element.children() {
            match child.value() {
                Node::Text(text) => self.text(text, in_pre),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.walk(child, in_article, in_pre);
                    }
                }
                _ => {}
            }
        }
        if block {
            self.end_paragraph();
        }
    }

    fn text(&mut self, text: &str, in_pre: bool) {
        if in_pre {
            self.current.push_str(text);
            return;
        }
        for (k, word) in text.split(is_html_space).enumerate() {
            let at_break = self.current.is_empty() || self.current.ends_with(['\n', ' ']);
            if k > 0 && !at_break {
                self.current.push(' ');
            }
            self.current.push_str(word);
        }
    }

    fn end_paragraph(&mut self) {
        let paragraph = std::mem::take(&mut self.current);
        let lines: Vec<&str> = paragraph
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if !lines.is_empty() {
            self.paragraphs.push(lines.join("\n"));
        }
    }

    fn finish(mut self) -> String {
        self.end_paragraph();
        self.paragraphs.join("\n\n")
    }
}

/// ASCII whitespace as HTML defines it; NBSP is kept, as browsers keep it.
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{0C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_breaks_entities_and_dropped_parts() {
        let html = "<!DOCTYPE html><html><head><title>T</title><style>p{}</style></head><body>\
            <header>Site</header><nav><a>Home</a></nav>\
            <article><header><h1>Storm &amp; rain</h1></header>\
            <p>One\n   two.<!-- note --> Three.<br>Four</p><script>var x;</script>\
            <ul><li>a) first</li><li>b) second</li></ul><table><tr><td>cell</td></tr></table></article>\
            <footer>© 2026</footer></body></html>";
        assert_eq!(
            visible_text(html),
            "Storm & rain\n\nOne two. Three.\nFour\n\na) first\n\nb) second\n\ncell"
        );
    }
}
