//! `tour --html`: a handout's Markdown rendered as one self-contained HTML page, its styles
//! inlined and nothing fetched from a network, with a print stylesheet so a teacher can print
//! it (or save it as a PDF) from any browser. The Markdown is rendered by pulldown-cmark.

use pulldown_cmark::{Options, Parser, html};

/// The styles of the page: for a screen, then for paper (each lesson on a new page, code
/// blocks kept whole, the answer key on pages of its own).
const STYLE: &str = "
:root { color-scheme: light; }
body { font: 16px/1.5 Georgia, 'DejaVu Serif', serif; color: #1a1a1a; background: #fff;
  max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3 { font-family: 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif; line-height: 1.2; }
h2 { border-bottom: 2px solid #1a1a1a; padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { margin-top: 1.8rem; }
pre { background: #f3f3f0; border: 1px solid #c8c8c0; padding: .6rem .8rem;
  overflow-x: auto; font-size: 13px; line-height: 1.35; }
code { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; }
p code, li code { background: #f3f3f0; padding: 0 .2rem; }
blockquote { border-left: 4px solid #5a5a8a; margin: 1rem 0; padding: .2rem 1rem;
  background: #f4f4fa; }
a { color: #1f4f99; }
ul { padding-left: 1.4rem; }
@media print {
  @page { margin: 18mm 16mm; }
  body { font-size: 11pt; max-width: none; margin: 0; padding: 0; }
  h2 { break-before: page; }
  h3 { break-after: avoid; }
  pre, blockquote, li { break-inside: avoid; }
  pre { font-size: 8.5pt; white-space: pre-wrap; }
  a { color: inherit; text-decoration: none; }
}
";

/// A whole HTML page with `markdown` rendered as its body.
pub fn page(title: &str, markdown: &str) -> String {
    let mut body = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut body, Parser::new_ext(markdown, Options::empty()));
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

/// Text safe inside an HTML element.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_renders_markdown_and_escapes_its_title() {
        let page = page("Q&A <1>", "# Title\n\nSome *text*.\n");
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<title>Q&amp;A &lt;1&gt;</title>"));
        assert!(page.contains("<h1>Title</h1>"));
        assert!(page.contains("<em>text</em>"));
        assert!(page.contains("@media print"));
    }
}
